"""Texts of the board's reminders (rendered when sent, in Russian): due two weeks after its update
(L583), overdue after a month (L589, criterion 2.6)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.board.choices import DUE_KIND, OVERDUE_KIND
from core import notifications
from core.models import Notice
from core.notifications import NoticeText


def _date(notice: Notice) -> str:
    return notice.due_on.strftime("%d.%m.%Y") if notice.due_on else ""


def render_due(notice: Notice) -> NoticeText:
    board: Any = notice.subject
    url = notifications.absolute_url(board)
    return NoticeText(
        subject=_("%(agency)s: обновите информационный стенд до %(due)s")
        % {"agency": board.agency.short_name, "due": _date(notice)},
        body=_(
            "Информация на стенде обновляется не реже 1 раза в 2 недели (пункт 4.9). Обновите "
            "стенд и внесите обновление с фотоснимком: %(url)s"
        )
        % {"url": url},
        url=url,
    )


def render_overdue(notice: Notice) -> NoticeText:
    board: Any = notice.subject
    url = notifications.absolute_url(board)
    return NoticeText(
        subject=_("%(agency)s: информационный стенд не обновлялся более месяца")
        % {"agency": board.agency.short_name},
        body=_(
            "Информация на стенде обновляется не реже одного раза в месяц (пункт 4.9, критерий "
            "2.6); срок истёк %(due)s. Обновите стенд и внесите обновление: %(url)s"
        )
        % {"due": _date(notice), "url": url},
        url=url,
    )


KINDS = (
    (DUE_KIND, gettext_lazy("Обновление информационного стенда"), render_due),
    (OVERDUE_KIND, gettext_lazy("Информационный стенд не обновлялся более месяца"), render_overdue),
)
