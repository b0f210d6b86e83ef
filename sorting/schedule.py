"""Date arithmetic of the sorting schedule (§5.4), as pure functions over plain values.

«Лидеру 5S-команды определить дату следующей сортировки (в период развёртывания системы 5S -
не реже 1 раза в месяц, при её функционировании - не реже 1 раза в квартал).»
"""

import calendar
import datetime

from agencies.choices import DeploymentState
from sorting.choices import (
    SORTING_INTERVAL_MONTHS_DEPLOYING,
    SORTING_INTERVAL_MONTHS_FUNCTIONING,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the month's last day (31.01 + 1 = 28.02)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interval_months(deployment_state: str) -> int:
    """Monthly while the system is prepared or deployed, quarterly once it functions."""
    if deployment_state == DeploymentState.FUNCTIONING:
        return SORTING_INTERVAL_MONTHS_FUNCTIONING
    return SORTING_INTERVAL_MONTHS_DEPLOYING


def latest_allowed_next_date(last_sorting_end: datetime.date, deployment_state: str):
    """The latest date the next sorting may be set to after a sorting that ended on that day."""
    return add_months(last_sorting_end, interval_months(deployment_state))


def next_sorting_due(
    *,
    last_sorting_end: datetime.date | None,
    planned_next: datetime.date | None,
    deployment_state: str,
    deployment_start: datetime.date | None,
) -> datetime.date | None:
    """When the agency's next sorting is due.

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
