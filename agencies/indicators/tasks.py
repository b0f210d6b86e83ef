"""Background work of the indicator sheet: the daily reminder of the quarterly measurement
(L549)."""

from celery import shared_task


@shared_task(name="agencies.send_indicator_reminders")
def send_indicator_reminders():
    """Idempotent: one notice per sheet, recipient, kind and due date (core.notifications)."""
    from agencies.indicators.services import indicator_reminders_send

    return indicator_reminders_send()
