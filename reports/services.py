"""Writes of the reports app: ordering and generating documents, publishing in the «ДИАрама»
knowledge base (§4.10). Tasks, views, the API and management commands call these."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.documents import checksum
from core.exceptions import ApplicationError
from reports import documents, permissions
from reports.choices import DocumentFormat, DocumentKind, DocumentStatus, PublicationKind
from reports.models import GeneratedDocument, Publication, params_key
from reports.periods import format_month, month_label, summary_due

logger = logging.getLogger(__name__)


# --- generated documents -------------------------------------------------------------------------


def _document_params(*, kind, audit=None, month=None):
    if kind == DocumentKind.FINAL_SHEET:
        return {"audit": audit.pk}, {"audit": audit, "month": None}
    return {"month": format_month(month)}, {"audit": None, "month": month}


def document_request(
    *,
    actor,
    kind: str,
    format: str,
    audit=None,
    month: datetime.date | None = None,
    enqueue: bool = True,
) -> GeneratedDocument:
    """Order a document. The same kind, format and parameters always map to one row: a
    repeated order re-renders it (the data may have changed) unless it is already queued or
    running. The task is enqueued after the transaction commits."""
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = _("Неизвестный вид документа.")
    if format not in DocumentFormat.values:
        errors["format"] = _("Формат документа: pdf или xlsx.")
    if kind == DocumentKind.FINAL_SHEET and audit is None:
        errors["audit"] = _("Укажите аудит, итоговый лист которого нужно сформировать.")
    if kind == DocumentKind.SUMMARY and month is None:
        errors["month"] = _("Укажите месяц в формате ГГГГ-ММ, например 2026-03.")
    if errors:
        raise ApplicationError(_("Документ не может быть заказан."), details=errors)
    if kind == DocumentKind.FINAL_SHEET and not permissions.can_order_final_sheet(actor, audit):
        raise ApplicationError(
            _("Итоговый лист этого аудита вам недоступен."),
            details={"audit": _("Итоговый лист этого аудита вам недоступен.")},
        )
    if kind == DocumentKind.SUMMARY and not permissions.can_order_summary(actor):
        raise ApplicationError(
            _("Сводный отчёт формируют рабочая группа, аппарат Губернатора и администраторы."),
            details={"kind": _("Сводный отчёт вам недоступен.")},
        )
    return _document_ensure(
        kind=kind, format=format, audit=audit, month=month, actor=actor, enqueue=enqueue
    )


@transaction.atomic
def _document_ensure(*, kind, format, audit, month, actor, enqueue) -> GeneratedDocument:
    params, columns = _document_params(kind=kind, audit=audit, month=month)
    document, created = GeneratedDocument.objects.select_for_update().get_or_create(
        kind=kind,
        format=format,
        params_key=params_key(params),
        defaults={"params": params, "created_by": actor, **columns},
    )
    if not created and document.is_pending:
        return document
    if not created:
        document.status = DocumentStatus.QUEUED
        document.progress = 0
        document.error = ""
        document.attempts = 0
        document.created_by = actor or document.created_by
        document.save(update_fields=["status", "progress", "error", "attempts", "created_by"])
    if enqueue:
        from reports import tasks

        transaction.on_commit(lambda: tasks.generate_document.delay(document.pk))
    return document


def _set(document, **fields):
    for name, value in fields.items():
        setattr(document, name, value)
    document.save(update_fields=list(fields))


def document_generate(*, document_id: int) -> GeneratedDocument:
    """Render the document and store it in place of the previous file: status running, then
    done with size and checksum, or failed with the message of an expected failure
    (ApplicationError). Unexpected errors propagate so the task can retry them."""
    document = GeneratedDocument.objects.select_related("audit").get(pk=document_id)
    _set(
        document,
        status=DocumentStatus.RUNNING,
        progress=10,
        started_at=timezone.now(),
        attempts=document.attempts + 1,
        error="",
    )
    try:
        content = documents.render(document)
    except ApplicationError as exc:
        document_fail(document_id=document.pk, message=str(exc.message))
        document.refresh_from_db()
        return document
    _set(document, progress=80)
    name = documents.file_name(document)
    if document.file:
        # The new file takes the old one's place (same name), so a re-run leaves one file.
        document.file.storage.delete(document.file.name)
    with transaction.atomic():
        document.file.save(name, ContentFile(content), save=False)
        document.file_name = name
        document.size = len(content)
        document.checksum = checksum(content)
        document.status = DocumentStatus.DONE
        document.progress = 100
        document.finished_at = timezone.now()
        document.save()
    return document


def renders_in_process() -> bool:
    """No broker: tasks run in the caller's process (settings.CELERY_TASK_ALWAYS_EAGER)."""
    from django.conf import settings

    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))


def document_ensure_ready(document: GeneratedDocument) -> GeneratedDocument:
    """A document placed in the knowledge base but never rendered (in-process mode, see
    final_sheet_publish) is rendered when someone first opens or downloads it."""
    never_rendered = document.status == DocumentStatus.QUEUED and document.attempts == 0
    if never_rendered and renders_in_process():
        return document_generate(document_id=document.pk)
    return document


def document_fail(*, document_id: int, message: str) -> None:
    GeneratedDocument.objects.filter(pk=document_id).update(
        status=DocumentStatus.FAILED,
        error=message[:2000],
        finished_at=timezone.now(),
        progress=100,
    )


# --- the «ДИАрама» knowledge base ----------------------------------------------------------------


