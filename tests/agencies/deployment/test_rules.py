"""The date rules of the deployment order and plan (agencies/deployment/rules.py) at their
boundaries: lengths counting both ends, maxima in weeks and days, shared periods of merged
cells, the month after the order (L431), working-day deadlines across public holidays (L441,
L557) and the 52-week grid (Appendix 10)."""

import datetime
import json

import pytest
from django.conf import settings

from agencies.deployment import rules

D = datetime.date


def activity(key=1, start=None, end=None, *, weeks=None, days=None, group=""):
    return rules.ActivityDates(
        key=key,
        label=f"A{key}",
        max_weeks=weeks,
        max_days=days,
        period_group=group,
        start=start,
        end=end,
    )


def test_length_counts_the_first_and_the_last_day():
    assert rules.length_days(D(2027, 1, 11), D(2027, 1, 11)) == 1
    assert rules.length_days(D(2027, 1, 11), D(2027, 1, 17)) == 7


def test_an_activity_exactly_at_one_week_passes_and_one_day_more_is_named():
    at_max = activity(1, D(2027, 1, 11), D(2027, 1, 17), weeks=1)
    over = activity(2, D(2027, 1, 11), D(2027, 1, 18), weeks=1)
    assert not rules.exceeds_maximum(at_max)
    assert rules.exceeds_maximum(over)
    errors = rules.approval_errors([at_max, over])
    assert list(errors) == [2]
    assert "8 дн." in errors[2][0] and "7 дн." in errors[2][0]


def test_maxima_in_days_two_and_three():
    assert not rules.exceeds_maximum(activity(1, D(2027, 3, 1), D(2027, 3, 2), days=2))
    assert rules.exceeds_maximum(activity(1, D(2027, 3, 1), D(2027, 3, 3), days=2))
    assert not rules.exceeds_maximum(activity(1, D(2027, 3, 1), D(2027, 3, 3), days=3))


def test_continuous_activities_have_no_maximum():
    endless = activity(1, D(2027, 1, 1), None)
    assert rules.approval_errors([endless]) == {}
    assert not rules.exceeds_maximum(activity(1, D(2027, 1, 1), D(2027, 12, 31)))


def test_reversed_dates_are_named_and_missing_ones_only_listed():
    missing = activity(1, None, None, weeks=1)
    errors = rules.approval_errors([missing, activity(2, D(2027, 1, 5), D(2027, 1, 4), weeks=1)])
    assert list(errors) == [2] and "окончание раньше начала" in errors[2][0]
    assert rules.unplanned([missing, activity(3, D(2027, 1, 1), None)]) == [missing]


def test_rows_sharing_a_merged_period_cell_fit_in_it_together():
    first = activity(1, D(2027, 1, 11), D(2027, 1, 13), weeks=1, group="4.1:1-2")
    second_in = activity(2, D(2027, 1, 14), D(2027, 1, 17), weeks=1, group="4.1:1-2")
    second_out = activity(2, D(2027, 1, 14), D(2027, 1, 18), weeks=1, group="4.1:1-2")
    assert rules.approval_errors([first, second_in]) == {}
    errors = rules.approval_errors([first, second_out])
    assert set(errors) == {1, 2}
    assert "8 дн." in errors[1][0]


@pytest.mark.parametrize(
    ("order", "deadline"),
    [
        (D(2026, 10, 15), D(2026, 11, 15)),
        (D(2027, 1, 31), D(2027, 2, 28)),
        (D(2028, 1, 31), D(2028, 2, 29)),
        (D(2026, 12, 20), D(2027, 1, 20)),
    ],
)
def test_the_month_after_the_order(order, deadline):
    assert rules.plan_approval_deadline(order) == deadline
    assert not rules.approval_is_late(order, deadline)
    assert rules.approval_is_late(order, deadline + datetime.timedelta(days=1))


def test_no_recorded_order_is_never_late():
    assert not rules.approval_is_late(None, D(2030, 1, 1))


def test_the_orders_copy_counts_working_days_across_the_4th_of_november():
    # Fri 30.10.2026: 2, 3, 5, 6 and 9 November are the five working days (4 November, the
    # Day of National Unity, and the weekend are not).
    assert rules.order_copy_due(D(2026, 10, 30)) == D(2026, 11, 9)


def test_the_plans_copies_count_working_days_across_the_new_year_holidays():
    # Approved Wed 30.12.2026: 31.12 and 1–10 January are days off; 11, 12, 13 January count.
    assert rules.plan_copies_due(D(2026, 12, 30)) == D(2027, 1, 13)


def test_the_team_is_approved_again_a_year_later():
    assert rules.team_reapproval_due(D(2026, 3, 2)) == D(2027, 3, 2)
    assert rules.team_reapproval_due(D(2028, 2, 29)) == D(2029, 2, 28)


def test_overdue_only_after_the_due_day_and_while_not_done():
    assert not rules.is_overdue(D(2026, 11, 9), None, D(2026, 11, 9))
    assert rules.is_overdue(D(2026, 11, 9), None, D(2026, 11, 10))
    assert not rules.is_overdue(D(2026, 11, 9), D(2026, 11, 12), D(2026, 11, 20))


def test_the_grid_has_52_weeks_under_their_months():
    weeks = rules.plan_weeks(D(2027, 1, 1))
    assert len(weeks) == 52 and weeks[0].end == D(2027, 1, 7)
    assert weeks[-1].end == D(2027, 12, 30)
    spans = rules.month_spans(weeks)
    assert sum(count for _month, count in spans) == 52
    assert spans[0] == (D(2027, 1, 1), 5)


def test_planned_weeks_and_done_weeks():
    weeks = rules.plan_weeks(D(2027, 1, 1))
    cells = rules.week_cells(
        weeks,
        planned_start=D(2027, 1, 6),
        planned_end=D(2027, 1, 12),
        actual_start=None,
        actual_end=D(2027, 1, 9),
    )
    assert cells[:3] == [(True, True), (True, True), (False, False)]
    not_done = rules.week_cells(
        weeks,
        planned_start=D(2027, 1, 6),
        planned_end=D(2027, 1, 12),
        actual_start=None,
        actual_end=None,
    )
    assert not any(done for _planned, done in not_done)


def test_the_template_fixture_covers_every_table_and_says_how_merged_cells_were_read():
    data = json.loads(
        (settings.BASE_DIR / "fixtures" / "deployment" / "plan_template.json").read_text()
    )
    rows = data["activities"]
    assert {row["section"] for row in rows} == {"4.1", "5.1", "6.1", "7.1", "8.1", "9.1"}
    assert [r["number"] for r in rows if r["section"] == "4.1"] == list(range(1, 9))
    assert all(row["note"] for row in rows)
    days = {(r["section"], r["number"]): r["max_days"] for r in rows if r["max_days"]}
    assert days == {("7.1", 2): 2, ("7.1", 3): 3}
    assert all(
        r["max_weeks"] is None and r["max_days"] is None for r in rows if r["section"] == "9.1"
    )
    groups = {}
    for row in rows:
        if row["period_group"]:
            groups.setdefault(row["period_group"], []).append(row)
    assert set(groups) == {"4.1:1-2", "4.1:3-4", "4.1:5-6", "5.1:1-2"}
    for members in groups.values():
        assert len({(m["max_weeks"], m["max_days"]) for m in members}) == 1
