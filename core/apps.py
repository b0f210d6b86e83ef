from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Общие сведения портала")

    def ready(self):
        from core import home, notifications, outbox
        from core.registry import register_home_panels

        outbox.register(notifications.SEND_HANDLER, notifications.send_notice)
        register_home_panels(home.panels)
