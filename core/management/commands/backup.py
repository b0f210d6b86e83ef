"""Back up the database and both media roots into one archive under BACKUP_ROOT (issue 13,
item 5). ``--prune`` then applies the retention rule; ``--daily-at HH:MM`` keeps running and
does both every day at that time (the compose ``backup`` service)."""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import backup


def seconds_until(now: datetime.datetime, at: datetime.time) -> float:
    """Seconds from `now` (aware) to the next `at` in its time zone (today or tomorrow)."""
    moment = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if moment <= now:
        moment += datetime.timedelta(days=1)
    return (moment - now).total_seconds()


def parse_time(value: str) -> datetime.time:
    try:
        return datetime.datetime.strptime(value, "%H:%M").time()
    except ValueError as exc:
        raise CommandError(f"--daily-at expects HH:MM, got {value!r}") from exc


class Command(BaseCommand):
    help = "Back up the database and the media roots into one archive under BACKUP_ROOT."

    def add_arguments(self, parser):
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Then remove the backups the retention rule no longer keeps "
            "(BACKUP_KEEP_DAYS, BACKUP_KEEP_MONTHS).",
        )
        parser.add_argument(
            "--daily-at",
            metavar="HH:MM",
            help="Keep running: back up (and prune) every day at this time (TIME_ZONE).",
        )

    def handle(self, *args, **options):
        if not options["daily_at"]:
            self.run_once(prune=options["prune"])
            return
        at = parse_time(options["daily_at"])
        self.stdout.write(f"backup: every day at {at:%H:%M} ({settings.TIME_ZONE})")
        while True:
            time.sleep(seconds_until(timezone.localtime(), at))
            try:
                self.run_once(prune=options["prune"])
            except (backup.BackupError, OSError) as exc:
                # Tomorrow's run may succeed; the log (and the missing archive) tells why not.
                self.stderr.write(f"backup failed: {exc}")

    def run_once(self, *, prune):
        try:
            path = backup.create()
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup: {path} ({path.stat().st_size} bytes)")
        if prune:
            for removed in backup.prune():
                self.stdout.write(f"backup: removed {removed.name} (retention)")
