"""Background work of «Set in order»: the reminder of the placement schedule's paper copy, due
to the group head within 3 working days of its agreement (L907). The beat entry that runs it
daily belongs in settings (CELERY_BEAT_SCHEDULE); the first reminder is sent at agreement."""

from celery import shared_task


@shared_task(name="standards.send_placement_reminders")
def send_placement_reminders():
    """Idempotent: one notice per schedule, recipient and due date (core.notifications)."""
    from standards.placement.services import placement_reminders_send

    return placement_reminders_send()
