"""Issue 18: the dashboard in pages with the region's figures from the database, its cache,
and the summary API in pages — query counts that do not grow with the region."""

import datetime
from decimal import Decimal

import pytest

from reports import selectors
from tests.agencies.factories import AgencyFactory
from tests.reports.factories import signed_audit


def _build(team, count, steps=(1, 2)):
    for n in range(count):
        agency = AgencyFactory()
        for month in (3, 4):
            signed_audit(
                agency=agency,
                auditors=team,
                date=datetime.date(2026, month, 2 + n),
                steps=steps,
                default=3 + n % 2,
            )


def test_a_dashboard_page_holds_its_rows_and_the_whole_regions_figures(
    checklist, team, today, django_assert_num_queries
):
    _build(team, 7)
    everything = selectors.dashboard()
    with django_assert_num_queries(7):
        first = selectors.dashboard(page=1, page_size=3)
    second = selectors.dashboard(page=2, page_size=3)
    assert len(first["rows"]) == 3 and first["pages"] == -(-everything["count"] // 3)
    for key in ("audited", "region_overall", "agencies", "region_trend", "overdue_actions"):
        assert first[key] == everything[key] == second[key]
    assert [r["agency"].pk for r in first["rows"] + second["rows"]] == [
        r["agency"].pk for r in everything["rows"][:6]
    ]
    assert everything["audited"] == 7
    # the mean of the overall scores as shown: 4 × 3.00 + 3 × 4.00 over 7
    assert everything["region_overall"] == Decimal("3.43")


def test_the_ranking_is_within_the_number_of_completed_steps(checklist, team, today):
    _build(team, 2, steps=(1,))
    _build(team, 2, steps=(1, 2, 3, 4, 5))
    data = selectors.dashboard()
    signed = [row for row in data["rows"] if row["overall"] is not None]
    assert [row["completed_steps"] for row in signed] == [5, 5, 1, 1]
    assert [row["rank"] for row in signed] == [1, 2, 1, 2]
    only_one = selectors.dashboard(steps=1)
    assert [row["completed_steps"] for row in only_one["rows"]] == [1, 1]
    assert only_one["agencies"] == data["agencies"]  # the headline stays the region's


def test_a_past_day_reads_the_state_as_of_that_day(checklist, team, agency_a, today):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 3), default=3)
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 5, 5), default=5)
    rows = {
        r["agency"].pk: r for r in selectors.dashboard(today=datetime.date(2026, 4, 10))["rows"]
    }
    assert rows[agency_a.pk]["overall"] == Decimal("3.00")
    assert rows[agency_a.pk]["audit_date"] == datetime.date(2026, 3, 3)


def test_the_dashboard_page_is_cached_until_a_sheet_is_signed(
    login, governor, checklist, team, agency_a, today, django_assert_max_num_queries
):
    client = login(governor)
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 3), default=3)
    first = client.get("/reports/")
    assert "3,00" in first.content.decode()
    with django_assert_max_num_queries(6) as cached:
        again = client.get("/reports/")
    assert not any("audits_regionmonth" in q["sql"] for q in cached.captured_queries)
    assert again.content.decode().count("3,00") == first.content.decode().count("3,00")
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 5, 5), default=5)
    assert "5,00" in client.get("/reports/").content.decode()


def test_the_dashboard_is_shown_when_its_cache_cannot_be_reached(
    login, governor, checklist, team, agency_a, today, settings
):
    from tests.core.test_pdf_cache import UNREACHABLE_CACHE

    settings.CACHES = UNREACHABLE_CACHE
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 3), default=3)
    response = login(governor).get("/reports/")
    assert response.status_code == 200
    assert "3,00" in response.content.decode()


def test_the_dashboard_pages_and_labels_months_as_months(login, governor, checklist, team, today):
    _build(team, 3)
    html = login(governor).get("/reports/?page=1&sort=name&steps=2").content.decode()
    assert "июн 2026" in html and 'data-testid="ranking-note"' in html
    assert "Страница 1 из 1" in html
    assert login(governor).get("/reports/?page=zzz&steps=9").status_code == 200


@pytest.mark.parametrize("size", [1, 2])
def test_the_summary_api_pages_its_rows_without_losing_the_month(
    api_client, governor, checklist, team, today, size
):
    _build(team, 3)
    client = api_client(governor)
    body = client.get(f"/api/v1/summary/?month=2026-04&page_size={size}").json()
    assert body["month"] == "2026-04" and len(body["rows"]) == size
    assert body["count"] >= 3 and body["previous"] is None and "page=2" in body["next"]
    names = [row["agency_name"] for row in body["rows"]]
    following = client.get(body["next"]).json()
    assert following["previous"] is not None
    assert following["rows"][0]["agency_name"] not in names
    whole = client.get("/api/v1/summary/?month=2026-04").json()
    assert len(whole["rows"]) == whole["count"] and whole["next"] is None


def test_the_summary_api_runs_the_same_queries_for_a_larger_region(
    api_client, governor, checklist, team, today, django_assert_max_num_queries
):
    client = api_client(governor)
    _build(team, 2)
    client.get("/api/v1/summary/?month=2026-04")
    with django_assert_max_num_queries(20) as small:
        client.get("/api/v1/summary/?month=2026-04")
    _build(team, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v1/summary/?month=2026-04&page_size=5")


def test_the_lateral_and_the_portable_summary_read_the_same_states(checklist, team, today):
    """PostgreSQL reads the summary by LATERAL joins, the embedded SQLite by correlated
    subqueries: the same rows, agencies without a signed audit and a filtered set included, and
    the whole region read without a filter (None)."""
    from django.db import connection

    from agencies.models import Agency
    from core.periods import month_end
    from reports.selectors import _summary_states_lateral, _summary_states_orm

    if connection.vendor != "postgresql":
        pytest.skip("LATERAL is PostgreSQL's: the embedded SQLite reads the portable form only")
    _build(team, 4)
    AgencyFactory()  # no audit
    for month in (datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)):
        end, before = month_end(month), datetime.date(month.year, month.month, 1)
        before = before - datetime.timedelta(days=1)
        some = list(Agency.objects.order_by("pk").values_list("pk", flat=True)[1:4])
        for agencies in (None, Agency.objects.all(), Agency.objects.filter(pk__in=some)):
            states = _summary_states_lateral(end, before, agencies)
            assert states == _summary_states_orm(end, before, agencies)
            listed = Agency.objects.all() if agencies is None else agencies
            assert len(states) == listed.count() and any(state[2] for state in states)
