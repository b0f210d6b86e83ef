"""What the indicator sheet puts on the home pages (L549): the 5S team sees its agencies' next
measurement when due within a few working days or overdue; the leader sees sheets awaiting
approval (L513)."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.indicators import rules, selectors
from agencies.indicators.choices import REMINDER_WORKING_DAYS, SheetStatus
from agencies.indicators.models import IndicatorSheet
from agencies.models import Agency, FiveSTeam
from agencies.people import person_of
from core import calendar
from core.registry import HomePanel


def panels(user):
    person = person_of(user)
    if person is None:
        return []
    today = calendar.today()
    horizon = calendar.add_working_days(today, REMINDER_WORKING_DAYS)
    team_agencies = FiveSTeam.objects.filter(memberships__person=person).values("agencies")
    items = []
    agencies = (
        Agency.objects.filter(pk__in=team_agencies)
        .annotate(last=Max("indicator_sheets__date"))
        .order_by("short_name")
    )
    for agency in agencies:
        url = reverse("agencies:indicators-agency", args=[agency.pk])
        if agency.last is None:
            # L557: the initial sheet goes with the copy of the approved deployment plan.
            initial = selectors.initial_state(agency=agency, today=today)
            items.append(
                {
                    "text": _("Лист показателей первоначального состояния: %(agency)s")
                    % {"agency": agency.short_name},
                    "url": url,
                    "due": initial.copies_due,
                    "overdue": initial.overdue,
                }
            )
            continue
        due = rules.next_due(agency.last)
        if due <= horizon:
            items.append(
                {
                    "text": _("Измерение показателей: %(agency)s") % {"agency": agency.short_name},
                    "url": url,
                    "due": due,
                    "overdue": rules.is_overdue(agency.last, today),
                }
            )
    led = FiveSTeam.objects.filter(leader=person).values("agencies")
    for sheet in IndicatorSheet.objects.filter(
        agency__in=led, status=SheetStatus.DRAFT
    ).select_related("agency"):
        items.append(
            {
                "text": _("Утвердить лист показателей: %(sheet)s") % {"sheet": sheet},
                "url": sheet.get_absolute_url(),
            }
        )
    if not items:
        return []
    return [
        HomePanel(
            title=_("Показатели"),
            url=reverse("agencies:indicators-agency", args=[person.agency_id]),
            items=items,
            order=47,
        )
    ]
