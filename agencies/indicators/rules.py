"""The arithmetic of the indicator sheet (§4.7, seed 003 L505–551; Appendix 8, L3407–3525) as
pure functions over plain values: the size of the expert group, max / average / min of the
timings, the quarterly cadence and the change against the initial state."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from agencies.indicators.choices import (
    AVERAGE_PLACES,
    CHANGE_PLACES,
    EXPERT_SHARE_PERCENT,
    MIN_PER_SECTION,
)


def experts_required(actual_headcount: int) -> int:
    """L535: «Численность экспертной группы должна составлять не менее 20 процентов фактической
    численности ОИВ ЯО или СППО», rounded up to whole people (a group is made of people):
    10 → 2, 11 → 3, 0 → 0. Integer arithmetic, so 20 % of 15 is exactly 3."""
    if actual_headcount <= 0:
        return 0
    return -(-actual_headcount * EXPERT_SHARE_PERCENT // 100)


def section_short(count: int) -> bool:
    """Appendix 8's instruction (L3513–3519): at least 3 of each kind; 3 is enough, 2 is not."""
    return count < MIN_PER_SECTION


@dataclass(frozen=True)
class Stats:
    """Appendix 8, column «Значение» (L3523): «максимальное, среднее и минимальное значения»."""

    max: Decimal
    avg: Decimal
    min: Decimal
    count: int


def average(values: Sequence[Decimal]) -> Decimal:
    """The mean of the observations with one decimal place, rounded half up (6.05 → 6.1,
    45.25 → 45.3, 6 → 6.0). Computed in Decimal, so no binary fraction decides a tie."""
    total = sum(values, Decimal(0))
    return (total / Decimal(len(values))).quantize(AVERAGE_PLACES, rounding=ROUND_HALF_UP)


def stats(values: Iterable[Decimal]) -> Stats | None:
    """Max / average / min of the observations (L3523); None when there are none."""
    values = [Decimal(value) for value in values]
    if not values:
        return None
    return Stats(max=max(values), avg=average(values), min=min(values), count=len(values))


# --- The quarterly cadence (L549) ---------------------------------------------------------


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: datetime.date) -> datetime.date:
    start = quarter_start(day)
    following = (
        datetime.date(start.year + 1, 1, 1)
        if start.month == 10
        else datetime.date(start.year, start.month + 3, 1)
    )
    return following - datetime.timedelta(days=1)


def next_due(last_measured: datetime.date) -> datetime.date:
    """L549: «не реже 1 раза в квартал»: after a measurement, the next one is due by the last
    day of the following quarter (a measurement on 15.02 calls for one in April–June, so by
    30.06)."""
    return quarter_end(quarter_end(last_measured) + datetime.timedelta(days=1))


def is_overdue(last_measured: datetime.date | None, today: datetime.date) -> bool:
    """A whole quarter has passed without a measurement: flagged on the quarter's last day + 1
    (measured 15.02: 30.06 is not overdue, 01.07 is). No measurement yet: nothing to count
    from (the initial sheet goes with the deployment plan, L557)."""
    return last_measured is not None and today > next_due(last_measured)


def previous_quarters(day: datetime.date, count: int) -> list[tuple[datetime.date, datetime.date]]:
    """The `count` whole quarters before `day`'s, oldest first (L547: «при первоначальном
    измерении … затраты … за четыре последних квартала»)."""
    result = []
    end = quarter_start(day) - datetime.timedelta(days=1)
    for _ in range(count):
        start = quarter_start(end)
        result.append((start, end))
        end = start - datetime.timedelta(days=1)
    return list(reversed(result))


# --- Change against the initial state (L549: «анализа тенденции (тренда)») -----------------


def change_percent(initial: Decimal | None, current: Decimal | None) -> Decimal | None:
    """(current − initial) / initial in per cent, one decimal rounded half up; negative is a
    reduction, the aim of every indicator of Appendix 8 («Сокращение …», L3439–3485). None when
    either is missing or the initial value is zero."""
    if initial is None or current is None or initial == 0:
        return None
    change = (Decimal(current) - Decimal(initial)) * Decimal(100) / Decimal(initial)
    return change.quantize(CHANGE_PLACES, rounding=ROUND_HALF_UP)
