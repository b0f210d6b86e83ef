"""The arithmetic of the region's state (Appendix 13 «по состоянию на» a month, L3827; the
dashboard's trend): pure functions over plain values, no query.

An agency's state as of a day is its latest signed audit held on or before that day. The
region's figures at a month's end count the agencies whose state then has an overall score and
sum those scores; their mean (audits.scoring.mean of the same values) is the region's trend."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.periods import add_months, month_start


@dataclass(frozen=True)
class SignedAudit:
    """One signed audit of an agency as the state needs it."""

    audit: int
    agency: int
    date: datetime.date
    completed_steps: int
    overall: Decimal | None


@dataclass(frozen=True)
class State:
    """An agency's latest signed audit and the overall score of the one before it."""

    audit: int
    date: datetime.date
    completed_steps: int
    overall: Decimal | None
    previous_overall: Decimal | None


def latest_state(newest_first: Sequence[SignedAudit]) -> State | None:
    """The state from an agency's signed audits, newest (latest date, then highest id) first."""
    if not newest_first:
        return None
    latest = newest_first[0]
    previous = newest_first[1] if len(newest_first) > 1 else None
    return State(
        audit=latest.audit,
        date=latest.date,
        completed_steps=latest.completed_steps,
        overall=latest.overall,
        previous_overall=previous.overall if previous else None,
    )


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of the months from `first`'s to `last`'s, both included."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def region_months(audits: Iterable[SignedAudit]) -> dict[datetime.date, tuple[int, Decimal]]:
    """{month: (agencies audited by its end, sum of their latest overall scores)} for every
    month from the first signed audit's to the last one's. Audits without an overall score do
    not count (the trend carries the last score forward)."""
    by_agency: dict[int, list[SignedAudit]] = defaultdict(list)
    for audit in audits:
        if audit.overall is not None:
            by_agency[audit.agency].append(audit)
    if not by_agency:
        return {}
    # Per month, the change of the count and of the sum that the agencies' audits make.
    count_delta: dict[datetime.date, int] = defaultdict(int)
    total_delta: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for events in by_agency.values():
        events.sort(key=lambda audit: (audit.date, audit.audit))
        before: Decimal | None = None
        for audit in events:
            month = month_start(audit.date)
            assert audit.overall is not None
            if before is None:
                count_delta[month] += 1
                total_delta[month] += audit.overall
            else:
                total_delta[month] += audit.overall - before
            before = audit.overall
    changed = set(count_delta) | set(total_delta)
    months = month_range(min(changed), max(changed))
    result, audited, total = {}, 0, Decimal(0)
    for month in months:
        audited += count_delta.get(month, 0)
        total += total_delta.get(month, Decimal(0))
        result[month] = (audited, total)
    return result


def affected_months(
    *, signed: datetime.date, next_signed: datetime.date | None, last: datetime.date
) -> list[datetime.date]:
    """The months whose end-of-month state an audit held on `signed` changes, for an agency
    whose next signed audit (with an overall score) was held on `next_signed`: from the audit's
    month to the month before the next one's (none if both fall in one month), else to `last`
    (the latest month the region's figures hold)."""
    end = add_months(month_start(next_signed), -1) if next_signed else month_start(last)
    if end < month_start(signed):
        return []
    return month_range(signed, end)
