"""Background work of the reports app. Each task takes ids, calls one service and is
idempotent; callers enqueue after commit. The summary's publication (§4.10) runs daily from
Celery beat."""

import logging

from celery import shared_task

from reports import services
from reports.choices import DOCUMENT_MAX_RETRIES, DOCUMENT_RETRY_DELAY_SECONDS

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=DOCUMENT_MAX_RETRIES)
def generate_document(self, document_id):
    """Render a generated document. Expected failures are recorded by the service; anything
    else is retried DOCUMENT_MAX_RETRIES times, then recorded on the document as failed."""
    from reports.models import GeneratedDocument

    try:
        return services.document_generate(document_id=document_id).status
    except GeneratedDocument.DoesNotExist:
        return None
    except Exception as exc:
        if self.request.retries < DOCUMENT_MAX_RETRIES:
            logger.warning("document %s failed, retrying: %s", document_id, exc)
            raise self.retry(exc=exc, countdown=DOCUMENT_RETRY_DELAY_SECONDS) from exc
        logger.exception("document %s failed", document_id)
        services.document_fail(document_id=document_id, message=f"{type(exc).__name__}: {exc}")
        return "failed"


@shared_task(bind=True, max_retries=DOCUMENT_MAX_RETRIES)
def publish_final_sheet(self, audit_id):
    """§4.10: a signed final sheet is placed in «ДИАрама»."""
    try:
        return [p.pk for p in services.final_sheet_publish(audit_id=audit_id)]
    except Exception as exc:
        if self.request.retries < DOCUMENT_MAX_RETRIES:
            raise self.retry(exc=exc, countdown=DOCUMENT_RETRY_DELAY_SECONDS) from exc
        logger.exception("final sheet of audit %s not published", audit_id)
        return []


@shared_task
def publish_due_summaries():
    """§4.10: the month's summary report, within 5 working days after the month ends."""
    from core import calendar

    return [str(month) for month in services.summaries_publish_due(today=calendar.today())]


@shared_task
def publish_photo_report(agency_id, month_iso):
    import datetime

    from agencies.models import Agency

    agency = Agency.objects.get(pk=agency_id)
    return services.photo_report_publish(
        agency=agency, month=datetime.date.fromisoformat(month_iso)
    ).pk
