from celery import shared_task

from agencies.walkrounds import services


@shared_task(name="agencies.send_walk_round_reminders")
def send_walk_round_reminders():
    """§4.5 (L461): remind the head and the team leader before a half-year ends without a
    walk-round (keyed by the half-year, so a second run sends nothing)."""
    return services.walk_round_reminders_send()
