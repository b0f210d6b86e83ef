"""Pure rules of the head's walk-rounds (§4.5, L461; criterion 5.7, L2855). No database.

The regulation asks for a walk-round «не реже 1 раза в полугодие» (L461); criterion 5.7's top
scores want «не реже 1 раза в квартал» (L2855). Both are read as calendar periods: January–June
and July–December; the four quarters. A period is kept when it has a walk-round on any of its
days, its first and last included. The current period is due by its last day; a period that
ended without one makes the agency overdue until its next walk-round."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from agencies.walkrounds.choices import REQUIRED_MONTHS, TOP_SCORE_MONTHS


def period_of(day: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    """The calendar period of `months` months (3: quarter, 6: half-year) holding `day`: its first
    and last days."""
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    end_month = first_month + months - 1
    following = (
        datetime.date(day.year + 1, 1, 1)
        if end_month == 12
        else datetime.date(day.year, end_month + 1, 1)
    )
    return start, following - datetime.timedelta(days=1)


def previous_period(start: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    return period_of(start - datetime.timedelta(days=1), months)


@dataclass(frozen=True)
class PeriodStatus:
    """Where an agency stands for one rhythm (half-year or quarter)."""

    months: int
    start: datetime.date  # the current period
    end: datetime.date
    done_on: datetime.date | None  # the latest walk-round of the current period
    previous_start: datetime.date
    previous_end: datetime.date
    previous_done: bool | None  # None: the previous period is before the deployment began
    last_walk: datetime.date | None

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def is_overdue(self) -> bool:
        """The previous period ended without a walk-round and none was held since."""
        return self.previous_done is False and self.done_on is None

    @property
    def due_on(self) -> datetime.date | None:
        return None if self.is_done else self.end

    @property
    def state(self) -> str:
        if self.is_done:
            return "done"
        return "overdue" if self.is_overdue else "due"


def period_status(
    walk_dates: Iterable[datetime.date],
    *,
    today: datetime.date,
    months: int,
    since: datetime.date | None,
) -> PeriodStatus:
    """The status of the current and previous `months`-period as of `today`. `since` is when
    the agency's deployment began (its team formed): a period that ended before it owes
    nothing; without it the previous period is not judged."""
    dates = sorted(d for d in walk_dates if d <= today)
    start, end = period_of(today, months)
    previous_start, previous_end = previous_period(start, months)
    in_current = [d for d in dates if start <= d <= end]
    if since is None or since > previous_end:
        previous_done = None
    else:
        previous_done = any(previous_start <= d <= previous_end for d in dates)
    return PeriodStatus(
        months=months,
        start=start,
        end=end,
        done_on=in_current[-1] if in_current else None,
        previous_start=previous_start,
        previous_end=previous_end,
        previous_done=previous_done,
        last_walk=dates[-1] if dates else None,
    )


def half_year_status(walk_dates, *, today, since) -> PeriodStatus:
    """§4.5 (L461): at least once a half-year."""
    return period_status(walk_dates, today=today, months=REQUIRED_MONTHS, since=since)


def quarter_status(walk_dates, *, today, since) -> PeriodStatus:
    """Criterion 5.7's top scores (L2855): at least once a quarter."""
    return period_status(walk_dates, today=today, months=TOP_SCORE_MONTHS, since=since)


def window_start(today: datetime.date) -> datetime.date:
    """The earliest day the statuses look at: the start of the previous half-year."""
    start, _end = period_of(today, REQUIRED_MONTHS)
    return previous_period(start, REQUIRED_MONTHS)[0]
