"""What the stock of material objects registers with `core` from `StandardsConfig.ready()`:
its notice kinds, its menu entry and its home panels."""

from django.utils.translation import gettext_lazy as _

from core import notifications
from core.permissions import roles_of
from core.registry import NavItem, register_home_panels, register_nav
from standards.stock import home, notices


def register() -> None:
    notifications.register_kind(
        notices.ORDER_PROPOSED,
        label=notices.ORDER_PROPOSED_LABEL,
        render=notices.render_order_proposed,
    )
    notifications.register_kind(
        notices.AWAITING_APPROVAL,
        label=notices.AWAITING_APPROVAL_LABEL,
        render=notices.render_awaiting_approval,
    )
    register_nav(
        NavItem(
            _("Запасы"), "standards:stock-places", order=45, visible=lambda u: bool(roles_of(u))
        )
    )
    register_home_panels(home.panels)
