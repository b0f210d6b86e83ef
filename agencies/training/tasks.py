"""Background work of training: the daily reminder of topics due by the schedule (L1381)."""

from celery import shared_task


@shared_task(name="agencies.send_training_reminders")
def send_training_reminders():
    """Idempotent: one notice per topic, recipient and date (core.notifications)."""
    from agencies.training.services import training_reminders_send

    return training_reminders_send()
