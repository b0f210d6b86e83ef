from django.core.management.base import BaseCommand

from standards.shine.services import cleaning_reminders_send


class Command(BaseCommand):
    help = (
        "Remind of planned cleaning dates passed without an actual date (Appendices 23, 25; "
        "seed 003 L1017–1021). Safe to run again: each reminder is sent once."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"cleaning reminders: {cleaning_reminders_send()}")
