"""The reporting month (Appendix 13: «по состоянию на ___ 20__ г. (месяц года)») and the
working-day deadline of its publication (§4.10)."""

import datetime
import re

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import calendar
from core.exceptions import ApplicationError
from reports.choices import SUMMARY_PUBLICATION_WORKING_DAYS

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

MONTH_NAMES = {
    1: gettext_lazy("январь"),
    2: gettext_lazy("февраль"),
    3: gettext_lazy("март"),
    4: gettext_lazy("апрель"),
    5: gettext_lazy("май"),
    6: gettext_lazy("июнь"),
    7: gettext_lazy("июль"),
    8: gettext_lazy("август"),
    9: gettext_lazy("сентябрь"),
    10: gettext_lazy("октябрь"),
    11: gettext_lazy("ноябрь"),
    12: gettext_lazy("декабрь"),
}


def parse_month(value, *, field="month") -> datetime.date:
    """'2026-03' -> date(2026, 3, 1); anything else is an ApplicationError naming the field."""
    match = _MONTH.match(str(value or "").strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return datetime.date(year, month, 1)
    message = _("Укажите месяц в формате ГГГГ-ММ, например 2026-03.")
    raise ApplicationError(message, details={field: message})


def format_month(month: datetime.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def month_label(month: datetime.date) -> str:
    """«март 2026» (the «месяц года» of Appendix 13)."""
    return f"{MONTH_NAMES[month.month]} {month.year}"


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=1) + relativedelta(months=1) - datetime.timedelta(days=1)


def previous_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1) - relativedelta(months=1)


def summary_due(month: datetime.date) -> datetime.date:
    """§4.10: the summary is placed in «ДИАрама» within 5 working days after the month ends."""
    return calendar.add_working_days(month_end(month), SUMMARY_PUBLICATION_WORKING_DAYS)


def months_back(until: datetime.date, count: int) -> list[datetime.date]:
    first = until.replace(day=1)
    return [first - relativedelta(months=offset) for offset in range(count - 1, -1, -1)]
