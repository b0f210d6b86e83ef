from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Отчёты и база знаний")

    def ready(self):
        from core.registry import NavItem, register_home_panels, register_nav
        from reports import handlers, home, permissions, signals

        handlers.register()
        signals.connect()
        register_home_panels(home.panels)
        register_nav(
            NavItem(
                _("Сводный отчёт / Дашборд"),
                "reports:dashboard",
                order=70,
                visible=permissions.can_view_region,
            )
        )
        register_nav(
            NavItem(
                _("База знаний «ДИАрама»"),
                "reports:knowledge-base",
                order=80,
                visible=permissions.can_view_knowledge_base,
            )
        )
