"""What the register of 5S standards plugs into core (called from StandardsConfig.ready()):
its notice kinds, menu entry and home panels."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from core import notifications
    from core.permissions import roles_of
    from core.registry import NavItem, register_home_panels, register_nav
    from standards.register import home, notices, tasks  # noqa: F401 — tasks: the daily reminder

    notifications.register_kind(
        notices.REVIEW_DUE, label=notices.REVIEW_DUE_LABEL, render=notices.render_review
    )
    notifications.register_kind(
        notices.REVIEW_OVERDUE, label=notices.REVIEW_OVERDUE_LABEL, render=notices.render_review
    )
    register_nav(
        NavItem(
            _("5S-стандарты"),
            "standards:register",
            order=40,
            visible=lambda user: bool(roles_of(user)),
        )
    )
    register_home_panels(home.panels)
