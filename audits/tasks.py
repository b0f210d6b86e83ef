"""Background work of the audits app. Every follow-up of a commit (the §5.5 notice, the §4.10
copy, the §9.3 plan copy) goes through core.outbox and core.notifications; what is left here is
the beat job that finds due reminders and calls the one service that makes them (idempotent:
one reminder per audit, recipient and date)."""

from celery import shared_task

from audits import services


@shared_task(name="audits.send_audit_reminders")
def send_audit_reminders():
    """§5.5 «при приближении сроков»: on the last working day before each audit its agency is
    reminded of the date (the first notice went out when the audit was planned)."""
    return services.audit_reminders_send()
