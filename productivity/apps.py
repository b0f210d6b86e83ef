from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductivityConfig(AppConfig):
    name = "productivity"
    verbose_name = _("Производительность труда")

    def ready(self):
        from core.registry import NavItem, register_home_panels, register_nav
        from productivity import home
        from productivity.permissions import can_view_productivity

        register_nav(
            NavItem(
                _("Производительность труда"),
                "productivity:index",
                order=60,
                visible=can_view_productivity,
            )
        )
        register_home_panels(home.panels)
