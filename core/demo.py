"""The demo region (make run) exists only in the embedded set-up, never under production
settings (../shared/API.md «The demo»; issue 13 item 6): its accounts, a superuser among them,
share one published password."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


def refuse_under_production() -> None:
    """Raise CommandError unless the settings allow demo data (DEMO_DATA_ALLOWED, False in
    production)."""
    if not getattr(settings, "DEMO_DATA_ALLOWED", False):
        raise CommandError(
            _(
                "Демонстрационные данные не загружаются с настройками production: их учётные "
                "записи (и суперпользователь admin) имеют опубликованный пароль."
            )
        )


class DemoDataCommand(BaseCommand):
    """Base of every load_demo* command: refuses before anything else runs (before its
    transaction opens a database connection, before the demo superuser is made)."""

    def execute(self, *args, **options):
        refuse_under_production()
        return super().execute(*args, **options)
