from django.core.management.base import BaseCommand

from standards.shine.services import contamination_load


class Command(BaseCommand):
    help = (
        "Load the contamination (disorder) classifier of Appendix 22 (seed 003 L4455–4517) from "
        "fixtures/standards/contamination_types.json. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", help="path to contamination_types.json")

    def handle(self, *args, **options):
        count = contamination_load(path=options.get("path"))
        self.stdout.write(f"contamination types: {count}")
