"""The reminders of the register, sent through `core.notifications` (kinds registered in
`StandardsConfig.ready()`).

- `standards.review_due`: a 5S standard is to be reviewed at least once a year (L1145); the
  team leader and the head are told REVIEW_REMINDER_DAYS before the due date;
- `standards.review_overdue`: and once more the day after, when it is overdue.
The subject is the standard and `due_on` its review date, so each is sent once per approval."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import calendar
from core.models import Notice
from core.notifications import NoticeText
from standards.register import rules
from standards.register.models import Standard

REVIEW_DUE = "standards.review_due"
REVIEW_DUE_LABEL = gettext_lazy("Напоминание о пересмотре 5S-стандарта")
REVIEW_OVERDUE = "standards.review_overdue"
REVIEW_OVERDUE_LABEL = gettext_lazy("Пересмотр 5S-стандарта просрочен")
# The knowledge base's outbox handler, registered by the app that keeps «ДИАрама» (§4.10); the
# register only names it, through core.outbox, and never imports that app.
PUBLISH_STANDARD = "reports.publish_standard"


def review_text(*, standard: Standard, due_on: datetime.date, today: datetime.date) -> NoticeText:
    overdue = rules.is_review_overdue(due_on, today)
    state = _("просрочен") if overdue else _("предстоит")
    return NoticeText(
        subject=_("Пересмотр 5S-стандарта «%(title)s» (%(agency)s): %(state)s, срок %(due)s")
        % {
            "title": standard.title,
            "agency": standard.agency.short_name,
            "state": state,
            "due": due_on.strftime("%d.%m.%Y"),
        },
        body=_(
            "5S-стандарт «%(title)s» пересматривается не реже 1 раза в год (пункт 8.2 "
            "Методических рекомендаций). Утвердите его новую редакцию не позднее %(due)s."
        )
        % {"title": standard.title, "due": due_on.strftime("%d.%m.%Y")},
        url=standard.get_absolute_url(),
    )


def render_review(notice: Notice) -> NoticeText:
    standard = notice.subject
    assert isinstance(standard, Standard) and notice.due_on is not None
    return review_text(standard=standard, due_on=notice.due_on, today=calendar.today())
