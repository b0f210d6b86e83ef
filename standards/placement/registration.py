"""What «Set in order» registers with `core` from `StandardsConfig.ready()`: its notice kinds,
its menu entry, its home panels and the condition of closing step 2 (L947: the step is not
finished while a room has no approved rational-placement scheme)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import notifications
from core.permissions import roles_of
from core.registry import NavItem, register_home_panels, register_nav, register_step_requirement
from standards.placement import home, notices, selectors

STEP = 2
REQUIREMENT_KEY = "placement_schemes"


def rooms_without_scheme_refusal(agency_id: int) -> str | None:
    """The refusal of closing step 2 while a room (not a single workplace, L909) has no
    approved rational-placement scheme (L893, L947), naming the rooms."""
    missing = selectors.rooms_without_approved_scheme(agency_id)
    if not missing:
        return None
    return _(
        "Нет утверждённой схемы рационального размещения предметов в помещениях: %(rooms)s "
        "(§6.3; помещение с одним рабочим местом схемы не требует)."
    ) % {"rooms": ", ".join(missing)}


def register() -> None:
    notifications.register_kind(
        notices.SCHEME_AWAITING_APPROVAL,
        label=notices.SCHEME_AWAITING_APPROVAL_LABEL,
        render=notices.render_scheme_awaiting_approval,
    )
    notifications.register_kind(
        notices.SCHEDULE_AWAITING_AGREEMENT,
        label=notices.SCHEDULE_AWAITING_AGREEMENT_LABEL,
        render=notices.render_schedule_awaiting_agreement,
    )
    notifications.register_kind(
        notices.SCHEDULE_COPY_DUE,
        label=notices.SCHEDULE_COPY_DUE_LABEL,
        render=notices.render_schedule_copy_due,
    )
    register_nav(
        NavItem(
            gettext_lazy("Порядок"),
            "standards:placement-schemes",
            order=44,
            visible=lambda u: bool(roles_of(u)),
        )
    )
    register_home_panels(home.panels)
    register_step_requirement(STEP, rooms_without_scheme_refusal, key=REQUIREMENT_KEY)
