from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = _("5S-стандарты")

    def ready(self):
        from standards.placement import registration as placement_registration
        from standards.placement import tasks as placement_tasks  # noqa: F401 (the reminder task)
        from standards.shine import registration as shine_registration
        from standards.stock import registration as stock_registration
        from standards.visual import registration as visual_registration

        placement_registration.register()
        shine_registration.register()
        stock_registration.register()
        visual_registration.register()

        from standards.register import setup as register_setup

        register_setup.ready()

        # Evidence for the checklist's criteria (core.evidence, issue 16 item 3).
        from standards import evidence

        evidence.register()
