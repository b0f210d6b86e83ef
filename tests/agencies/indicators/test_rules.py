"""The arithmetic of the indicator sheet (§4.7 L535, L549; Appendix 8 L3523) at its
boundaries: the expert group's size, the average's rounding, the quarterly cadence."""

import datetime
from decimal import Decimal

import pytest

from agencies.indicators import rules


@pytest.mark.parametrize(
    ("headcount", "experts"),
    [(0, 0), (1, 1), (5, 1), (10, 2), (11, 3), (15, 3), (16, 4), (100, 20), (101, 21)],
)
def test_the_expert_group_is_twenty_per_cent_rounded_up_to_whole_people(headcount, experts):
    assert rules.experts_required(headcount) == experts


def test_three_per_section_are_enough_and_two_are_not():
    assert not rules.section_short(3)
    assert rules.section_short(2)


@pytest.mark.parametrize(
    ("values", "avg"),
    [
        (["6"], "6.0"),
        (["6.05"], "6.1"),  # .x5 half up, not to even
        (["6.25"], "6.3"),
        (["45", "45.5"], "45.3"),  # 45.25
        (["0.15"], "0.2"),
        (["1", "2", "2"], "1.7"),
        (["6.04"], "6.0"),
    ],
)
def test_the_average_has_one_decimal_rounded_half_up(values, avg):
    result = rules.stats(Decimal(value) for value in values)
    assert result is not None
    assert str(result.avg) == avg


def test_max_and_min_keep_the_observations_as_recorded():
    result = rules.stats([Decimal("12.35"), Decimal("9.99"), Decimal("30")])
    assert result is not None
    assert (result.max, result.min, result.count) == (Decimal("30"), Decimal("9.99"), 3)
    assert rules.stats([]) is None


def test_a_quarter_without_a_measurement_is_flagged_on_its_last_day_plus_one():
    measured = datetime.date(2026, 2, 15)  # Q1: the next is due in Q2, by 30.06
    assert rules.next_due(measured) == datetime.date(2026, 6, 30)
    assert not rules.is_overdue(measured, datetime.date(2026, 6, 30))
    assert rules.is_overdue(measured, datetime.date(2026, 7, 1))
    december = datetime.date(2026, 12, 31)
    assert rules.next_due(december) == datetime.date(2027, 3, 31)
    assert not rules.is_overdue(december, datetime.date(2027, 3, 31))
    assert rules.is_overdue(december, datetime.date(2027, 4, 1))
    assert not rules.is_overdue(None, datetime.date(2030, 1, 1))


def test_the_first_costs_cover_the_four_previous_quarters():
    quarters = rules.previous_quarters(datetime.date(2026, 5, 10), 4)
    assert quarters[0] == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    assert quarters[-1] == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))


def test_the_change_is_in_per_cent_with_one_decimal():
    assert rules.change_percent(Decimal("40"), Decimal("30")) == Decimal("-25.0")
    assert rules.change_percent(Decimal("3"), Decimal("2")) == Decimal("-33.3")
    assert rules.change_percent(Decimal("0"), Decimal("2")) is None
    assert rules.change_percent(None, Decimal("2")) is None
