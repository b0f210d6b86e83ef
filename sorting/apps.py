from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SortingConfig(AppConfig):
    name = "sorting"
    verbose_name = _("Сортировка")

    def ready(self):
        from core import notifications
        from core.permissions import roles_of
        from core.registry import NavItem, register_home_panels, register_nav
        from sorting import home, notices, tasks  # noqa: F401 — tasks: the daily reminder's task

        notifications.register_kind(
            notices.NEXT_SORTING_DUE,
            label=notices.NEXT_SORTING_DUE_LABEL,
            render=notices.render_next_sorting_due,
        )

        register_nav(
            NavItem(
                _("Сортировка"), "sorting:overview", order=30, visible=lambda u: bool(roles_of(u))
            )
        )
        register_home_panels(home.panels)

        # Evidence for the checklist's criteria (core.evidence, issue 16 item 3).
        from sorting import evidence

        evidence.register()
