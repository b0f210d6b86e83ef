"""Property-based checks of the arithmetic (hypothesis)."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from productivity import calc

times = st.decimals(min_value="0.1", max_value="10000", places=2)
hours = st.decimals(min_value="0.5", max_value="12", places=2)
yields = st.decimals(min_value="1", max_value="100", places=1)
kvcs = st.decimals(min_value="0.01", max_value="1", places=3)
# The manual's bases and any other the enterprise chooses in (0; 1] (seed 004 L462–463).
bases = st.one_of(
    st.sampled_from(calc.KVC_BASES), st.decimals(min_value="0.01", max_value="1", places=4)
)
# Arithmetic over Decimals: no deadline (a loaded CI machine is not a failure).
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
shares = st.decimals(min_value="0.3", max_value="0.7", places=2)


@relaxed
@given(
    before=st.lists(times, min_size=1, max_size=6),
    after=st.lists(times, min_size=1, max_size=6),
    available_before=hours,
    available_after=hours,
    target=yields,
    actual=yields,
)
def test_growth_is_the_product_of_its_three_factors(
    before, after, available_before, available_after, target, actual
):
    growth = calc.productivity_growth(
        cycle_before=before,
        cycle_after=after,
        available_before=available_before,
        available_after=available_after,
        yield_target=target,
        yield_actual=actual,
    )
    assert growth.growth == growth.cycle_factor * growth.available_factor * growth.quality_factor
    assert growth.cycle_factor == sum(before) / sum(after)
    assert growth.growth_percent == (growth.growth - 1) * 100


@relaxed
@given(cycle=times, shift=hours, fraction=st.decimals(min_value="0.1", max_value="1", places=2))
def test_norm_never_falls_below_the_cycle_time(cycle, shift, fraction):
    norm = calc.time_norm(cycle_time=cycle, shift_time=shift, available_time=shift * fraction)
    assert norm >= cycle


@relaxed
@given(manual=times, extra=times)
def test_kvc_stays_between_zero_and_one(manual, extra):
    value = calc.kvc(manual_time=manual, cycle_time=manual + extra)
    assert 0 < value <= 1


@relaxed
@given(kvc=kvcs, base=bases, share=shares)
def test_kst_never_falls_below_one_and_never_exceeds_its_maximum(kvc, base, share):
    maximum = calc.kst_max(base=base, share=share)
    for mode in ("formula", "table"):
        value = calc.kst(kvc=kvc, base=base, share=share, mode=mode)
        assert 1 <= value <= maximum


@relaxed
@given(kvc=kvcs, base=bases, share=shares)
def test_table_never_pays_less_than_the_formula(kvc, base, share):
    table = calc.kst_table_value(kvc=kvc, base=base, share=share)
    assert table >= calc.kst_formula(kvc=kvc, base=base, share=share)


@relaxed
@given(edge=st.integers(min_value=1, max_value=20), base=bases, share=shares)
def test_table_and_formula_agree_at_the_band_edges(edge, base, share):
    # The bands start at the base and step by 0,05 up to 1 (for 0,4 and 0,5: multiples of 0,05).
    kvc = min(base + Decimal(edge) * calc.KST_BAND_STEP, Decimal(1))
    assert calc.kst_table_value(kvc=kvc, base=base, share=share) == calc.kst_formula(
        kvc=kvc, base=base, share=share
    )


@relaxed
@given(kvc=kvcs, base=bases, share=shares)
def test_the_table_value_is_the_kst_of_the_row_holding_kvc(kvc, base, share):
    rows = calc.kst_table(base=base, share=share)
    row = next(r for r in rows if (r.lower is None or kvc > r.lower) and kvc <= r.upper)
    assert calc.kst_table_value(kvc=kvc, base=base, share=share) == row.kst


@relaxed
@given(kvc_low=kvcs, kvc_high=kvcs, base=bases, share=shares)
def test_kst_grows_with_kvc(kvc_low, kvc_high, base, share):
    low, high = sorted((kvc_low, kvc_high))
    for mode in ("formula", "table"):
        assert calc.kst(kvc=low, base=base, share=share, mode=mode) <= calc.kst(
            kvc=high, base=base, share=share, mode=mode
        )


@relaxed
@given(kvc=kvcs, base=bases, share=shares)
def test_kst_is_one_at_or_below_the_base(kvc, base, share):
    if kvc <= base:
        assert calc.kst_formula(kvc=kvc, base=base, share=share) == 1
        assert calc.kst_table_value(kvc=kvc, base=base, share=share) == 1


@relaxed
@given(kvc=kvcs, fraction=st.decimals(min_value="0.01", max_value="1", places=2), ideal=hours)
def test_kint_never_exceeds_kvc(kvc, fraction, ideal):
    assert calc.kint(kvc=kvc, available_actual=ideal * fraction, available_ideal=ideal) <= kvc


@relaxed
@given(
    cycles=st.lists(times, min_size=1, max_size=8), available=hours, programme=st.integers(1, 5000)
)
def test_both_headcounts_agree_when_kvn_shifts_workers_and_parts_are_one(
    cycles, available, programme
):
    takt = calc.takt_time(available_time=available * 3600, programme=programme)
    lean = calc.headcount_lean(cycle_times=cycles, takt=takt)
    standards = calc.headcount_standards(
        operations=[calc.Operation(cycle_time=c) for c in cycles], takt=takt
    )
    # Equal up to the last of Decimal's 28 significant digits (the sums divide differently).
    assert abs(lean - standards) <= lean * Decimal("1e-24")


@relaxed
@given(
    cycle=times,
    manual_fraction=st.decimals(min_value="0.05", max_value="1", places=2),
    shift=hours,
    fraction=st.decimals(min_value="0.2", max_value="1", places=2),
    rate=st.decimals(min_value="10", max_value="2000", places=2),
    base=bases,
    share=shares,
)
def test_hourly_wage_is_hourly_rate_times_kst(
    cycle, manual_fraction, shift, fraction, rate, base, share
):
    # P × Vчас = n × Cчас × Kст × 3600 / n: exact up to the 28th significant digit.
    card = calc.piece_rate_card(
        cycle_time_s=cycle,
        manual_time_s=cycle * manual_fraction,
        shift_h=shift,
        available_h=shift * fraction,
        hourly_rate=rate,
        kvc_base=base,
        worker_share=share,
    )
    assert abs(card.wage_per_hour - rate * card.kst) < Decimal("1e-20")
