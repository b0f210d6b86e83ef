"""What core puts on every home page: the person's recent notices («Уведомления»)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import selectors
from core.registry import HomePanel


def panels(user):
    # The newest few; the title links to the page with all of them.
    notices = list(selectors.notice_list(user=user)[: HomePanel.SHOWN])
    if not notices:
        return []
    items = [
        {"text": notice.title or notice.kind, "url": notice.url or "", "due": _due(notice)}
        for notice in notices
    ]
    return [
        HomePanel(
            title=_("Уведомления"),
            items=items,
            url=reverse("notices"),
            order=5,
        )
    ]


def _due(notice):
    """The notice's date, unless its title says it already («Внешний аудит …: 27.11.2026» was
    followed by «срок: 27.11.2026», the date said twice; issue 17, item 10)."""
    due = notice.due_on
    if due is not None and due.strftime("%d.%m.%Y") in (notice.title or ""):
        return None
    return due
