from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("ОИВ ЯО, СППО и 5S-команды")

    def ready(self):
        from agencies import home
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(NavItem(_("ОИВ ЯО и СППО"), "agencies:list", order=10))
        register_nav(NavItem(_("Рабочая группа"), "agencies:working-group", order=90))
        register_home_panels(home.panels)
