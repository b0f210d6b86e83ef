"""Date rules of the deployment order and plan: pure functions over plain values.

- An activity's length counts its first and its last day (an activity from Monday to Sunday
  lasts 7 days, which is «1 неделя»); its maximum comes from the regulation's tables (§4.1 L303,
  §5.1 L617, §6.1 L775, step 3 L951, §8.1 L1075) in weeks (7 days each) or in days (L981 «2 дня»,
  L991 «3 дня»); §9.1 (L1373 «постоянно») has none.
- Rows whose period cell was merged across two rows share it (fixtures/deployment/
  plan_template.json says how each was read): each is within it, and so is their joint span.
- «Не более 1 месяца с даты издания приказа» (§4.4, L431) is counted like a civil-law month
  (Civil Code art. 192): it ends on the same-numbered day of the next month, or on that month's
  last day when it has no such day. Approval on that day is on time; the day after is late.
- Working-day deadlines (L441: 5 days, L557: 3 days) go through core.calendar.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agencies.deployment.choices import (
    DAYS_PER_WEEK,
    ORDER_COPY_WORKING_DAYS,
    PLAN_APPROVAL_MONTHS,
    PLAN_COPIES_WORKING_DAYS,
    PLAN_WEEKS,
    TEAM_REAPPROVAL_MONTHS,
)
from core import calendar


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same-numbered day `months` later, or that month's last day (Civil Code art. 192)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = stdlib_calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def plan_approval_deadline(order_date: datetime.date) -> datetime.date:
    """The last day on which the plan is approved on time (§4.4, L431)."""
    return add_months(order_date, PLAN_APPROVAL_MONTHS)


def approval_is_late(order_date: datetime.date | None, approved_on: datetime.date) -> bool:
    """An approval after the month from the order (L431) is allowed and shown as late; without
    a recorded order nothing is late."""
    if order_date is None:
        return False
    return approved_on > plan_approval_deadline(order_date)


def order_copy_due(order_date: datetime.date) -> datetime.date:
    """The order's paper copy reaches the group head within 5 working days (§4.4, L441)."""
    return calendar.add_working_days(order_date, ORDER_COPY_WORKING_DAYS)


def plan_copies_due(approved_on: datetime.date) -> datetime.date:
    """Copies of the approved plan and of the initial indicator sheet within 3 working days of
    approval (§4.8, L557)."""
    return calendar.add_working_days(approved_on, PLAN_COPIES_WORKING_DAYS)


def team_reapproval_due(approved_on: datetime.date) -> datetime.date:
    """The team's composition is approved again a year later (Appendix 5, L3205)."""
    return add_months(approved_on, TEAM_REAPPROVAL_MONTHS)


def is_overdue(due: datetime.date | None, done: datetime.date | None, today: datetime.date) -> bool:
    return due is not None and done is None and today > due


def length_days(start: datetime.date, end: datetime.date) -> int:
    """Both the first and the last day count."""
    return (end - start).days + 1


def max_length_days(max_weeks: int | None, max_days: int | None) -> int | None:
    """The maximum in days, or None for «постоянно» (§9.1, L1373)."""
    if max_weeks is not None:
        return max_weeks * DAYS_PER_WEEK
    return max_days


@dataclass(frozen=True)
class ActivityDates:
    """What the rules need of one plan activity."""

    key: int
    label: str  # «4.1.1 Определить лидера 5S-команды»
    max_weeks: int | None
    max_days: int | None
    period_group: str
    start: datetime.date | None
    end: datetime.date | None

    @property
    def maximum(self) -> int | None:
        return max_length_days(self.max_weeks, self.max_days)


def exceeds_maximum(activity: ActivityDates) -> bool:
    """The activity alone is longer than its maximum (the grid marks it)."""
    if activity.maximum is None or activity.start is None or activity.end is None:
        return False
    return length_days(activity.start, activity.end) > activity.maximum


def describe_maximum(max_weeks: int | None, max_days: int | None) -> str:
    if max_weeks is not None:
        return f"{max_weeks} нед."
    if max_days is not None:
        return f"{max_days} дн."
    return "постоянно"


