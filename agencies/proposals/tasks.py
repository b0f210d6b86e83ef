"""Background work of proposals: the daily reminder of overdue stages."""

from celery import shared_task


@shared_task(name="agencies.send_proposal_reminders")
def send_proposal_reminders():
    """Idempotent: one notice per stage, person and date (core.notifications)."""
    from agencies.proposals.services import proposal_reminders_send

    return proposal_reminders_send()
