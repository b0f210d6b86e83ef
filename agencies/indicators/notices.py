"""The reminders of the indicator sheet, sent through `core.notifications` (kinds registered in
`AgenciesConfig.ready()`).

- `agencies.indicators_due`: the agency's next measurement is due by the end of the quarter
  after its latest sheet (L549 «не реже 1 раза в квартал»): the leaders of its 5S teams are told
  a few working days before.
- `agencies.indicators_overdue`: that quarter ended without a measurement: told from the day
  after its last day.

The subject is the agency's latest sheet and the due date is part of the key, so each is told
once per measurement and quarter.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.indicators.models import IndicatorSheet
from core.models import Notice
from core.notifications import NoticeText

DUE = "agencies.indicators_due"
OVERDUE = "agencies.indicators_overdue"
LABELS = {
    DUE: gettext_lazy("Напоминание об измерении показателей"),
    OVERDUE: gettext_lazy("Измерение показателей просрочено"),
}


def _render(notice: Notice, overdue: bool) -> NoticeText:
    sheet = notice.subject
    assert isinstance(sheet, IndicatorSheet) and notice.due_on is not None
    values = {
        "agency": sheet.agency.short_name,
        "last": sheet.date.strftime("%d.%m.%Y"),
        "due": notice.due_on.strftime("%d.%m.%Y"),
    }
    subject = (
        _("Измерение показателей просрочено: %(agency)s, срок был %(due)s")
        if overdue
        else _("Измерение показателей: %(agency)s, срок %(due)s")
    ) % values
    body = (
        _(
            "Мониторинг показателей и заполнение листа показателей проводятся 5S-командой не реже "
            "1 раза в квартал (пункт 4.7 методических рекомендаций). Последнее измерение в "
            "%(agency)s — %(last)s; следующее — не позднее %(due)s."
        )
        % values
    )
    return NoticeText(
        subject=subject,
        body=body,
        url=reverse("agencies:indicators-agency", args=[sheet.agency_id]),
    )


def render_due(notice: Notice) -> NoticeText:
    return _render(notice, overdue=False)


def render_overdue(notice: Notice) -> NoticeText:
    return _render(notice, overdue=True)


RENDERERS = {DUE: render_due, OVERDUE: render_overdue}
