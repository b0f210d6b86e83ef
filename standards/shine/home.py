"""What step 3 puts on the home pages, for what each person owes: the plans and schedules
waiting for their signature (Appendices 24, 25), the dates of their room's schedule passed
without a mark (L1017), the measures of Appendix 23 they check (L1019)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import calendar
from core.registry import HomePanel
from standards.shine import selectors
from standards.shine.choices import SignRole


def panels(user):
    result = []
    today = calendar.today()
    to_sign = [
        {
            "text": _("%(form)s — %(role)s") % {"form": plan, "role": SignRole(role).label},
            "url": plan.get_absolute_url(),
        }
        for plan, role in selectors.plans_to_sign(user=user)[: HomePanel.SHOWN + 1]
    ]
    to_sign += [
        {"text": str(schedule), "url": schedule.get_absolute_url(), "due": schedule.period_start}
        for schedule in selectors.schedules_to_sign(user=user)[: HomePanel.SHOWN + 1]
    ]
    if to_sign:
        result.append(
            HomePanel(
                title=_("Планы и графики уборки ждут вашей подписи"),
                url=reverse("standards:shine-plans"),
                order=38,
                items=to_sign,
            )
        )
    to_fill = [
        {
            "text": _("%(room)s: %(work)s, %(date)s")
            % {
                "room": d.row.schedule.room,
                "work": d.row.work,
                "date": d.planned_on.strftime("%d.%m.%Y"),
            },
            "url": d.row.schedule.get_absolute_url(),
            "due": d.planned_on,
            "overdue": True,
        }
        for d in selectors.dates_to_fill(user=user, today=today)[: HomePanel.SHOWN + 1]
    ]
    to_fill += [
        {
            "text": _("%(room)s: %(action)s") % {"room": r.room, "action": r.action},
            "url": r.analysis.get_absolute_url(),
            "due": r.planned_on,
            "overdue": True,
        }
        for r in selectors.analysis_rows_to_check(user=user, today=today)[: HomePanel.SHOWN + 1]
    ]
    if to_fill:
        result.append(
            HomePanel(
                title=_("Уборка: отметьте фактические даты"),
                url=reverse("standards:shine-schedules") + "?overdue=true",
                order=39,
                items=to_fill,
            )
        )
    return result
