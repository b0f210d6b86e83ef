import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from tests.agencies.factories import AgencyFactory
from tests.reports.factories import open_action, signed_audit

REGION = ["governor", "group_head", "auditor", "administrator"]
AGENCY = ["team_leader_a", "team_member_a", "employee_a"]


@pytest.fixture
def region(checklist, agency_a, agency_b, team, today):
    signed_audit(
        agency=agency_a,
        auditors=team,
        date=datetime.date(2026, 3, 3),
        default=3,
        notes={"1.2": "Хлам в шкафу"},
    )
    latest = signed_audit(
        agency=agency_a,
        auditors=team,
        date=datetime.date(2026, 5, 5),
        default=[4, 4, 5, 5],
        notes={"1.2": "Снова хлам"},
    )
    open_action(latest, planned=datetime.date(2026, 5, 20))
    signed_audit(
        agency=agency_b,
        auditors=team,
        date=datetime.date(2026, 5, 12),
        default=2,
        scores={"1.1": [1, 1, 4, 4]},
        decisions={"1.1": 2},
    )
    return latest


@pytest.mark.parametrize("role", REGION)
def test_region_roles_open_the_dashboard_summary_and_findings(login, role, request, region):
    client = login(request.getfixturevalue(role))
    dashboard = client.get("/reports/")
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert "Департамент А" in html and "4,50" in html
    assert "<svg" in html
    assert client.get("/reports/summary/?month=2026-05").status_code == 200
    assert client.get("/reports/findings/").status_code == 200


