from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Общие сведения портала")

    def ready(self):
        from django.contrib.auth import get_user_model

        from core import home, notifications, outbox, signals
        from core.registry import register_home_panels

        signals.connect(get_user_model())
        outbox.register(notifications.SEND_HANDLER, notifications.send_notice)
        register_home_panels(home.panels)
        _queue_bursts_in_the_embedded_server()


# The listen backlog of the embedded server (`make run`: Django's runserver). Django's is 10:
# the 11th simultaneous connection of a burst was reset before it reached the portal.
EMBEDDED_SERVER_BACKLOG = 128


def _queue_bursts_in_the_embedded_server():
    from django.core.servers import basehttp

    basehttp.WSGIServer.request_queue_size = max(
        basehttp.WSGIServer.request_queue_size, EMBEDDED_SERVER_BACKLOG
    )
