"""Load the reference data taken from the regulation (the Appendix 2 checklist, the Appendix 14
item classifier): what every installation needs, demo or production. Idempotent."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Each app's own loader, in dependency order.
REFERENCE_LOADERS = [
    "load_checklist",
    "load_sorting_classifier",
    "load_deployment_template",
    "load_standard_kinds",
    "load_contamination_types",
]


class Command(BaseCommand):
    help = "Load the checklist and classifiers from fixtures/ (safe to run again)."

    def handle(self, *args, **options):
        for name in REFERENCE_LOADERS:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
