from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Аудиты")

    def ready(self):
        from audits import home, notices
        from audits.permissions import can_view_audits_section
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(NavItem(_("Аудиты"), "audits:list", order=20, visible=can_view_audits_section))
        register_home_panels(home.panels)
        notices.register()
