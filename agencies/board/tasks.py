from celery import shared_task

from agencies.board import services


@shared_task(name="agencies.send_board_reminders")
def send_board_reminders():
    """§4.9 (L583, L589): remind the member who updates the board when an update is due and
    when the board is overdue (keyed by the date, so a second run sends nothing)."""
    return services.board_reminders_send()
