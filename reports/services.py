"""Writes of the reports app: ordering and generating documents, publishing in the «ДИАрама»
knowledge base (§4.10). Tasks, views, the API and management commands call these."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox
from core.documents import checksum
from core.exceptions import ApplicationError
from core.models import OutboxStatus
from core.periods import format_month, previous_month
from reports import documents, permissions
from reports.choices import (
    DOCUMENT_MAX_ATTEMPTS,
    GENERATE_DOCUMENT,
    PUBLISH_FINAL_SHEET,
    PUBLISH_PHOTO_REPORT,
    PUBLISH_SUMMARY,
    DocumentFormat,
    DocumentKind,
    DocumentStatus,
    PublicationKind,
)
from reports.models import GeneratedDocument, Publication, params_key
from reports.periods import month_label, summary_due

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
    running. Its generation is an outbox message written in the same transaction
    (core.outbox): dispatched after the commit, and by the sweep when the broker was down, so an
    order is never lost and never answered with a server error."""
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


class DocumentFailed(Exception):
    """A document that failed DOCUMENT_MAX_ATTEMPTS times: recorded on it as failed, and its
    outbox message fails with it (a declared, expected error: no further tries)."""


def _schedule_generation(document: GeneratedDocument) -> None:
    """The document's follow-up (core.outbox), written in the caller's transaction: made once
    per document; a finished or failed one is revived (`again`), a pending or running one is
    left as it is — unless no broker ever took it, in which case it is handed over again at
    once (a re-order after the broker came back does not wait for the sweep)."""
    key = f"document:{document.pk}"
    before = outbox.status_of(GENERATE_DOCUMENT, key)
    message = outbox.schedule(
        GENERATE_DOCUMENT, key=key, payload={"document_id": document.pk}, again=True
    )
    if before == OutboxStatus.PENDING and message.dispatched_at is None:
        message_id = message.pk
        transaction.on_commit(lambda: outbox.dispatch(message_id))


@transaction.atomic
def _document_ensure(*, kind, format, audit, month, actor, enqueue) -> GeneratedDocument:
    params, columns = _document_params(kind=kind, audit=audit, month=month)
    document, created = GeneratedDocument.objects.select_for_update().get_or_create(
        kind=kind,
        format=format,
        params_key=params_key(params),
        defaults={"params": params, "created_by": actor, **columns},
    )
    if not created and not document.is_pending:
        _requeue(document, actor=actor)
    if enqueue:
        # A pending order is not answered with its old id alone: its follow-up is made sure of
        # (an order from before the outbox, or one whose message failed, gets a live one).
        _schedule_generation(document)
    return document


def _requeue(document: GeneratedDocument, *, actor=None, error: str = "") -> None:
    document.status = DocumentStatus.QUEUED
    document.progress = 0
    document.error = error
    document.attempts = 0
    document.created_by = actor or document.created_by
    document.save(update_fields=["status", "progress", "error", "attempts", "created_by"])


def document_file_missing(document: GeneratedDocument) -> bool:
    """A document recorded as done whose file is not on disk (a lost volume, a restored
    database): it has to be made again."""
    if document.status != DocumentStatus.DONE:
        return False
    name = document.file.name
    return not name or not document.file.storage.exists(name)


@transaction.atomic
def document_regenerate_missing(*, document_id: int) -> GeneratedDocument:
    """Re-order a document whose file is gone (document_file_missing): queued again, its
    follow-up revived; a no-op when it is already pending or its file is back."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document_id)
    if document_file_missing(document):
        logger.warning("document %s: file %r is missing, made again", document.pk, document.file)
        _requeue(document, error=_("Файл документа не найден; документ формируется заново."))
        _schedule_generation(document)
    return document


def _set(document, **fields):
    for name, value in fields.items():
        setattr(document, name, value)
    document.save(update_fields=list(fields))


def document_generate(*, document_id: int) -> GeneratedDocument | None:
    """Render the document and store it in place of the previous file: status running, then
    done with size and checksum, or failed with the message of an expected failure
    (ApplicationError). Idempotent: a document already done (a second delivery of the same
    order) or failed is left as it is, so a document is made once per order.

    An unexpected error puts the document back in the queue with its text and propagates, so
    the outbox tries again after its backoff; the DOCUMENT_MAX_ATTEMPTS-th failure is recorded
    as failed (DocumentFailed). A worker killed mid-render leaves it running: the next delivery
    (the sweep, once the lease runs out) renders it again."""
    document = GeneratedDocument.objects.select_related("audit").filter(pk=document_id).first()
    if document is None or document.status in (DocumentStatus.DONE, DocumentStatus.FAILED):
        return document
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
    except Exception as exc:
        text = f"{type(exc).__name__}: {exc}"
        if document.attempts >= DOCUMENT_MAX_ATTEMPTS:
            logger.exception("document %s failed for good", document.pk)
            document_fail(document_id=document.pk, message=text)
            raise DocumentFailed(text) from exc
        logger.warning("document %s failed (attempt %s): %s", document.pk, document.attempts, text)
        _set(document, status=DocumentStatus.QUEUED, progress=0, error=text)
        raise
    _set(document, progress=80)
    name = documents.file_name(document)
    previous = document.file.name
    with transaction.atomic():
        document.file.save(name, ContentFile(content), save=False)
        document.file_name = name
        document.size = len(content)
        document.checksum = checksum(content)
        document.status = DocumentStatus.DONE
        document.progress = 100
        document.finished_at = timezone.now()
        document.save()
        if previous and previous != document.file.name:
            # The previous render stays downloadable until the new one is committed (a re-order
            # meanwhile serves it, reports.views.file_response); then one file is left.
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(previous))
    return document


def renders_in_process() -> bool:
    """No broker: follow-ups run in the caller's process (core.outbox.uses_broker)."""
    return not outbox.uses_broker()


