"""Hand over the outbox messages that were never delivered (the beat task does it every minute;
run this by hand in the embedded set-up, or after a broker outage)."""

from django.core.management.base import BaseCommand

from core import outbox


class Command(BaseCommand):
    help = "Dispatch pending outbox messages and those whose worker died."

    def handle(self, *args, **options):
        count = outbox.sweep()
        self.stdout.write(f"outbox: {count} message(s) handed over")
