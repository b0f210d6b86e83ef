import datetime
from decimal import Decimal
from fractions import Fraction

import numpy
import pytest
from krippendorff import alpha

from reports import metrics, selectors
from tests.reports.factories import open_action, signed_audit


def test_consistency_measures_deviation_from_the_groups_value():
    observations = [
        ("a", 5, Fraction(4)),
        ("a", 2, Fraction(4)),  # 2 points below: a divergence
        ("b", 4, Fraction(4)),
        ("b", 4, Fraction(7, 2)),
    ]
    rows = {row.auditor: row for row in metrics.auditor_consistency(observations)}
    assert rows["a"].mean_deviation == Fraction(-1, 2)
    assert rows["a"].mean_abs_deviation == Fraction(3, 2)
    assert rows["a"].divergent == 1 and rows["a"].divergent_share == Fraction(1, 2)
    assert rows["b"].mean_deviation == Fraction(1, 4)
    assert rows["b"].divergent == 0


def test_alpha_is_the_krippendorff_packages_value():
    units = [{"a": 4, "b": 4, "c": 5}, {"a": 2, "b": 3}, {"a": 5, "b": 5, "c": 5}, {"b": 1, "c": 2}]
    data = numpy.array([[4, 2, 5, numpy.nan], [4, 3, 5, 1], [5, numpy.nan, 5, 2]], dtype=float)
    expected = alpha(reliability_data=data, level_of_measurement="ordinal")
    assert metrics.krippendorff_alpha(units) == pytest.approx(expected)


def test_alpha_needs_variation_and_two_raters():
    assert metrics.krippendorff_alpha([{"a": 4, "b": 4}, {"a": 4, "b": 4}]) is None
    assert metrics.krippendorff_alpha([{"a": 4}]) is None


def test_region_consistency_uses_the_final_sheets_values(checklist, agency_a, team):
    lenient, *others = team[:3]
    signed_audit(
        agency=agency_a,
        auditors=[lenient, *others],
        date=datetime.date(2026, 5, 5),
        steps=(1,),
        default=[5, 3, 3],  # mean 11/3: lenient is +4/3 above, the others −2/3
        scores={"1.1": [5, 2, 3]},
        decisions={"1.1": 3},  # divergent → the decision (3) is the group's value
    )
    result = selectors.auditor_consistency(
        since=datetime.date(2026, 1, 1), until=datetime.date(2026, 12, 31)
    )
    rows = {row["auditor"].pk: row for row in result["rows"]}
    assert result["audits"] == 1 and result["units"] == 3
    # 1.1: 5−3 = +2 (divergent); 1.2, 1.3: 5 − 11/3 = +4/3 each → mean (2 + 8/3)/3 = 14/9
    assert rows[lenient.pk]["mean_deviation"] == Decimal("1.56")
    assert rows[lenient.pk]["divergent"] == 3
    assert rows[lenient.pk]["divergent_share"] == Decimal("100.00")
    assert result["rows"][0]["auditor"] == lenient
    assert result["alpha"] is not None


def test_recurring_remarks_need_consecutive_audits_up_to_the_latest(checklist, agency_a, team):
    day = datetime.date(2026, 1, 10)
    signed_audit(agency=agency_a, auditors=team, date=day, notes={"1.1": "a", "1.2": "x"})
    signed_audit(agency=agency_a, auditors=team, date=day.replace(month=2), notes={"1.1": "b"})
    signed_audit(
        agency=agency_a, auditors=team, date=day.replace(month=3), notes={"1.1": "c", "1.2": "y"}
    )
    (entry,) = selectors.recurring_remarks()
    assert entry["agency"] == "Департамент А"
    assert [(item["code"], item["streak"], item["notes"]) for item in entry["items"]] == [
        ("1.1", 3, ["c"])
    ]


def test_backlog_groups_open_actions_by_age(checklist, agency_a, team):
    today = datetime.date(2026, 6, 15)
    old = signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 1, 10))
    recent = signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 6, 1))
    open_action(old, planned=datetime.date(2026, 2, 1))
    open_action(old, planned=datetime.date(2026, 2, 1), done=datetime.date(2026, 2, 1))
    open_action(recent, planned=datetime.date(2026, 7, 1))
    (row,) = selectors.action_backlog(today=today)["rows"]
    assert row["total"] == 2
    assert row["overdue"] == 1
    assert row["ages"] == [1, 0, 1, 0]  # 14 days; 156 days
