"""The indicator-sheet API (§4.7, Appendix 8): `POST /api/v1/indicator-sheets/` at the
boundaries of its rules (3 per section, 20 % of the actual headcount), the max / avg / min
computed from the observations, the lists scoped like the pages, the trends, the agency's
actual headcount (L535) through `PATCH /api/v1/agencies/{id}/`."""

import datetime

import pytest

from agencies.indicators.models import Indicator, IndicatorSheet, Observation
from core.permissions import roles_of
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.agencies.indicators.conftest import body, create

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicator-sheets/"


def test_the_team_records_a_sheet_with_max_avg_min_from_the_observations(
    api_client, team_member_a, agency_a, experts_a
):
    response = api_client(team_member_a).post(
        URL, body(agency_a, experts_a, times=("40", "45", "50.75")), format="json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["is_initial"] is True
    assert data["experts"] == sorted(p.pk for p in experts_a) or set(data["experts"]) == {
        p.pk for p in experts_a
    }
    paper = data["indicators"][0]
    assert paper["name"] == "paper 1"
    assert (paper["max"], paper["avg"], paper["min"]) == ("50.75", "45.3", "40.00")
    assert paper["observations"] == ["40.00", "45.00", "50.75"]
    cost = data["indicators"][-1]
    assert (cost["month"], cost["quarter"], cost["year"]) == ("1.50", "4.50", "18.00")
    assert cost["avg"] is None
    assert Observation.objects.count() == 9 * 3


def test_an_average_of_whole_seconds_still_has_one_decimal(
    api_client, team_member_a, agency_a, experts_a
):
    response = api_client(team_member_a).post(
        URL, body(agency_a, experts_a, times=("6", "6", "6")), format="json"
    )
    assert response.json()["indicators"][0]["avg"] == "6.0"


def test_three_per_section_are_accepted_and_two_refused_naming_the_section(
    api_client, team_member_a, agency_a, experts_a
):
    data = body(agency_a, experts_a)
    data["indicators"] = [row for row in data["indicators"] if row["name"] != "electronic 3"]
    response = api_client(team_member_a).post(URL, data, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["indicators.electronic"]
    assert "электронном виде" in errors["indicators.electronic"][0]
    assert "не менее 3" in errors["indicators.electronic"][0]
    assert not IndicatorSheet.objects.exists() and not Indicator.objects.exists()


def test_an_expert_group_of_exactly_twenty_per_cent_rounded_up_is_accepted_one_fewer_refused(
    api_client, team_member_a, agency_a, experts_a
):
    client = api_client(team_member_a)
    # 11 people: 2.2 → 3 experts.
    response = client.post(URL, body(agency_a, experts_a[:2]), format="json")
    assert response.status_code == 400
    assert "20 процентов" in response.json()["errors"]["experts"][0]
    assert "не менее 3" in response.json()["errors"]["experts"][0]
    assert not IndicatorSheet.objects.exists()
    response = client.post(URL, body(agency_a, experts_a), format="json")
    assert response.status_code == 201


def test_no_actual_headcount_is_refused_with_what_to_fill(
    api_client, team_member_a, agency_a, experts_a
):
    agency_a.actual_headcount = None
    agency_a.save()
    response = api_client(team_member_a).post(URL, body(agency_a, experts_a), format="json")
    assert response.status_code == 400
    assert "фактическую численность" in response.json()["errors"]["experts"][0]


def test_experts_of_another_agency_are_refused(
    api_client, administrator, agency_a, agency_b, experts_a
):
    stranger = PersonFactory(agency=agency_b)
    response = api_client(administrator).post(
        URL, body(agency_a, [*experts_a, stranger]), format="json"
    )
    assert response.status_code == 400
    assert stranger.full_name in response.json()["errors"]["experts"][0]


def test_a_bad_row_is_named_by_its_index_and_nothing_is_saved(
    api_client, team_member_a, agency_a, experts_a
):
    data = body(agency_a, experts_a)
    data["indicators"][1]["observations"] = []
    data["indicators"][9]["quarter"] = None
    response = api_client(team_member_a).post(URL, data, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"indicators[1].observations", "indicators[9].quarter"}
    assert not IndicatorSheet.objects.exists()


def test_three_decimals_of_a_second_are_refused(api_client, team_member_a, agency_a, experts_a):
    response = api_client(team_member_a).post(
        URL, body(agency_a, experts_a, times=("1.125",)), format="json"
    )
    assert response.status_code == 400


def test_one_sheet_per_agency_and_date(api_client, team_member_a, agency_a, experts_a):
    client = api_client(team_member_a)
    assert client.post(URL, body(agency_a, experts_a), format="json").status_code == 201
    response = client.post(URL, body(agency_a, experts_a), format="json")
    assert response.status_code == 400
    assert "date" in response.json()["errors"]


@pytest.mark.parametrize("who", ["employee_a", "team_leader_b", "governor", "auditor"])
def test_only_the_team_records_a_sheet(request, api_client, who, agency_a, experts_a):
    user = request.getfixturevalue(who)
    response = api_client(user).post(URL, body(agency_a, experts_a), format="json")
    assert response.status_code in (400, 403)
    assert not IndicatorSheet.objects.exists()


def test_the_leader_approves_and_an_approved_sheet_does_not_change(
    api_client, team_member_a, team_leader_a, agency_a, experts_a
):
    sheet = create(team_member_a, agency_a, experts_a)
    member = api_client(team_member_a)
    assert member.post(f"{URL}{sheet.pk}/approve/", {}, format="json").status_code == 403
    leader = api_client(team_leader_a)
    response = leader.post(f"{URL}{sheet.pk}/approve/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approver"] == team_leader_a.person.pk
    assert leader.post(f"{URL}{sheet.pk}/approve/", {}, format="json").status_code == 409
    indicator = sheet.indicators.get(position=1)
    response = member.post(
        f"{URL}{sheet.pk}/observations/",
        {"observations": [{"indicator": indicator.pk, "seconds": "10"}]},
        format="json",
    )
    assert response.status_code == 409


def test_observations_recorded_later_update_max_avg_min(
    api_client, team_member_a, agency_a, experts_a
):
    sheet = create(team_member_a, agency_a, experts_a, times=("10",))
    indicator = sheet.indicators.get(position=1)
    response = api_client(team_member_a).post(
        f"{URL}{sheet.pk}/observations/",
        {
            "observations": [
                {"indicator": indicator.pk, "seconds": "20", "person": experts_a[1].pk},
                {"indicator": indicator.pk, "seconds": "0.5"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    row = response.json()["indicators"][0]
    assert (row["max"], row["avg"], row["min"], row["observation_count"]) == (
        "20.00",
        "10.2",
        "0.50",
        3,
    )


def test_lists_are_scoped_and_filtered_by_agency(
    api_client, team_member_a, team_leader_b, governor, agency_a, experts_a
):
    create(team_member_a, agency_a, experts_a)
    assert api_client(team_leader_b).get(URL).json()["count"] == 0
    assert api_client(governor).get(URL, {"agency": agency_a.pk}).json()["count"] == 1
    assert api_client(governor).get(URL, {"agency": agency_a.pk + 1000}).json()["count"] == 0
    assert api_client(governor).get(URL, {"agency": "x"}).status_code == 400
    sheet = IndicatorSheet.objects.get()
    assert api_client(team_leader_b).get(f"{URL}{sheet.pk}/").status_code == 404


def test_the_list_costs_the_same_queries_for_more_sheets_and_observations(
    api_client, team_member_a, governor, agency_a, experts_a, django_assert_max_num_queries
):
    client = api_client(governor)
    create(team_member_a, agency_a, experts_a)
    with django_assert_max_num_queries(12) as first:
        client.get(URL)
    for day in range(3, 9):
        create(
            team_member_a,
            agency_a,
            experts_a,
            date=datetime.date(2026, 3, day),
            times=("1", "2", "3", "4", "5", "6"),
        )
    other = AgencyFactory(actual_headcount=1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(URL)
    assert response.json()["count"] == 7
    assert other.pk


def test_trends_show_each_indicator_over_the_measurements_and_the_change(
    api_client, team_member_a, governor, team_leader_b, agency_a, experts_a
):
    create(team_member_a, agency_a, experts_a, times=("40",))
    create(team_member_a, agency_a, experts_a, date=datetime.date(2026, 6, 1), times=("30",))
    url = f"/api/v1/agencies/{agency_a.pk}/indicator-trends/"
    data = api_client(governor).get(url).json()
    assert data["dates"] == ["2026-03-02", "2026-06-01"]
    paper = data["indicators"][0]
    assert [p["avg"] for p in paper["points"]] == ["40.0", "30.0"]
    assert paper["change"] == "-25.0"
    assert data["time_change"] == "-25.0"
    assert data["cost_change"] == "0.0"
    assert data["next_due"] == "2026-09-30"
    assert api_client(team_leader_b).get(url).status_code == 404


def test_the_region_view_puts_the_most_improved_first(
    api_client, team_member_a, team_leader_b, governor, agency_a, agency_b, experts_a
):
    create(team_member_a, agency_a, experts_a, times=("40",))
    create(team_member_a, agency_a, experts_a, date=datetime.date(2026, 6, 1), times=("20",))
    agency_b.actual_headcount = 5
    agency_b.save()
    experts_b = [team_leader_b.person]
    create(team_leader_b, agency_b, experts_b, times=("40",))
    create(team_leader_b, agency_b, experts_b, date=datetime.date(2026, 6, 1), times=("36",))
    rows = api_client(governor).get(f"{URL}region/").json()
    named = [row for row in rows if row["agency"] in (agency_a.pk, agency_b.pk)]
    assert [row["agency"] for row in named] == [agency_a.pk, agency_b.pk]
    assert named[0]["time_change"] == "-50.0"
    assert named[1]["time_change"] == "-10.0"


def test_the_region_view_is_two_queries_however_many_agencies(
    team_member_a, governor, agency_a, experts_a, django_assert_max_num_queries
):
    from agencies.indicators import selectors

    create(team_member_a, agency_a, experts_a)
    today = datetime.date(2026, 11, 30)
    roles_of(governor)  # the user's roles are read once per request
    with django_assert_max_num_queries(2) as small:
        selectors.region_view(user=governor, today=today)
    for _ in range(5):
        AgencyFactory()
    create(team_member_a, agency_a, experts_a, date=datetime.date(2026, 6, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        rows = selectors.region_view(user=governor, today=today)
    assert len(rows) == 6


# --- The agency's actual headcount (L535) ---------------------------------------------------


def test_the_actual_headcount_is_shown_and_patched_by_the_leader(
    api_client, team_leader_a, team_member_a, governor, agency_a
):
    url = f"/api/v1/agencies/{agency_a.pk}/"
    assert api_client(governor).get(url).json()["actual_headcount"] is None
    response = api_client(team_leader_a).patch(url, {"actual_headcount": 42}, format="json")
    assert response.status_code == 200
    assert response.json()["actual_headcount"] == 42
    assert response.json()["staff_headcount"] == agency_a.staff_headcount
    assert (
        api_client(team_member_a).patch(url, {"actual_headcount": 1}, format="json").status_code
        == 403
    )
    assert (
        api_client(governor).patch(url, {"actual_headcount": 1}, format="json").status_code == 403
    )
    assert (
        api_client(team_leader_a).patch(url, {"actual_headcount": -1}, format="json").status_code
        == 400
    )
    assert (
        api_client(team_leader_a).put(url, {"actual_headcount": 1}, format="json").status_code
        == 405
    )
    agency_a.refresh_from_db()
    assert agency_a.actual_headcount == 42


def test_patch_does_not_change_other_fields(api_client, administrator, agency_a):
    url = f"/api/v1/agencies/{agency_a.pk}/"
    response = api_client(administrator).patch(
        url, {"actual_headcount": 7, "short_name": "Иное"}, format="json"
    )
    assert response.status_code == 200
    agency_a.refresh_from_db()
    assert (agency_a.actual_headcount, agency_a.short_name) == (7, "Департамент А")


def test_an_observation_of_another_agencys_employee_is_refused_without_naming_them(
    api_client, team_member_a, agency_a, agency_b, experts_a
):
    sheet = create(team_member_a, agency_a, experts_a)
    stranger = PersonFactory(agency=agency_b, full_name="Чужой Человек")
    indicator = sheet.indicators.get(position=1)
    response = api_client(team_member_a).post(
        f"{URL}{sheet.pk}/observations/",
        {"observations": [{"indicator": indicator.pk, "seconds": "5", "person": stranger.pk}]},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["observations[0].person"]
    assert "Чужой" not in response.content.decode()
    assert indicator.observations.count() == 3


def test_a_bad_observation_is_named_by_its_row(api_client, team_member_a, agency_a, experts_a):
    sheet = create(team_member_a, agency_a, experts_a)
    cost = sheet.indicators.get(section="cost", position=10)
    paper = sheet.indicators.get(position=1)
    response = api_client(team_member_a).post(
        f"{URL}{sheet.pk}/observations/",
        {
            "observations": [
                {"indicator": paper.pk, "seconds": "5"},
                {"indicator": cost.pk, "seconds": "5"},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["observations[1].indicator"]
    assert paper.observations.count() == 3
