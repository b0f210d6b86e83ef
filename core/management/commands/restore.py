"""Restore a backup made by ``manage.py backup``: the database and both media roots are
replaced by the archive's (issue 13, item 5). Stop web, worker and beat first."""

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "Replace the database and the media roots with a backup (a path, a name or «latest»)."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="archive path, file name under BACKUP_ROOT, or latest")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, **options):
        try:
            path = backup.resolve(options["backup"])
            manifest = backup.read_manifest(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        roots = ", ".join(str(root) for root in backup.media_roots().values())
        if options["interactive"]:
            answer = input(
                f"Replace the database and everything in {roots} with {path.name} "
                f"(made {manifest['created_at']})? Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backup.restore(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restore: {path.name} (made {manifest['created_at']}) restored")
