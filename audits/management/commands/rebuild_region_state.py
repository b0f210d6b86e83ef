"""Rebuild the region's state (audits.state: each agency's latest signed audit and the
region's month-end figures) from the signed final sheets. Safe to run at any time: signing
keeps the state current, this recomputes it from scratch (after a bulk load, a restore or a
correction made outside the services)."""

from django.core.management.base import BaseCommand

from audits.state.services import rebuild


class Command(BaseCommand):
    help = "Пересчитать состояние ОИВ ЯО / СППО и региона по подписанным итоговым листам."

    def handle(self, *args, **options):
        agencies, months = rebuild()
        self.stdout.write(f"agency states: {agencies}, months: {months}")