def approval_errors(activities: Sequence[ActivityDates]) -> dict[int, list[str]]:
    """Why the plan may not be approved yet, per activity key: an end before its start, a
    length over the maximum (§4.8, L555: «Сроки выполнения мероприятий
    плана не должны превышать сроков, установленных в Методических рекомендациях»), and a
    shared period exceeded by its rows together. Empty: the plan may be approved."""
    errors: dict[int, list[str]] = {}

    def add(key: int, text: str) -> None:
        errors.setdefault(key, []).append(text)

    for activity in activities:
        if activity.start is None or activity.end is None:
            continue  # not planned yet: shown on the page (unplanned), not a refusal
        if activity.end < activity.start:
            add(activity.key, f"{activity.label}: окончание раньше начала.")
            continue
        if exceeds_maximum(activity):
            assert activity.start is not None and activity.end is not None
            add(
                activity.key,
                f"{activity.label}: {length_days(activity.start, activity.end)} дн. при "
                f"максимальном периоде {describe_maximum(activity.max_weeks, activity.max_days)}"
                f" ({activity.maximum} дн.).",
            )
    for members in _groups(activities).values():
        if len(members) < 2 or any(member.key in errors for member in members):
            continue
        maximum = members[0].maximum
        starts = [member.start for member in members if member.start is not None]
        ends = [member.end for member in members if member.end is not None]
        if maximum is None or not starts or not ends:
            continue
        span = length_days(min(starts), max(ends))
        if span > maximum:
            labels = ", ".join(member.label for member in members)
            for member in members:
                add(
                    member.key,
                    f"{member.label}: вместе с мероприятиями общего срока ({labels}) — {span} дн."
                    f" при максимальном периоде {maximum} дн.",
                )
    return errors


def unplanned(activities: Iterable[ActivityDates]) -> list[ActivityDates]:
    """Activities without both planned dates: the page warns of them before approval (the
    printed form shows no period for them); they do not block it, the maxima do (L555)."""
    return [a for a in activities if a.start is None or (a.end is None and a.maximum is not None)]


def _groups(activities: Iterable[ActivityDates]) -> dict[str, list[ActivityDates]]:
    groups: dict[str, list[ActivityDates]] = {}
    for activity in activities:
        if activity.period_group:
            groups.setdefault(activity.period_group, []).append(activity)
    return groups


# --- Appendix 10's grid: 52 weeks ---------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    number: int  # 1..52
    start: datetime.date
    end: datetime.date


def plan_weeks(starts_on: datetime.date) -> list[Week]:
    """The plan's 52 week columns (Appendix 10, L3634), the first starting on `starts_on`."""
    return [
        Week(
            number=index + 1,
            start=starts_on + datetime.timedelta(days=DAYS_PER_WEEK * index),
            end=starts_on + datetime.timedelta(days=DAYS_PER_WEEK * index + DAYS_PER_WEEK - 1),
        )
        for index in range(PLAN_WEEKS)
    ]


def month_spans(weeks: Sequence[Week]) -> list[tuple[datetime.date, int]]:
    """Consecutive weeks grouped by the month their first day falls in: (first of month, count),
    the header row «Название месяцев года» above the week numbers."""
    spans: list[tuple[datetime.date, int]] = []
    for week in weeks:
        month = week.start.replace(day=1)
        if spans and spans[-1][0] == month:
            spans[-1] = (month, spans[-1][1] + 1)
        else:
            spans.append((month, 1))
    return spans


def _overlaps(week: Week, start: datetime.date | None, end: datetime.date | None) -> bool:
    if start is None:
        return False
    end = end if end is not None else start
    return week.start <= end and start <= week.end


def week_cells(
    weeks: Sequence[Week],
    *,
    planned_start: datetime.date | None,
    planned_end: datetime.date | None,
    actual_start: datetime.date | None,
    actual_end: datetime.date | None,
) -> list[tuple[bool, bool]]:
    """(planned, done) per week: planned weeks are filled yellow, done weeks hatched (Appendix
    10, L3645–L3647). Done runs from the actual start (or the planned start) to the actual end;
    without an actual end nothing is done."""
    done_start = actual_start or planned_start
    if actual_end is not None and (done_start is None or done_start > actual_end):
        done_start = actual_end
    return [
        (
            _overlaps(week, planned_start, planned_end),
            actual_end is not None and _overlaps(week, done_start, actual_end),
        )
        for week in weeks
    ]
