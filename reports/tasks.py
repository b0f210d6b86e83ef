"""Background work of the reports app. Documents and publications are follow-ups of a commit,
delivered through the outbox (reports.handlers, core.outbox); the task here is the daily beat
job that finds the month's summary due.

The tasks that earlier versions queued directly (generate_document, publish_final_sheet,
publish_photo_report) are gone: migration 0002 gives every document still queued or running an
outbox message, which the sweep delivers."""

from celery import shared_task

from reports import services


@shared_task
def publish_due_summaries():
    """§4.10: the month's summary report, within 5 working days after the month ends (an
    outbox message per month, so running twice publishes once)."""
    from core import calendar

    return [str(month) for month in services.summaries_publish_due(today=calendar.today())]
