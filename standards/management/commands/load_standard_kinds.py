from django.core.management.base import BaseCommand

from standards.register.services import reference_load


class Command(BaseCommand):
    help = (
        "Load the eight mandatory 5S standards of §8.2 (seed 003 L1161–1253) from "
        "fixtures/standards/mandatory_standards.json. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", help="path to mandatory_standards.json")

    def handle(self, *args, **options):
        count = reference_load(path=options.get("path"))
        self.stdout.write(f"mandatory 5S standards: {count}")
