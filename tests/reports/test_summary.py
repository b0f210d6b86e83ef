import datetime
from decimal import Decimal

from agencies.models import Agency
from audits.selectors import final_sheet_data
from reports import selectors
from tests.agencies.factories import AgencyFactory
from tests.reports.factories import signed_audit


def test_summary_takes_each_agencys_latest_signed_audit_up_to_the_month(
    checklist, agency_a, agency_b, team
):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 1, 20), default=3)
    latest = signed_audit(
        agency=agency_a, auditors=team, date=datetime.date(2026, 3, 10), steps=(1, 2, 3, 4)
    )
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 4, 2), default=5)
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 20), finalised=False)
    signed_audit(agency=agency_b, auditors=team, date=datetime.date(2026, 2, 5), default=2)

    rows = selectors.summary_rows(month=datetime.date(2026, 3, 1))

    assert [row["agency_name"] for row in rows] == ["Департамент А", "Департамент Б"]
    a, b = rows
    assert a["audit"] == latest.pk
    assert a["audit_date"] == datetime.date(2026, 3, 10)
    assert a["completed_steps"] == 4
    assert a["overall"] == final_sheet_data(latest)["overall"] == Decimal("4.00")
    assert a["change"] == Decimal("1.00")
    assert b["change"] is None
    assert b["overall"] == Decimal("2.00")


def test_summary_change_is_the_difference_of_the_printed_scores(checklist, agency_a, team):
    # 4,4,5 on every criterion → 13/3 = 4.33; then 4.00 → change −0.33
    three = team[:3]
    signed_audit(agency=agency_a, auditors=three, date=datetime.date(2026, 1, 5), default=[4, 4, 5])
    signed_audit(agency=agency_a, auditors=three, date=datetime.date(2026, 2, 5), default=4)
    (row,) = selectors.summary_rows(month=datetime.date(2026, 2, 1))
    assert row["overall"] == Decimal("4.00")
    assert row["change"] == Decimal("-0.33")


def test_summary_of_a_month_before_any_audit_is_empty(checklist, agency_a, team):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 5, 5))
    assert selectors.summary_rows(month=datetime.date(2026, 4, 1)) == []


def test_summary_runs_one_query_whatever_the_number_of_agencies(
    checklist, team, django_assert_num_queries
):
    for n in range(12):
        agency = AgencyFactory()
        for month in (1, 2, 3):
            signed_audit(
                agency=agency, auditors=team, date=datetime.date(2026, month, 3 + n), steps=(1,)
            )
    assert Agency.objects.count() >= 12
    with django_assert_num_queries(1):
        rows = selectors.summary_rows(month=datetime.date(2026, 3, 1))
    assert len(rows) == 12
    assert all(row["change"] == Decimal("0.00") for row in rows)
