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
        {"text": notice.title or notice.kind, "url": notice.url or "", "due": notice.due_on}
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
