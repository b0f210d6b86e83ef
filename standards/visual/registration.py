"""What visual control registers with `core` from `StandardsConfig.ready()`: its menu entry."""

from django.utils.translation import gettext_lazy as _

from core.permissions import roles_of
from core.registry import NavItem, register_nav


def register() -> None:
    register_nav(
        NavItem(
            _("Визуальный контроль"),
            "standards:visual-lists",
            order=46,
            visible=lambda u: bool(roles_of(u)),
        )
    )
