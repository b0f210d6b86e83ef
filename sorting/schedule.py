"""Date rules of step 1, sorting, as pure typed functions over plain values.

- The next sorting (§5.4, seed 003 L755): «лидеру 5S-команды определить дату следующей
  сортировки (в период развёртывания системы 5S - не реже 1 раза в месяц, при её
  функционировании - не реже 1 раза в квартал)». The monthly/quarterly rule itself is
  `agencies.cadence`, shared with the external audit (Regulation §5.1–5.2).
- Decisions (§5.4, L751): discussed «в течение 1 рабочего дня после завершения сортировки»;
  the column «Решение по дальнейшему использованию» of Appendices 16 and 17 is filled «по
  окончании сортировки» (L4125, L4249) and the lists are agreed «после завершения сортировки»
  (L4127): from the sorting's last day, that day included.
- The storage zone (§5.3, L715): its keeper checks it weekly.
"""

import datetime

from agencies.cadence import interval_months, next_due
from core import calendar
from core.periods import add_months
from sorting.choices import DECISION_WORKING_DAYS_AFTER_SORTING, STORAGE_CHECK_INTERVAL_DAYS


def latest_allowed_next_date(
    last_sorting_end: datetime.date, deployment_state: str
) -> datetime.date:
    """The latest date the next sorting may be set to after a sorting that ended on that day
    (L755)."""
    return next_due(last_sorting_end, deployment_state)


def next_sorting_due(
    *,
    last_sorting_end: datetime.date | None,
    planned_next: datetime.date | None,
    deployment_state: str,
    deployment_start: datetime.date | None,
) -> datetime.date | None:
    """When the agency's next sorting is due (L755).

    After a sorting: the date the leader set, but never later than the regulation allows.
    Before the first sorting: one interval after the deployment started; an agency still
    preparing with no deployment date has no sorting due yet (None).
    """
    if last_sorting_end is not None:
        limit = latest_allowed_next_date(last_sorting_end, deployment_state)
        return min(planned_next, limit) if planned_next else limit
    if deployment_start is None:
        return None
    return add_months(deployment_start, interval_months(deployment_state))


def sorting_end(date_from: datetime.date, date_to: datetime.date | None) -> datetime.date:
    """The sorting's last day: the end of its period, or its one day when it has no end."""
    return date_to or date_from


def decisions_open(*, sorting_end: datetime.date, day: datetime.date) -> bool:
    """Whether decisions may be entered, or the list agreed, on `day`: from the sorting's last
    day, that day included («по окончании сортировки», Appendix 16 item 9 L4125, Appendix 17
    item 10 L4249; «после завершения сортировки», L4127, §5.4 L751)."""
    return day >= sorting_end


def decisions_due(sorting_end: datetime.date) -> datetime.date:
    """The last day to enter the decisions of a sorting that ended on `sorting_end`: one
    working day after it (§5.4, L751)."""
    return calendar.add_working_days(sorting_end, DECISION_WORKING_DAYS_AFTER_SORTING)


def zone_check_overdue(
    *,
    today: datetime.date,
    last_check: datetime.date | None,
    first_admitted: datetime.date | None,
) -> bool:
    """True when items are in the zone (`first_admitted`, the earliest admission of those still
    there) and neither a check nor that admission lies within the last week (§5.3, L715:
    «еженедельно»)."""
    if first_admitted is None:
        return False
    since = max(day for day in (last_check, first_admitted) if day is not None)
    return (today - since).days > STORAGE_CHECK_INTERVAL_DAYS
