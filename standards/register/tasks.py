"""Background work of the register: the daily review reminders (L1145)."""

from celery import shared_task


@shared_task(name="standards.send_review_reminders")
def send_review_reminders():
    """Idempotent: one notice per standard, recipient and due date (core.notifications)."""
    from standards.register.services import review_reminders_send

    return review_reminders_send()
