"""The notices of §5.5, §4.10 and §9.3 through core.notifications (kinds in audits.notices)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from audits import notices
from audits.choices import AuditStatus
from audits.models import Audit
from core import calendar, notifications
from core.models import Notice


def audit_notice_schedule(*, audit: Audit) -> None:
    """§5.5: the notice of the audit's date, written in the planning transaction and sent once
    through the outbox after the commit (a broker outage delays it, never loses it)."""
    notifications.notify(
        kind=notices.NOTICE,
        subject=audit,
        recipients=notices.recipients_of_audit(audit),
        due_on=audit.date,
    )


def audit_reminders_send(*, today=None) -> int:
    """Remind each agency whose audit is due on the next working day (§5.5). Idempotent: one
    reminder per audit, recipient and date, however often the beat job runs. Returns how many
    reminders were made now."""
    today = today or calendar.today()
    upcoming = Audit.objects.filter(
        status=AuditStatus.PLANNED,
        date__gt=today,
        date__lte=calendar.add_working_days(today, 1),
    ).select_related("agency__head__user")
    made = 0
    for audit in upcoming:
        with transaction.atomic():
            before = _notice_count(audit, notices.REMINDER)
            notifications.notify(
                kind=notices.REMINDER,
                subject=audit,
                recipients=notices.recipients_of_audit(audit),
                due_on=audit.date,
            )
            made += _notice_count(audit, notices.REMINDER) - before
    return made


def _notice_count(subject, kind) -> int:
    return Notice.objects.filter(
        kind=kind,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
    ).count()


def withdraw_unsent_notices(audit: Audit) -> None:
    """A moved audit: the notices and reminders not yet sent name the old date or time, so they
    are withdrawn (their outbox messages then find nothing to send); sent ones stay as the
    record of what the agency was told. A new notice follows for the new date and time."""
    scope = Notice.objects.filter(
        kind__in=[notices.NOTICE, notices.REMINDER],
        subject_type=ContentType.objects.get_for_model(Audit),
        subject_id=audit.pk,
    )
    scope.filter(sent_at__isnull=True).delete()
    # The same date at another time: the sent notice of that date makes way for the new one.
    scope.filter(due_on=audit.date).delete()
