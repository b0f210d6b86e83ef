"""Appendix 13 as of a month (L3827, L3853; issue 12 item 2): each agency's state is its latest
signed audit dated on or before the month's end, and the change is against the state at the end
of the previous month."""

import datetime
import io
from decimal import Decimal

from pypdf import PdfReader

from agencies.models import Agency
from audits.selectors import final_sheet_data
from reports import documents, selectors
from tests.agencies.factories import AgencyFactory
from tests.reports.factories import signed_audit


def _rows(month):
    return {row.agency_name: row for row in selectors.summary_rows(month=month)}


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

    rows = _rows(datetime.date(2026, 3, 1))

    a, b = rows["Департамент А"], rows["Департамент Б"]
    assert a.audit == latest.pk
    assert a.audit_date == datetime.date(2026, 3, 10)
    assert a.completed_steps == 4
    assert a.overall == final_sheet_data(latest).overall == Decimal("4.00")
    # February's state was the January audit (3.00): +1.00 against the previous period.
    assert a.change == Decimal("1.00")
    assert a.change_since_previous_audit == Decimal("1.00")
    # Agency B's state did not change in March (audited in February): 0.00, not «none».
    assert b.change == Decimal("0.00")
    assert b.change_since_previous_audit is None
    assert b.overall == Decimal("2.00")


def test_summary_change_is_the_difference_of_the_printed_scores(checklist, agency_a, team):
    # 4,4,5 on every criterion → 13/3 = 4.33; then 4.00 → change −0.33
    three = team[:3]
    signed_audit(agency=agency_a, auditors=three, date=datetime.date(2026, 1, 5), default=[4, 4, 5])
    signed_audit(agency=agency_a, auditors=three, date=datetime.date(2026, 2, 5), default=4)
    row = _rows(datetime.date(2026, 2, 1))["Департамент А"]
    assert row.overall == Decimal("4.00")
    assert row.change == Decimal("-0.33")


def test_a_quarterly_agency_shows_zero_between_its_audits_not_the_old_change(
    checklist, agency_a, team
):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 1, 15), default=3)
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 4, 15), default=4)
    changes = {
        month: _rows(datetime.date(2026, month, 1))["Департамент А"].change
        for month in (1, 2, 3, 4, 5, 6)
    }
    assert changes == {
        1: None,  # the agency's first month with a signed audit
        2: Decimal("0.00"),
        3: Decimal("0.00"),
        4: Decimal("1.00"),
        5: Decimal("0.00"),
        6: Decimal("0.00"),
    }
    may = _rows(datetime.date(2026, 5, 1))["Департамент А"]
    assert may.change_since_previous_audit == Decimal("1.00")


def test_the_months_last_day_belongs_to_the_month(checklist, agency_a, team):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 1, 31), default=3)
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 2, 28), default=5)
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 1), default=4)
    february = _rows(datetime.date(2026, 2, 1))["Департамент А"]
    assert february.audit_date == datetime.date(2026, 2, 28)
    assert february.change == Decimal("2.00")
    march = _rows(datetime.date(2026, 3, 1))["Департамент А"]
    assert march.change == Decimal("-1.00")


def test_every_agency_is_listed_those_without_a_signed_audit_too(
    checklist, agency_a, agency_b, team
):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 5, 5))
    signed_audit(agency=agency_b, auditors=team, date=datetime.date(2026, 5, 6), finalised=False)
    # A month with no audit at all: every agency, none signed.
    april = selectors.summary_rows(month=datetime.date(2026, 4, 1))
    assert [row.agency for row in april] == list(
        Agency.objects.order_by("short_name", "pk").values_list("pk", flat=True)
    )
    assert all(not row.signed and row.note == "нет подписанного аудита" for row in april)
    assert all(row.overall is None and row.change is None for row in april)
    may = _rows(datetime.date(2026, 5, 1))
    assert may["Департамент А"].signed and may["Департамент А"].change is None
    assert not may["Департамент Б"].signed  # planned, not signed


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
    # Issue 18: the agencies with their state, three index probes each (a LATERAL join's plan).
    with django_assert_num_queries(1):
        rows = selectors.summary_rows(month=datetime.date(2026, 3, 1))
    signed = [row for row in rows if row.signed]
    assert len(signed) == 12 and len(rows) == Agency.objects.count()
    assert all(row.change == Decimal("0.00") for row in signed)


def test_the_summary_pdf_repeats_its_header_on_every_page(checklist, agency_a, team):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 5))
    AgencyFactory.create_batch(70)
    pages = PdfReader(io.BytesIO(documents.summary_pdf(datetime.date(2026, 3, 1)))).pages
    assert len(pages) >= 2
    for page in pages:
        assert "Наименование ОИВ ЯО (СППО)" in page.extract_text()
        assert page.mediabox.width > page.mediabox.height
    assert "Приложение 13 к Методическим рекомендациям" in pages[0].extract_text()
