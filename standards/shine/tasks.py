"""Background work of step 3: the daily reminder of planned cleaning dates passed without an
actual date (Appendices 23, 25)."""

from celery import shared_task


@shared_task(name="standards.send_cleaning_reminders")
def send_cleaning_reminders():
    """Idempotent: one notice per form, recipient and planned date (core.notifications)."""
    from standards.shine.services import cleaning_reminders_send

    return cleaning_reminders_send()
