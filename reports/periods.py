"""The reporting month (Appendix 13: «по состоянию на ___ 20__ г. (месяц года)») and the
working-day deadline of its publication (§4.10)."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import calendar, periods
from core.exceptions import ApplicationError
from reports.choices import SUMMARY_PUBLICATION_WORKING_DAYS

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

MONTH_ABBREVIATIONS = {
    1: gettext_lazy("янв"),
    2: gettext_lazy("фев"),
    3: gettext_lazy("мар"),
    4: gettext_lazy("апр"),
    5: gettext_lazy("май"),
    6: gettext_lazy("июн"),
    7: gettext_lazy("июл"),
    8: gettext_lazy("авг"),
    9: gettext_lazy("сен"),
    10: gettext_lazy("окт"),
    11: gettext_lazy("ноя"),
    12: gettext_lazy("дек"),
}


def parse_month(value, *, field="month") -> datetime.date:
    """'2026-03' -> date(2026, 3, 1), a year from 2000 to 2100 (core.periods.parse_month);
    anything else is an ApplicationError naming the field."""
    month = periods.parse_month(str(value or ""))
    if month is not None and 2000 <= month.year <= 2100:
        return month
    message = _("Укажите месяц в формате ГГГГ-ММ, например 2026-03.")
    raise ApplicationError(message, details={field: message})


def month_label(month: datetime.date) -> str:
    """«март 2026» (the «месяц года» of Appendix 13)."""
    return f"{MONTH_NAMES[month.month]} {month.year}"


def month_short(month: datetime.date) -> str:
    """«дек 2025»: a chart's month caption that cannot be read as a decimal («12.25»)."""
    return f"{MONTH_ABBREVIATIONS[month.month]} {month.year}"


def summary_due(month: datetime.date) -> datetime.date:
    """§4.10: the summary is placed in «ДИАрама» within 5 working days after the month ends."""
    return calendar.add_working_days(periods.month_end(month), SUMMARY_PUBLICATION_WORKING_DAYS)