@transaction.atomic
def publication_publish(
    *,
    kind: str,
    source_key: str,
    period: datetime.date,
    title: str,
    agency=None,
    document: GeneratedDocument | None = None,
    file=None,
    file_name: str = "",
    url: str = "",
    actor=None,
) -> Publication:
    """Place an item in «ДИАрама» (§4.10), or update the entry already placed for the same
    source: a generated document, a file (bytes or a Django File, e.g. an approved 5S standard
    from the standards app) or a link to the portal page that holds it (photo reports).

    Other apps call this: `publication_publish(kind=PublicationKind.STANDARD,
    source_key=f"standard:{standard.pk}", agency=..., period=approved_on, title=...,
    file=pdf_bytes, file_name="standard.pdf")`."""
    if kind not in PublicationKind.values:
        raise ApplicationError(_("Неизвестный раздел базы знаний."), details={"kind": kind})
    if document is None and file is None and not url:
        raise ApplicationError(
            _("Публикации нужен документ, файл или ссылка."),
            details={"file": _("Приложите документ, файл или ссылку.")},
        )
    publication, _created = Publication.objects.select_for_update().get_or_create(
        kind=kind,
        source_key=source_key,
        defaults={"period": period, "title": title[:300], "agency": agency},
    )
    publication.period = period
    publication.title = title[:300]
    publication.agency = agency
    publication.document = document
    publication.url = url
    publication.published_by = actor or publication.published_by
    if file is not None:
        content = file if isinstance(file, bytes) else file.read()
        if publication.file:
            publication.file.delete(save=False)
        publication.file.save(file_name or "file", ContentFile(content), save=False)
    publication.full_clean()
    publication.save()
    return publication


def final_sheet_publish(*, audit_id: int, render: bool = True) -> list[Publication]:
    """§4.10: the signed final sheet is placed in «ДИАрама» (PDF and, as note 1 of Appendix 12
    recommends, XLSX). Idempotent: one document and one entry per format.

    With `render=False` the entries are placed at once and their files are rendered on first
    access (document_ensure_ready) — what the portal does when tasks run in-process, so that
    signing a sheet (or loading the demo history) does not wait for two renders."""
    from audits.models import Audit

    audit = Audit.objects.select_related("agency", "final_sheet").get(pk=audit_id)
    if not audit.is_finalised:
        return []
    published = []
    for format in (DocumentFormat.PDF, DocumentFormat.XLSX):
        document = _document_ensure(
            kind=DocumentKind.FINAL_SHEET,
            format=format,
            audit=audit,
            month=None,
            actor=None,
            enqueue=False,
        )
        if render and not document.is_ready:
            document = document_generate(document_id=document.pk)
            if not document.is_ready:
                raise RuntimeError(document.error or "final sheet not generated")
        published.append(
            publication_publish(
                kind=PublicationKind.FINAL_SHEET,
                source_key=f"audit:{audit.pk}:{format}",
                agency=audit.agency,
                period=audit.date,
                title=_("Итоговый оценочный лист: %(agency)s, аудит %(date)s (%(format)s)")
                % {
                    "agency": audit.agency.short_name,
                    "date": audit.date.strftime("%d.%m.%Y"),
                    "format": format.upper(),
                },
                document=document,
            )
        )
    return published


def summary_publish(*, month: datetime.date, actor=None) -> list[Publication]:
    """§4.10: the month's summary report (Appendix 13) is placed in «ДИАрама», PDF and XLSX."""
    published = []
    for format in (DocumentFormat.PDF, DocumentFormat.XLSX):
        document = _document_ensure(
            kind=DocumentKind.SUMMARY,
            format=format,
            audit=None,
            month=month,
            actor=actor,
            enqueue=False,
        )
        document = document_generate(document_id=document.pk)
        if not document.is_ready:
            raise RuntimeError(document.error or "summary not generated")
        published.append(
            publication_publish(
                kind=PublicationKind.SUMMARY,
                source_key=f"summary:{format_month(month)}:{format}",
                period=month,
                title=_("Сводный отчёт по результатам аудита на %(month)s (%(format)s)")
                % {"month": month_label(month), "format": format.upper()},
                document=document,
                actor=actor,
            )
        )
    return published


def summaries_publish_due(*, today: datetime.date) -> list[datetime.date]:
    """Publish the previous month's summary once its last allowed working day has come
    (§4.10: within 5 working days after the month ends — waiting to the last day lets the
    month's late audits, whose final sheets are due 5 working days after them, be signed)."""
    from reports.periods import previous_month

    month = previous_month(today)
    if today < summary_due(month):
        return []
    if Publication.objects.filter(
        kind=PublicationKind.SUMMARY, source_key__startswith=f"summary:{format_month(month)}:"
    ).count() >= len(DocumentFormat.values):
        return []
    summary_publish(month=month)
    return [month]


def photo_report_publish(*, agency, month: datetime.date) -> Publication:
    """§4.6 photo reports: one entry per agency and month, linking the page where the photos
    are shown to those allowed to see them (the photos themselves stay private in audits)."""
    from django.urls import reverse

    return publication_publish(
        kind=PublicationKind.PHOTO_REPORT,
        source_key=f"photos:{agency.pk}:{format_month(month)}",
        agency=agency,
        period=month,
        title=_("Фотоотчёт: %(agency)s, %(month)s")
        % {"agency": agency.short_name, "month": month_label(month)},
        url=reverse("audits:internal", args=[agency.pk]),
    )
