"""Publish the monthly summary report in «ДИАрама» (§4.10).

Without --month: what Celery beat does daily — the previous month's summary once its fifth
working day has come. With --month YYYY-MM: that month now (re-publishing replaces it)."""

from django.core.management.base import BaseCommand, CommandError

from core import calendar
from core.exceptions import ApplicationError
from reports import services
from reports.periods import parse_month


class Command(BaseCommand):
    help = "Publish the monthly summary report (Appendix 13) in the knowledge base."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; default: the month now due")

    def handle(self, *args, month=None, **options):
        if month:
            try:
                month_date = parse_month(month)
            except ApplicationError as exc:
                raise CommandError(str(exc.message)) from exc
            published = services.summary_publish(month=month_date)
            self.stdout.write(f"{month}: {len(published)} publication(s)")
            return
        months = services.summaries_publish_due(today=calendar.today())
        self.stdout.write(", ".join(str(m) for m in months) or "nothing due")
