"""The notices of sorting, sent through `core.notifications` (kinds registered in
`SortingConfig.ready()`).

- `sorting.next_sorting_due`: the team leader is reminded that the agency's next sorting is due
  (§5.4, seed 003 L755: «в период развёртывания системы 5S - не реже 1 раза в месяц, при её
  функционировании - не реже 1 раза в квартал»), a few working days before the date or once it
  has passed. The subject is the agency, the due date the notice's `due_on`, so each leader is
  told once per agency and due date.

A render function rebuilds the text when the notice is sent (in Russian); the link is the
agency's row of the sorting overview, made absolute by `core.notifications`.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from core import calendar
from core.models import Notice
from core.notifications import NoticeText

NEXT_SORTING_DUE = "sorting.next_sorting_due"
NEXT_SORTING_DUE_LABEL = gettext_lazy("Напоминание о следующей сортировке")


def overview_url(agency_id: int) -> str:
    """The sorting overview filtered to the agency (AgencyFilter: `agency`)."""
    return f"{reverse('sorting:overview')}?agency={agency_id}"


def next_sorting_due_text(
    *, agency: Agency, due_on: datetime.date, today: datetime.date
) -> NoticeText:
    """The reminder's subject and body: «просрочена» once the due date has passed, otherwise
    «предстоит» (§5.4, L755)."""
    state = _("просрочена") if due_on < today else _("предстоит")
    return NoticeText(
        subject=_("Сортировка в %(agency)s: %(state)s, срок %(due)s")
        % {"agency": agency.short_name, "state": state, "due": due_on.strftime("%d.%m.%Y")},
        body=_(
            "Следующая сортировка (шаг 1 системы 5S) в %(agency)s должна быть проведена "
            "не позднее %(due)s (пункт 5.4 Методических рекомендаций: в период "
            "развёртывания — не реже 1 раза в месяц, при функционировании — не реже 1 "
            "раза в квартал)."
        )
        % {"agency": agency.full_name, "due": due_on.strftime("%d.%m.%Y")},
        url=overview_url(agency.pk),
    )


def render_next_sorting_due(notice: Notice) -> NoticeText:
    agency = notice.subject
    assert isinstance(agency, Agency) and notice.due_on is not None
    return next_sorting_due_text(agency=agency, due_on=notice.due_on, today=calendar.today())
