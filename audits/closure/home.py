"""Home panel of a team leader: the step their agency works on and what its closure still lacks
(§4.6, L501: the diagnosis after the step — every room in an internal audit, the photo report)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.people import agency_ids_of
from audits.choices import STEP_NAMES
from audits.closure import selectors
from audits.closure.choices import LAST_STEP
from audits.closure.rules import closure_refusals
from core import calendar
from core.permissions import has_role
from core.registry import HomePanel
from core.roles import Role


def panels(user):
    if not has_role(user, Role.TEAM_LEADER):
        return []
    today = calendar.today()
    items = []
    for agency in Agency.objects.filter(pk__in=agency_ids_of(user)).order_by("short_name"):
        last = selectors.last_closure(agency)
        done = agency.steps_completed
        step = done + 1
        if step > LAST_STEP:
            continue
        diagnosis = selectors.diagnosis_of(agency, step, since=last.closed_on if last else None)
        missing = closure_refusals(
            step=step,
            steps_completed=done,
            diagnosis=diagnosis,
            closed_on=today,
            previous_closed_on=last.closed_on if last else None,
            today=today,
            rows=1,
        )
        text = _("%(agency)s: шаг %(step)s «%(name)s»") % {
            "agency": agency.short_name,
            "step": step,
            "name": STEP_NAMES[step],
        }
        text += " — " + (
            " ".join(missing.values()) if missing else _("диагностика проведена, можно завершать")
        )
        items.append({"text": text, "url": reverse("audits:closure-agency", args=[agency.pk])})
    if not items:
        return []
    return [
        HomePanel(
            title=_("Завершение шага"),
            url=reverse("audits:closure-overview"),
            order=40,
            items=items,
        )
    ]
