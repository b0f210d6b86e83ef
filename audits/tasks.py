"""E-mails the audit rules require. Each task takes ids, calls one service and is idempotent:
a Notification row per recipient is stamped when sent, so a retry sends nothing twice."""

from celery import shared_task

from audits import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_audit_notice(audit_id):
    """§5.5: the agency's head (and 5S-team leader) learn the audit's date and time."""
    return services.audit_notice_send(audit_id=audit_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_final_sheet_copy(audit_id):
    """§4.10: the signed final sheet's copy goes to the 5S-team leader."""
    return services.final_sheet_copy_send(audit_id=audit_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_plan_copy(plan_id):
    """§9.3: the approved plan's copy goes to the working group."""
    return services.plan_copy_send(plan_id=plan_id)


@shared_task(name="audits.send_audit_reminders")
def send_audit_reminders():
    """§5.5 «при приближении сроков»: on the last working day before each audit its agency is
    reminded of the date (the first notice went out when the audit was planned)."""
    return services.audit_reminders_send()
