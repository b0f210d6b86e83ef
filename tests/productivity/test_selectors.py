from decimal import Decimal

import pytest

from productivity import selectors
from productivity.choices import Phase
from tests.productivity.factories import StudyFactory, WorkplaceFactory, complete_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def studies(agency_a, agency_b, team_leader_a, team_leader_b):
    return {
        "a": complete_study(team_leader_a, WorkplaceFactory(agency=agency_a)),
        "b": complete_study(team_leader_b, WorkplaceFactory(agency=agency_b)),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("team_leader_a", {"a"}),
        ("team_member_a", {"a"}),
        ("employee_a", {"a"}),
        ("team_leader_b", {"b"}),
        ("governor", {"a", "b"}),
        ("auditor", {"a", "b"}),
        ("group_head", {"a", "b"}),
        ("administrator", {"a", "b"}),
        ("no_role", set()),
    ],
)
def test_each_role_sees_the_studies_of_its_reach(request, studies, role, expected):
    user = request.getfixturevalue(role)
    visible = set(selectors.study_list(user=user).values_list("pk", flat=True))
    assert visible == {studies[key].pk for key in expected}


def test_workplace_card_in_force_is_the_latest_after_measurement(team_leader_a, studies):
    workplace = selectors.workplace_list(user=team_leader_a).get()
    assert workplace.current_kst == Decimal("1.45")
    assert workplace.current_kvc == 1
    card = selectors.workplace_card(workplace=workplace)
    assert card.phase == Phase.AFTER


def test_results_per_agency_and_region(governor, studies, agency_a):
    StudyFactory(workplace=WorkplaceFactory(agency=agency_a))  # not measured yet
    results = selectors.results(user=governor)
    by_agency = {row.agency.short_name: row for row in results.rows}
    assert by_agency["Департамент А"].studies == 2
    assert by_agency["Департамент А"].complete == 1
    assert by_agency["Департамент А"].growth_avg == 2
    assert by_agency["Департамент А"].kvc_before == Decimal("0.5")
    assert by_agency["Департамент А"].kvc_after == 1
    assert results.region.studies == 3 and results.region.complete == 2


def test_results_of_a_team_leader_cover_only_their_agency(team_leader_a, studies):
    results = selectors.results(user=team_leader_a)
    assert [row.agency.short_name for row in results.rows] == ["Департамент А"]
    assert results.region.studies == 1


def test_open_studies_lack_the_after_measurement(team_leader_a, agency_a, studies):
    open_study = StudyFactory(workplace=WorkplaceFactory(agency=agency_a))
    assert list(selectors.open_studies(user=team_leader_a)) == [open_study]


def test_lists_take_a_fixed_number_of_queries(
    team_leader_a, agency_a, administrator, django_assert_max_num_queries
):
    for _ in range(6):
        complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    with django_assert_max_num_queries(4):
        rows = list(selectors.study_list(user=administrator))
        assert len(rows) == 6
        assert all(row.has_after for row in rows)
        assert all(row.workplace.name and row.agency.short_name for row in rows)
    with django_assert_max_num_queries(3):
        rows = list(selectors.workplace_list(user=administrator))
        assert all(row.current_kst == Decimal("1.45") for row in rows)
    with django_assert_max_num_queries(6):
        results = selectors.results(user=administrator)
        assert results.rows[0].studies == results.region.studies == 6


def test_results_api_gives_the_pages_figures_scoped_to_the_user(
    api_client, team_leader_a, governor, studies
):
    body = api_client(governor).get("/api/v1/productivity/results/").json()
    assert [row["agency_name"] for row in body["rows"]] == ["Департамент А", "Департамент Б"]
    first = body["rows"][0]
    assert first["studies"] == 1 and first["complete"] == 1
    assert first["growth_avg"] == "2.0000" and first["kvc_before"] == "0.5000"
    assert body["region"]["studies"] == 2 and body["region"]["growth_percent_avg"] == "100.00"
    own = api_client(team_leader_a).get("/api/v1/productivity/results/").json()
    assert [row["agency_name"] for row in own["rows"]] == ["Департамент А"]
    assert api_client().get("/api/v1/productivity/results/").status_code == 401


def test_results_of_nothing_are_empty(api_client, governor):
    body = api_client(governor).get("/api/v1/productivity/results/").json()
    assert body["rows"] == []
    assert body["region"]["studies"] == 0 and body["region"]["growth_avg"] is None