def document_ensure_ready(document: GeneratedDocument) -> GeneratedDocument:
    """Before a document is shown or downloaded: one placed in the knowledge base but never
    rendered (in-process mode, see final_sheet_publish) is rendered now; one whose file is gone
    from disk is re-ordered (document_regenerate_missing)."""
    never_rendered = document.status == DocumentStatus.QUEUED and document.attempts == 0
    if never_rendered and renders_in_process():
        return document_generate(document_id=document.pk) or document
    if document_file_missing(document):
        return document_regenerate_missing(document_id=document.pk)
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


@transaction.atomic
def _published_document(*, kind, format, audit, fresh_since) -> GeneratedDocument:
    """The document to publish: the one already ordered with these parameters, kept as it is
    when it was made (or is being made) after `fresh_since`, otherwise queued again."""
    params, columns = _document_params(kind=kind, audit=audit, month=None)
    document, created = GeneratedDocument.objects.select_for_update().get_or_create(
        kind=kind,
        format=format,
        params_key=params_key(params),
        defaults={"params": params, **columns},
    )
    if created or document.is_pending:
        return document
    if document.status == DocumentStatus.DONE and (
        fresh_since is None or (document.finished_at and document.finished_at >= fresh_since)
    ):
        return document
    _requeue(document)
    return document


def final_sheet_publish(*, audit_id: int, render: bool = True) -> list[Publication]:
    """§4.10: the signed final sheet is placed in «ДИАрама» (PDF and, as note 1 of Appendix 12
    recommends, XLSX). Idempotent: one document and one entry per format, and a document
    already made after the signing is not made again.

    With `render=False` the entries are placed at once and their files are rendered on first
    access (document_ensure_ready) — what the portal does when tasks run in-process, so that
    signing a sheet (or loading the demo history) does not wait for two renders."""
    from audits.models import Audit

    audit = Audit.objects.select_related("agency", "final_sheet").get(pk=audit_id)
    if not audit.is_finalised:
        return []
    published = []
    signed_at = audit.final_sheet.finalised_at
    for format in (DocumentFormat.PDF, DocumentFormat.XLSX):
        document = _published_document(
            kind=DocumentKind.FINAL_SHEET, format=format, audit=audit, fresh_since=signed_at
        )
        if render and not document.is_ready:
            document = document_generate(document_id=document.pk) or document
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
        document = document_generate(document_id=document.pk) or document
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
    """Schedule the previous month's summary for publication once its last allowed working day
    has come (§4.10: within 5 working days after the month ends — waiting to the last day lets
    the month's late audits, whose final sheets are due 5 working days after them, be signed).
    An outbox message keyed by the month: the daily job running twice publishes once."""

    month = previous_month(today)
    if today < summary_due(month):
        return []
    if Publication.objects.filter(
        kind=PublicationKind.SUMMARY, source_key__startswith=f"summary:{format_month(month)}:"
    ).count() >= len(DocumentFormat.values):
        return []
    with transaction.atomic():
        message = outbox.schedule(
            PUBLISH_SUMMARY,
            key=f"summary-publication:{format_month(month)}",
            payload={"month": month.isoformat()},
        )
    if message.status in (OutboxStatus.DONE, OutboxStatus.FAILED):
        return []
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


def photo_report_publish_by_id(*, agency_id: int, month: datetime.date) -> Publication:
    from agencies.models import Agency

    return photo_report_publish(agency=Agency.objects.get(pk=agency_id), month=month)


# --- follow-ups of the audits app's commits (reports.signals) ------------------------------------


def final_sheet_publication_schedule(*, audit_id: int) -> None:
    """§4.10: a final sheet that became signed is published, as a follow-up of the signing's
    own transaction (one message per audit)."""
    with transaction.atomic():
        outbox.schedule(
            PUBLISH_FINAL_SHEET,
            key=f"final-sheet-publication:{audit_id}",
            payload={"audit_id": audit_id},
        )


def photo_report_schedule(*, agency_id: int, month: datetime.date) -> None:
    """§4.6: the month's photo report of an agency is placed in «ДИАрама» once."""
    with transaction.atomic():
        outbox.schedule(
            PUBLISH_PHOTO_REPORT,
            key=f"photo-report:{agency_id}:{format_month(month)}",
            payload={"agency_id": agency_id, "month": month.isoformat()},
        )
