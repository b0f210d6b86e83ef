"""Background work of sorting: the daily reminder of the next sorting date (§5.4)."""

from celery import shared_task
from celery.schedules import crontab

from fives_portal.celery import app


@shared_task(name="sorting.send_sorting_reminders")
def send_sorting_reminders():
    """Idempotent: one e-mail per agency and due date (SortingReminder)."""
    from sorting.services import sorting_reminders_send

    return sorting_reminders_send()


@app.on_after_finalize.connect
def _schedule(sender, **kwargs):
    sender.add_periodic_task(
        crontab(hour=7, minute=30), send_sorting_reminders.s(), name="sorting: next sorting due"
    )
