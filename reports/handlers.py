"""The reports app's outbox handlers (core.outbox): the follow-ups of a commit that make
documents and publish in «ДИАрама» (§4.10). Each takes ids, calls one service and is
idempotent — a worker killed after the work but before the message was marked done runs it
again, and finds it done. Registered in ReportsConfig.ready()."""

import datetime

from agencies.models import Agency
from core import outbox
from reports import services
from reports.choices import (
    DOCUMENT_MAX_ATTEMPTS,
    GENERATE_DOCUMENT,
    PUBLISH_FINAL_SHEET,
    PUBLISH_PHOTO_REPORT,
    PUBLISH_STANDARD,
    PUBLISH_SUMMARY,
    PublicationKind,
)


def generate_document(*, document_id: int) -> None:
    services.document_generate(document_id=document_id)


def publish_final_sheet(*, audit_id: int) -> None:
    # On a worker the two files are rendered now; in-process (no broker) they are rendered when
    # first opened, so that signing a sheet does not wait for two renders.
    services.final_sheet_publish(audit_id=audit_id, render=not services.renders_in_process())


def publish_photo_report(*, agency_id: int, month: str) -> None:
    services.photo_report_publish_by_id(
        agency_id=agency_id, month=datetime.date.fromisoformat(month)
    )


def publish_summary(*, month: str) -> None:
    services.summary_publish(month=datetime.date.fromisoformat(month))


def publish_standard(*, source_key: str, agency_id: int, period: str, title: str, url: str) -> None:
    """An approved 5S standard (§8.2, L1139): an entry linking to its version's page; a newer
    approved version updates the same entry (source_key names the standard)."""
    services.publication_publish(
        kind=PublicationKind.STANDARD,
        source_key=source_key,
        agency=Agency.objects.get(pk=agency_id),
        period=datetime.date.fromisoformat(period),
        title=title,
        url=url,
    )


def register() -> None:
    outbox.register(
        GENERATE_DOCUMENT,
        generate_document,
        expected=(services.DocumentFailed,),
        # The document counts its own attempts (DOCUMENT_MAX_ATTEMPTS) and fails itself; the
        # message's bound only backs that up.
        max_attempts=DOCUMENT_MAX_ATTEMPTS + 2,
    )
    outbox.register(PUBLISH_FINAL_SHEET, publish_final_sheet)
    outbox.register(PUBLISH_PHOTO_REPORT, publish_photo_report)
    outbox.register(PUBLISH_SUMMARY, publish_summary)
    outbox.register(PUBLISH_STANDARD, publish_standard)
