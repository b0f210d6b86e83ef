from django.core.management.base import BaseCommand

from sorting.services import classifier_load


class Command(BaseCommand):
    help = (
        "Load the item classifier (Appendix 14) and the sorting control sheet (Appendix 15) "
        "from fixtures/sorting/. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--classifier", help="path to classifier.json")
        parser.add_argument("--control-sheet", help="path to control_sheet.json")

    def handle(self, *args, **options):
        entries, items = classifier_load(
            classifier_path=options.get("classifier"),
            control_sheet_path=options.get("control_sheet"),
        )
        self.stdout.write(f"classifier entries: {entries}, control sheet items: {items}")