@pytest.mark.parametrize("role", AGENCY + ["no_role"])
def test_agency_roles_do_not_see_the_region(login, role, request, region):
    client = login(request.getfixturevalue(role))
    for url in ("/reports/", "/reports/summary/", "/reports/findings/"):
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    for url in ("/reports/", "/reports/knowledge-base/", "/reports/documents/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dashboard_shows_ranking_changes_and_overdue_actions(login, governor, region):
    from reports import selectors

    html = login(governor).get("/reports/").content.decode()
    # As of 15 June, A's state (the May audit, 4.50) is as at the end of May: 0.00 against the
    # previous period (L3853); against its previous audit (3.00) it rose by 1.50.
    assert "По сравнению с предыдущим аудитом: 1,50" in html
    assert "мероприятий: 1" in html
    rows = {row["agency"].short_name: row for row in selectors.dashboard()["rows"]}
    assert rows["Департамент А"]["change"] == Decimal("0.00")
    assert rows["Департамент Б"]["change"] == Decimal("0.00")  # audited in May
    in_may = {
        row["agency"].short_name: row
        for row in selectors.dashboard(today=datetime.date(2026, 5, 20))["rows"]
    }
    assert in_may["Департамент А"]["change"] == Decimal("1.50")  # 3.00 at the end of April
    assert in_may["Департамент Б"]["change"] is None  # its first month with a signed audit
    table = html.split('data-testid="dashboard-table"')[1]
    assert table.index("Департамент А") < table.index("Департамент Б")


def test_summary_page_lists_every_agency_with_the_change_against_the_previous_period(
    login, governor, region
):
    client = login(governor)
    april = client.get("/reports/summary/?month=2026-04").content.decode()
    table = april.split('data-testid="summary-table"')[1]
    from agencies.models import Agency

    # A's state in April is its March audit (3.00): 0,00 against March; the others (B, the
    # working group's own office) have none yet, and are listed all the same.
    assert "03.03.2026" in table and "0,00" in table
    assert table.count("нет подписанного аудита") == Agency.objects.count() - 1
    may = client.get("/reports/summary/?month=2026-05").content.decode()
    table = may.split('data-testid="summary-table"')[1]
    assert "+1,50" in table  # A: 3.00 at the end of April → 4.50
    assert table.count("нет подписанного аудита") == Agency.objects.count() - 2
    assert "по сравнению с предыдущим периодом" in may


def test_summary_page_rejects_a_malformed_month_with_a_russian_message(login, governor, region):
    html = login(governor).get("/reports/summary/?month=2026-13").content.decode()
    assert "Укажите месяц в формате ГГГГ-ММ" in html


def test_findings_show_recurring_remarks_backlog_and_consistency(login, group_head, region):
    html = login(group_head).get("/reports/findings/").content.decode()
    assert "Снова хлам" in html
    assert 'data-testid="backlog-table"' in html
    assert 'data-testid="consistency"' in html
    assert "Криппендорфа" in html


def test_the_governor_does_not_see_auditor_calibration(login, governor, region):
    html = login(governor).get("/reports/findings/").content.decode()
    assert 'data-testid="consistency"' not in html


def test_dashboard_queries_do_not_grow_with_agencies(
    login, governor, checklist, team, today, django_assert_max_num_queries
):
    client = login(governor)
    client.get("/reports/")  # warm up session and user caches

    def build(count):
        for n in range(count):
            agency = AgencyFactory()
            for month in (3, 4):
                audit = signed_audit(
                    agency=agency,
                    auditors=team,
                    date=datetime.date(2026, month, 2 + n),
                    steps=(1, 2),
                )
            open_action(audit, planned=datetime.date(2026, 5, 1))

    build(2)
    with django_assert_max_num_queries(20) as small:
        client.get("/reports/")
    build(12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/reports/")
    assert response.content.decode().count('class="num score-4"') >= 14


def test_dashboard_reads_stored_step_values_in_five_queries_whatever_the_region(
    checklist, team, today, django_assert_num_queries
):
    from reports import selectors

    def build(count):
        for n in range(count):
            agency = AgencyFactory()
            for month in (3, 4):
                signed_audit(
                    agency=agency,
                    auditors=team,
                    date=datetime.date(2026, month, 2 + n),
                    steps=(1, 2),
                )

    build(2)
    with django_assert_num_queries(7):
        selectors.dashboard()
    build(15)
    with django_assert_num_queries(7):
        data = selectors.dashboard()
    assert sum(1 for row in data["rows"] if row["steps"][0]["value"] == Decimal("4.00")) == 17


def test_findings_queries_do_not_grow_with_agencies(
    login, group_head, checklist, team, today, django_assert_max_num_queries
):
    client = login(group_head)
    client.get("/reports/findings/")

    def build(count):
        for n in range(count):
            agency = AgencyFactory()
            for month in (3, 4):
                audit = signed_audit(
                    agency=agency,
                    auditors=team,
                    notes={"1.1": "Замечание"},
                    date=datetime.date(2026, month, 2 + n),
                    steps=(1,),
                )
            open_action(audit, planned=datetime.date(2026, 5, 1))

    build(2)
    with django_assert_max_num_queries(25) as small:
        client.get("/reports/findings/")
    build(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/reports/findings/")


def _shown_steps(agency):
    from reports import selectors

    rows = {row["agency"].pk: row for row in selectors.dashboard()["rows"]}
    return [step["value"] for step in rows[agency.pk]["steps"]], rows[agency.pk]["overall"]


def _final_sheet_steps(agency):
    from audits.models import Audit
    from audits.selectors import final_sheet_data

    data = final_sheet_data(Audit.objects.filter(agency=agency).order_by("-date").first())
    return [s.value if s.completed else None for s in data.steps], data.overall


def test_dashboard_step_values_are_the_final_sheets(region, agency_a, agency_b, today):
    for agency in (agency_a, agency_b):
        assert _shown_steps(agency) == _final_sheet_steps(agency)


def test_dashboard_shows_the_step_values_stored_at_signing_not_recomputed(
    login, governor, checklist, team, agency_a, today
):
    from audits.models import FinalScoreSheet

    audit = signed_audit(
        agency=agency_a, auditors=team, date=datetime.date(2026, 5, 5), default=4, steps=(1, 2)
    )
    assert FinalScoreSheet.objects.get(audit=audit).step_values == {
        "1": "4.000000",
        "2": "4.000000",
    }
    # Values no recomputation from the scores (all 4) could give: the stored copy is shown,
    # rounded half up to two places.
    FinalScoreSheet.objects.filter(audit=audit).update(
        step_values={"1": "1.234567", "2": "2.995000"}
    )
    steps, _overall = _shown_steps(agency_a)
    assert steps == [Decimal("1.23"), Decimal("3.00"), None, None, None]
    html = login(governor).get("/reports/").content.decode()
    assert "1,23" in html and "3,00" in html


# Audits migration 0011: final sheets signed before FinalScoreSheet.step_values existed get the
# step values signing stores today (Appendix 12's «значение шага», §4.10), worked out by the same
# pure rules (audits.rules, audits.scoring); the dashboard then reads them like any other.
backfill_step_values = importlib.import_module(
    "audits.migrations.0018_backfill_final_sheet_step_values"
).backfill_step_values


def test_the_migration_stores_the_step_values_of_sheets_signed_before_they_were_stored(
    checklist, team, agency_a, agency_b, today
):
    from audits import scoring
    from audits.models import FinalScoreSheet
    from audits.selectors import final_sheet_data

    legacy_a = signed_audit(
        agency=agency_a,
        auditors=team,
        date=datetime.date(2026, 5, 5),
        default=[4, 4, 5, 5],
        scores={"1.2": [3, 3, 4, 4]},
        legacy=True,
    )
    legacy_b = signed_audit(
        agency=agency_b,
        auditors=team,
        date=datetime.date(2026, 5, 12),
        default=2,
        scores={"1.1": [1, 1, 4, 4]},
        decisions={"1.1": 2},
        legacy=True,
    )
    current = signed_audit(
        agency=agency_b, auditors=team, date=datetime.date(2026, 4, 7), default=3
    )
    stored_before = FinalScoreSheet.objects.get(audit=current).step_values
    unsigned = signed_audit(
        agency=agency_a, auditors=team, date=datetime.date(2026, 6, 2), finalised=False
    )
    assert not FinalScoreSheet.objects.get(audit=legacy_a).step_values
    assert not FinalScoreSheet.objects.get(audit=legacy_b).step_values

    backfill_step_values(apps, None)

    for audit in (legacy_a, legacy_b):
        expected = scoring.stored_step_values(final_sheet_data(audit).completed_step_values)
        assert FinalScoreSheet.objects.get(audit=audit).step_values == expected
    # step 1 of A: 1.1 and 1.3 = 4.5, 1.2 = 3.5 → 12.5 / 3 = 4.1666…; step 4 not completed
    assert FinalScoreSheet.objects.get(audit=legacy_a).step_values == {
        "1": "4.166667",
        "2": "4.500000",
        "3": "4.500000",
    }
    assert _shown_steps(agency_a)[0][:4] == [
        Decimal("4.17"),
        Decimal("4.50"),
        Decimal("4.50"),
        None,
    ]
    # B's collegial decision on 1.1 (2, not the mean 2.5) is in the stored value
    assert FinalScoreSheet.objects.get(audit=legacy_b).step_values["1"] == "2.000000"
    steps, _overall = _shown_steps(agency_b)
    assert steps[0] == Decimal("2.00")
    # A sheet that stored its values keeps them; an unsigned one stores none.
    assert FinalScoreSheet.objects.get(audit=current).step_values == stored_before
    assert FinalScoreSheet.objects.get(audit=unsigned).step_values == {}


def test_region_trend_is_the_mean_of_the_latest_scores_at_each_month_end(region, today):
    from decimal import Decimal

    from reports import selectors

    data = selectors.dashboard()
    trend = dict(zip(data["months"], data["region_trend"], strict=True))
    assert trend[datetime.date(2026, 2, 1)] is None
    assert trend[datetime.date(2026, 3, 1)] == Decimal("3.00")
    assert trend[datetime.date(2026, 4, 1)] == Decimal("3.00")
    assert trend[datetime.date(2026, 5, 1)] == Decimal("3.25")  # (4.50 + 2.00) / 2
    assert trend[datetime.date(2026, 6, 1)] == Decimal("3.25")
    row_a = next(r for r in data["rows"] if r["agency"].short_name == "Департамент А")
    assert row_a["trend"][-4:] == [
        Decimal("3.000000"),
        Decimal("3.000000"),
        Decimal("4.500000"),
        Decimal("4.500000"),
    ]
