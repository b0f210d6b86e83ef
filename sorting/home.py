"""What sorting puts on the home pages: the next sorting date for the team leader, overdue
sortings for the region's roles, items the storage-zone keeper has to look after."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.people import person_of
from core import calendar
from core.permissions import has_role, sees_whole_region
from core.registry import HomePanel
from core.roles import Role


def panels(user):
    from agencies.models import FiveSTeam
    from sorting import selectors

    result = []
    today = calendar.today()
    if sees_whole_region(user):
        overdue = [s for s in selectors.agency_schedules(today=today).values() if s.overdue]
        result.append(
            HomePanel(
                title=_("Просроченные сортировки"),
                url=reverse("sorting:overview"),
                order=40,
                empty_text=_("Все ОИВ ЯО и СППО провели сортировку в срок."),
                items=[
                    {
                        "text": s.agency.short_name,
                        "url": reverse("sorting:overview") + f"?agency={s.agency.pk}",
                        "due": s.due,
                        "overdue": True,
                    }
                    for s in overdue
                ],
            )
        )
    person = person_of(user)
    if person is None:
        return result
    led = list(
        FiveSTeam.objects.filter(leader=person).values_list("agencies", flat=True).distinct()
    )
    kept = list(FiveSTeam.objects.filter(storage_keeper=person).values_list("agencies", flat=True))
    items = []
    if led and has_role(user, Role.TEAM_LEADER):
        for schedule in selectors.agency_schedules(agency_ids=led, today=today).values():
            items.append(
                {
                    "text": _("Следующая сортировка: %(agency)s") % {"agency": schedule.agency},
                    "url": reverse("sorting:overview"),
                    "due": schedule.due,
                    "overdue": schedule.overdue,
                }
            )
    for agency_id in {a for a in led + kept if a}:
        flagged = [
            row
            for row in selectors.zone_rows(agency_id=agency_id, today=today)
            if row.overdue or row.unaccounted or row.mismatched
        ]
        check_overdue = selectors.zone_check_overdue(agency_id=agency_id, today=today)
        if flagged or check_overdue:
            items.append(
                {
                    "text": _zone_text(len(flagged), check_overdue),
                    "url": reverse("sorting:zone", args=[agency_id]),
                    "overdue": True,
                }
            )
    if items:
        result.append(
            HomePanel(title=_("Сортировка"), url=reverse("sorting:overview"), items=items, order=35)
        )
    return result


def _zone_text(flagged: int, check_overdue: bool) -> str:
    """«Зона временного хранения: 1 предмет требует внимания, еженедельная проверка просрочена»
    — a Russian plural (sorting/locale/ru), never «требуют внимания 1» (issue 17, item 10)."""
    parts = []
    if flagged:
        parts.append(
            ngettext("%(n)s предмет требует внимания", "%(n)s предметов требуют внимания", flagged)
            % {"n": flagged}
        )
    parts.append(
        _("еженедельная проверка просрочена")
        if check_overdue
        else _("еженедельная проверка в срок")
    )
    return _("Зона временного хранения: %(state)s") % {"state": ", ".join(parts)}
