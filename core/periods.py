"""Months as the regulation counts them: the reporting month of Appendix 13 («по состоянию на
___ (месяц года)», L3827), the IT department's monthly record (§8.4, L1337), the monthly and
quarterly cadence of sorting (§5.4, L755) and of the external audit (§5.1–5.2, L5473–5475).

Pure functions over dates: no query, no Django. A month is represented by its first day; the
API writes it "YYYY-MM" (../shared/API.md). Every app imports these from here.
"""

from __future__ import annotations

import calendar
import datetime
import re

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_start(day: datetime.date) -> datetime.date:
    """The first day of `day`'s month (the month it belongs to)."""
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    """The last day of `month`'s month."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (earlier for a negative number); a day the target month does
    not have becomes its last day (31.01 + 1 month = 28.02 or 29.02)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def previous_month(day: datetime.date) -> datetime.date:
    """The first day of the month before `day`'s."""
    return add_months(month_start(day), -1)


def months_back(until: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months ending with `until`'s, oldest first."""
    first = month_start(until)
    return [add_months(first, -offset) for offset in range(count - 1, -1, -1)]


def format_month(month: datetime.date) -> str:
    """The month as the API writes it: "2026-03"."""
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(text: str | None) -> datetime.date | None:
    """ "YYYY-MM" → the month's first day; None if malformed (surrounding blanks ignored)."""
    match = _MONTH.match((text or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1:
        return None
    return datetime.date(year, month, 1)
