from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = _("5S-стандарты")

    def ready(self):
        from standards.register import setup as register_setup

        register_setup.ready()
