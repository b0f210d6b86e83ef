from celery import shared_task

from audits.itdata import services


@shared_task(name="audits.send_it_standard_reminders")
def send_it_standard_reminders():
    """§8.4 (L1337): the IT department is reminded on the month's last working day."""
    return services.it_reminders_send()
