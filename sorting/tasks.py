"""Background work of sorting: the daily reminder of the next sorting date (§5.4)."""

from celery import shared_task


@shared_task(name="sorting.send_sorting_reminders")
def send_sorting_reminders():
    """Idempotent: one notice per agency, leader and due date (core.notifications)."""
    from sorting.services import sorting_reminders_send

    return sorting_reminders_send()
