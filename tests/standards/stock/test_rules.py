"""The pure rules of the stock standard (L1211–1245): the minimum proposes an order (L1237),
the maximum flags, the order size comes from the use between requests (L1231)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from standards.stock import rules


def test_a_count_at_the_minimum_needs_an_order():
    assert rules.needs_order(5, 5)


def test_a_count_one_above_the_minimum_does_not():
    assert not rules.needs_order(6, 5)


def test_a_count_below_the_minimum_needs_an_order():
    assert rules.needs_order(0, 5)


def test_a_count_at_the_maximum_is_not_flagged_and_one_above_is():
    assert not rules.over_maximum(20, 20)
    assert rules.over_maximum(21, 20)


def test_consumption_adds_the_falls_and_ignores_deliveries():
    assert rules.consumption([10, 7, 12, 9]) == 6
    assert rules.consumption([]) == 0
    assert rules.consumption([4]) == 0


def test_without_a_previous_request_the_suggestion_fills_to_the_maximum():
    assert (
        rules.suggest_order_quantity(consumed=0, interval_days=0, lead_days=2, count=5, maximum=20)
        == 15
    )


def test_the_suggestion_covers_the_use_of_the_next_interval_and_the_delivery_days():
    # 10 used in 20 days: 0.5 a day; 20 days + 2 days of delivery = 11.
    assert (
        rules.suggest_order_quantity(
            consumed=10, interval_days=20, lead_days=2, count=5, maximum=30
        )
        == 11
    )


def test_the_suggestion_rounds_a_part_of_a_unit_up():
    # 10 in 30 days × 31 days = 10.33… → 11.
    assert (
        rules.suggest_order_quantity(
            consumed=10, interval_days=30, lead_days=1, count=0, maximum=100
        )
        == 11
    )


def test_the_suggestion_never_takes_the_stock_above_the_maximum():
    assert (
        rules.suggest_order_quantity(
            consumed=100, interval_days=10, lead_days=5, count=5, maximum=20
        )
        == 15
    )


def test_nothing_is_suggested_for_a_count_at_or_above_the_maximum():
    assert (
        rules.suggest_order_quantity(
            consumed=5, interval_days=10, lead_days=1, count=25, maximum=20
        )
        == 0
    )


@given(
    consumed=st.integers(0, 10_000),
    interval=st.integers(0, 3_650),
    lead=st.integers(0, 365),
    count=st.integers(0, 10_000),
    maximum=st.integers(0, 10_000),
)
def test_the_suggestion_is_between_zero_and_the_room_left(consumed, interval, lead, count, maximum):
    quantity = rules.suggest_order_quantity(
        consumed=consumed, interval_days=interval, lead_days=lead, count=count, maximum=maximum
    )
    assert 0 <= quantity <= max(0, maximum - count)


@pytest.mark.parametrize("count,minimum,expected", [(4, 5, True), (5, 5, True), (6, 5, False)])
def test_needs_order_boundaries(count, minimum, expected):
    assert rules.needs_order(count, minimum) is expected
