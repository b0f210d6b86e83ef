"""Texts of the walk-round notices (rendered when sent, in Russian)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core import notifications
from core.models import Notice
from core.notifications import NoticeText


def render_reminder(notice: Notice) -> NoticeText:
    agency: Any = notice.subject
    url = notifications.absolute_url(reverse("agencies:walkround-agency", args=[agency.pk]))
    due = notice.due_on.strftime("%d.%m.%Y") if notice.due_on else ""
    return NoticeText(
        subject=_("%(agency)s: обход рабочих мест руководителем до %(due)s")
        % {"agency": agency.short_name, "due": due},
        body=_(
            "Руководитель ОИВ ЯО или СППО не реже 1 раза в полугодие проводит обходы рабочих мест "
            "сотрудников; присутствие лидера 5S-команды обязательно (пункт 4.5). В полугодии, "
            "которое заканчивается %(due)s, обход ещё не внесён: %(url)s"
        )
        % {"due": due, "url": url},
        url=url,
    )


def render_confirm(notice: Notice) -> NoticeText:
    walk_round: Any = notice.subject
    url = notifications.absolute_url(walk_round)
    return NoticeText(
        subject=_("Подтвердите обход рабочих мест %(date)s")
        % {"date": walk_round.date.strftime("%d.%m.%Y")},
        body=_("5S-команда внесла обход рабочих мест от %(date)s; подтвердите запись: %(url)s")
        % {"date": walk_round.date.strftime("%d.%m.%Y"), "url": url},
        url=url,
    )
