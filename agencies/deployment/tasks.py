"""Background work of the deployment order and plan: the daily reminders (L441, L557, L3205)."""

from celery import shared_task


@shared_task(name="agencies.send_deployment_reminders")
def send_deployment_reminders():
    """Idempotent: one notice per subject, recipient and due date (core.notifications)."""
    from agencies.deployment.services import deployment_reminders_send

    return deployment_reminders_send()
