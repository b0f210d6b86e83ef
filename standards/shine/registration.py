"""What step 3 registers with `core` from `StandardsConfig.ready()`: its notice kinds, its menu
entry and its home panels."""

from django.utils.translation import gettext_lazy as _

from core import notifications
from core.permissions import roles_of
from core.registry import NavItem, register_home_panels, register_nav
from standards.shine import home, notices, tasks  # noqa: F401 — tasks: the daily reminder


def register() -> None:
    for kind, label, render in (
        (notices.DATE_MISSED, notices.DATE_MISSED_LABEL, notices.render_date_missed),
        (notices.MEASURE_OVERDUE, notices.MEASURE_OVERDUE_LABEL, notices.render_measure_overdue),
        (notices.TO_SIGN, notices.TO_SIGN_LABEL, notices.render_to_sign),
        (notices.GENERAL_CLEANING, notices.GENERAL_CLEANING_LABEL, notices.render_general_cleaning),
    ):
        notifications.register_kind(kind, label=label, render=render)
    register_nav(
        NavItem(
            _("Чистота"), "standards:shine-schedules", order=44, visible=lambda u: bool(roles_of(u))
        )
    )
    register_home_panels(home.panels)
