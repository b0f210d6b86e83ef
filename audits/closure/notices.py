"""The notice that carries a step's signed document to its recipient (L765, L945, L1065, L1341)
and the closure's document (a printable PDF through core.documents)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from audits.choices import STEP_NAMES
from audits.closure.choices import STEP_SUBJECTS, DocumentKind
from core import notifications
from core.models import Notice
from core.notifications import NoticeText


def document_title(closure: Any) -> str:
    if closure.document_kind == DocumentKind.STANDARDS:
        return _("Перечень 5S-стандартов")
    return _("Перечень проблемных вопросов и предложения %(subject)s") % {
        "subject": STEP_SUBJECTS.get(closure.step, "")
    }


def render_document_notice(notice: Notice) -> NoticeText:
    closure: Any = notice.subject
    url = notifications.absolute_url(reverse("audits:closure-pdf", args=[closure.pk]))
    return NoticeText(
        subject=_("%(agency)s: шаг %(step)s «%(name)s» завершён — %(title)s")
        % {
            "agency": closure.agency.short_name,
            "step": closure.step,
            "name": STEP_NAMES[closure.step],
            "title": document_title(closure),
        },
        body=_(
            "Лидер 5S-команды %(leader)s направляет %(title)s по итогам шага %(step)s "
            "(дата: %(date)s). Документ для печати: %(url)s"
        )
        % {
            "leader": closure.leader or "",
            "title": document_title(closure),
            "step": closure.step,
            "date": closure.closed_on.strftime("%d.%m.%Y") if closure.closed_on else "",
            "url": url,
        },
        url=url,
    )
