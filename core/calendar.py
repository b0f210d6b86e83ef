"""The Russian working-day calendar, for every deadline the regulation counts in working days.

Public holidays and the government's substituted days off come from the `holidays` package
(holidays.RU). Saturdays made into working days by a transfer decree are not in that package;
they are listed in settings.EXTRA_WORKING_DAYS (ISO dates) when a year's decree is published.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=64)
def _holidays_of(year):
    return frozenset(holidays.RU(years=year).keys())


def _extra_working_days():
    return frozenset(
        datetime.date.fromisoformat(day) for day in getattr(settings, "EXTRA_WORKING_DAYS", ())
    )


def is_working_day(day: datetime.date) -> bool:
    if day in _extra_working_days():
        return True
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself is not counted).

    «В течение 5 рабочих дней с даты издания приказа» is add_working_days(order_date, 5).
    A negative `days` counts backwards: «не менее чем за 1 рабочий день до» is
    add_working_days(audit_date, -1).
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (negative if end < start)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def last_working_day_of_month(day: datetime.date) -> datetime.date:
    """The month's last working day («в последний рабочий день каждого месяца», §8.4, L1337)."""
    first_of_next = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    last = first_of_next - datetime.timedelta(days=1)
    while not is_working_day(last):
        last -= datetime.timedelta(days=1)
    return last


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()
