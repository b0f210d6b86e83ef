"""Impossible inputs raise InvalidInput naming the input."""

import pytest
from django.utils import translation

from productivity import calc


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: calc.time_norm(cycle_time=0, shift_time=8, available_time=7), "cycle_time"),
        (lambda: calc.time_norm(cycle_time=-3, shift_time=8, available_time=7), "cycle_time"),
        (lambda: calc.time_norm(cycle_time=30, shift_time=8, available_time=9), "available_time"),
        (
            lambda: calc.time_norm(
                cycle_time=30, shift_time=8, available_time=7, parts_per_cycle=0
            ),
            "parts_per_cycle",
        ),
        (lambda: calc.kvc(manual_time=50, cycle_time=40), "manual_time"),
        (lambda: calc.kvc(manual_time=0, cycle_time=40), "manual_time"),
        (lambda: calc.kint(kvc="1.2", available_actual=6, available_ideal=7), "kvc"),
        (lambda: calc.kint(kvc="0.5", available_actual=8, available_ideal=7), "available_actual"),
        (lambda: calc.quality_factor(yield_target=100, yield_actual=105), "yield_actual"),
        (lambda: calc.quality_factor(yield_target=101, yield_actual=95), "yield_target"),
        (lambda: calc.quality_factor(yield_target=100, yield_actual=0), "yield_actual"),
        (lambda: calc.cycle_factor(cycle_before=[], cycle_after=[2]), "cycle_before"),
        (lambda: calc.cycle_factor(cycle_before=[4, 0], cycle_after=[2]), "cycle_before"),
        (lambda: calc.cycle_factor(cycle_before=[4], cycle_after=["abc"]), "cycle_after"),
        (lambda: calc.available_factor(available_before=0, available_after=7), "available_before"),
        (lambda: calc.takt_time(available_time=7, programme=0), "programme"),
        (lambda: calc.kst_formula(kvc="1.01"), "kvc"),
        (lambda: calc.kst_formula(kvc="0.6", base="0"), "kvc_base"),
        (lambda: calc.kst_formula(kvc="0.6", base="1.2"), "kvc_base"),
        (lambda: calc.kst_formula(kvc="0.6", share="0.8"), "worker_share"),
        (lambda: calc.kst(kvc="0.6", mode="guess"), "kst_mode"),
        (lambda: calc.available_time_ideal(shift_time=8, rest_time=8), "rest_time"),
        (
            lambda: calc.available_time_actual(
                shift_time=8, rest_time=1, preparatory_time=1, maintenance_time=1, losses_time=5
            ),
            "losses_time",
        ),
        (
            lambda: calc.operation_norm(operative_time=10, allowance_coefficient="0.9"),
            "allowance_coefficient",
        ),
        (lambda: calc.piece_rate(norm_seconds=30, hourly_rate=0), "hourly_rate"),
        (
            lambda: calc.piece_rate_card(
                cycle_time_s=24, manual_time_s=48, shift_h=8, available_h="7.5", hourly_rate=60
            ),
            "manual_time_s",
        ),
        (
            lambda: calc.piece_rate_card(
                cycle_time_s=24, manual_time_s=20, shift_h=8, available_h=9, hourly_rate=60
            ),
            "available_h",
        ),
    ],
)
def test_impossible_input_is_refused_naming_the_input(call, field):
    with pytest.raises(calc.InvalidInput) as caught:
        call()
    assert caught.value.field == field
    assert field in caught.value.details
    assert str(caught.value.message)


def test_messages_are_in_russian():
    with translation.override("ru"), pytest.raises(calc.InvalidInput) as caught:
        calc.kvc(manual_time=50, cycle_time=40)
    with translation.override("ru"):
        assert "Kвц не может быть больше 1" in str(caught.value.message)
