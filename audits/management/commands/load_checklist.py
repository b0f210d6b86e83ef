"""Load the checklist of Appendix 2 from its fixture (idempotent per version)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from audits.services import checklist_load
from core.exceptions import ApplicationError

DEFAULT_PATH = settings.BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"


class Command(BaseCommand):
    help = "Load the Appendix 2 checklist (fixtures/checklist/checklist_2011.json by default)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))

    def handle(self, *args, path, **options):
        try:
            version, changed = checklist_load(path=path)
        except ApplicationError as error:
            raise CommandError(str(error)) from error
        state = "loaded" if changed else "already loaded, left unchanged"
        self.stdout.write(
            f"Checklist {version.version}: {version.criteria.count()} criteria, {state}."
        )
