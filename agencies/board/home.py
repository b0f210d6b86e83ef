"""Home panel of the board's responsible member (L583): «обновить стенд» when due (two weeks
since its update) or overdue (more than a month, L589, criterion 2.6)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.board import selectors
from agencies.people import person_of
from core import calendar
from core.registry import HomePanel


def panels(user):
    person = person_of(user)
    if person is None:
        return []
    items = []
    for row in selectors.board_statuses(today=calendar.today(), collector_id=person.pk):
        if not row.status.is_due:
            continue
        items.append(
            {
                "text": _("%(agency)s: обновить стенд") % {"agency": row.board.agency.short_name},
                "url": reverse("agencies:board", args=[row.board.agency_id]),
                "due": row.status.due_on,
                "overdue": row.status.is_overdue,
            }
        )
    if not items:
        return []
    return [HomePanel(title=_("Информационный стенд"), order=46, items=items)]
