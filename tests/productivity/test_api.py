from decimal import Decimal

import pytest

from productivity.models import Measurement, Study, Workplace
from productivity.reference import manual_examples
from tests.productivity.factories import CorrectiveActionFactory, WorkplaceFactory, complete_study

pytestmark = pytest.mark.django_db

GROWTH = "/api/v1/productivity/growth/"
PIECE_RATE = "/api/v1/productivity/piece-rate/"
HEADCOUNT = "/api/v1/productivity/headcount/"
STUDIES = "/api/v1/productivity/studies/"
WORKPLACES = "/api/v1/productivity/workplaces/"


def test_growth_endpoint_reproduces_the_manuals_example(api_client, team_member_a):
    example = manual_examples()["growth_example"]
    response = api_client(team_member_a).post(
        GROWTH,
        {
            "cycle_before": [240],
            "cycle_after": [120],
            "available_before": example["available_before"],
            "available_after": example["available_after"],
            "yield_target": 100,
            "yield_actual": 100,
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "cycle_factor": "2.0000",
        "available_factor": "1.2000",
        "quality_factor": "1.0000",
        "growth": "2.4000",
        "growth_percent": "140.00",
    }


def test_growth_with_yield_95(api_client, governor):
    response = api_client(governor).post(
        GROWTH,
        {
            "cycle_before": [30, 30],
            "cycle_after": [20, 10],
            "available_before": 6,
            "available_after": 6,
            "yield_target": 100,
            "yield_actual": 95,
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["quality_factor"] == "1.0526"
    assert response.json()["growth"] == "2.1053"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cycle_before": []}, "cycle_before"),
        ({"cycle_before": [0]}, "cycle_before"),
        ({"cycle_after": ["x"]}, "cycle_after.0"),
        ({"available_before": -1}, "available_before"),
        ({"yield_actual": 105}, "yield_actual"),
        ({"available_after": None}, "available_after"),
    ],
)
def test_growth_bad_input_is_a_400_naming_the_field(api_client, team_leader_a, change, field):
    body = {"cycle_before": [4], "cycle_after": [2], "available_before": 6, "available_after": 7}
    body.update(change)
    response = api_client(team_leader_a).post(GROWTH, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert response.json()["detail"]


PIECE = manual_examples()["piece_rate_example"]


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (
            "before",
            {
                "kvc": "0.5000",
                "kint": None,
                "kst_factor": "kvc",
                "kst": "1.0750",
                "norm_min": "0.8533",
                "rate": "0.92",
                "output_per_hour": "70.31",
                "wage_per_hour": "64.50",
            },
        ),
        (
            "after",
            {
                "kvc": "1.0000",
                "kint": None,
                "kst_factor": "kvc",
                "kst": "1.4500",
                "norm_min": "0.4267",
                "rate": "0.62",
                "output_per_hour": "140.63",
                "wage_per_hour": "87.00",
            },
        ),
    ],
)
def test_piece_rate_endpoint_on_the_manuals_example(api_client, employee_a, column, expected):
    values = PIECE["columns"][column]
    response = api_client(employee_a).post(
        PIECE_RATE,
        {
            "cycle_time_s": values["cycle_time_s"],
            "manual_time_s": values["manual_time_s"],
            "shift_h": PIECE["shift_h"],
            "available_h": values["available_h"],
            "hourly_rate": PIECE["hourly_rate"],
            "kvc_base": "0.4",
            "worker_share": "0.3",
            "kst_mode": "table",
            "parts_per_cycle": 1,
            "workers_per_workplace": 1,
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == expected


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"manual_time_s": 60}, "manual_time_s"),
        ({"available_h": 9}, "available_h"),
        ({"cycle_time_s": 0}, "cycle_time_s"),
        ({"kvc_base": "0"}, "kvc_base"),
        ({"kvc_base": "1.05"}, "kvc_base"),
        ({"worker_share": "0.8"}, "worker_share"),
        ({"kst_mode": "guess"}, "kst_mode"),
        ({"hourly_rate": -5}, "hourly_rate"),
    ],
)
def test_piece_rate_bad_input_is_a_400_naming_the_field(api_client, auditor, change, field):
    body = {
        "cycle_time_s": 48,
        "manual_time_s": 24,
        "shift_h": 8,
        "available_h": "7.5",
        "hourly_rate": 60,
    }
    body.update(change)
    response = api_client(auditor).post(PIECE_RATE, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_headcount_endpoint(api_client, team_leader_a):
    response = api_client(team_leader_a).post(
        HEADCOUNT,
        {
            "available_h": 7,
            "programme": 840,
            "operations": [
                {"cycle_time_s": 30},
                {"cycle_time_s": 45, "workers_per_workplace": 2},
                {"cycle_time_s": 15, "parts_per_cycle": 3},
            ],
            "norm_fulfilment": "1.25",
            "shifts": 2,
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "takt_s": "30.0000",
        "headcount_lean": "3.00",
        "headcount_standards": "6.67",
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"programme": 0}, "programme"),
        ({"available_h": 0}, "available_h"),
        ({"operations": []}, "operations"),
        ({"operations": [{"cycle_time_s": -1}]}, "operations"),
        ({"norm_fulfilment": 0}, "norm_fulfilment"),
    ],
)
def test_headcount_bad_input_is_a_400_naming_the_field(api_client, team_leader_a, change, field):
    body = {"available_h": 7, "programme": 840, "operations": [{"cycle_time_s": 30}]}
    body.update(change)
    response = api_client(team_leader_a).post(HEADCOUNT, body, format="json")
    assert response.status_code == 400
    assert any(key.startswith(field) for key in response.json()["errors"])


def test_calculators_refuse_anonymous_and_users_without_a_role(api_client, no_role):
    body = {"cycle_before": [4], "cycle_after": [2], "available_before": 6, "available_after": 7}
    assert api_client().post(GROWTH, body, format="json").status_code == 401
    assert api_client(no_role).post(GROWTH, body, format="json").status_code == 403


# --- Studies ----------------------------------------------------------------------------------


def _measurement(phase, cycle, **extra):
    return {
        "phase": phase,
        "measured_on": "2026-03-02",
        "shift_h": 8,
        "rest_h": "0.5",
        "operations": [{"name": "Сборка", "cycle_times_s": cycle, "manual_times_s": [24, 24]}],
        **extra,
    }


def test_team_leader_records_a_study_through_the_api(api_client, team_leader_a, agency_a):
    client = api_client(team_leader_a)
    response = client.post(
        WORKPLACES,
        {
            "agency": agency_a.pk,
            "name": "Сборка",
            "hourly_rate": "60",
            "kvc_base": "0.4",
            "worker_share": "0.3",
            "kst_mode": "table",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    workplace_id = response.json()["id"]
    response = client.post(
        STUDIES, {"workplace": workplace_id, "title": "Сборка узла"}, format="json"
    )
    assert response.status_code == 201, response.json()
    study_id = response.json()["id"]
    url = f"{STUDIES}{study_id}/measurements/"
    assert client.post(url, _measurement("before", [50, 46]), format="json").status_code == 201
    action = CorrectiveActionFactory(plan__audit__agency=agency_a)
    response = client.post(
        url,
        _measurement("after", [24, 24], improvement="Кайдзен", corrective_action=action.pk),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["growth"] == "2.0000"
    assert body["growth_percent"] == "100.00"
    assert body["corrective_action"] == action.pk
    assert body["corrective_action_summary"]["plan"] == action.plan_id
    after = next(m for m in body["measurements"] if m["phase"] == "after")
    assert after["kst"] == "1.4500"
    assert after["operations"][0]["cycle_min_s"] == "24.0000"


def test_measurement_bad_input_names_the_nested_field_and_saves_nothing(
    api_client, team_leader_a, agency_a
):
    study = complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    Measurement.objects.filter(study=study, phase="after").delete()
    response = api_client(team_leader_a).post(
        f"{STUDIES}{study.pk}/measurements/",
        _measurement(
            "after",
            [20],
            improvement="К",
            operations=[{"name": "С", "cycle_times_s": [20], "manual_times_s": [30]}],
        ),
        format="json",
    )
    assert response.status_code == 400
    assert "operations.0.manual_times_s" in response.json()["errors"]
    assert not Measurement.objects.filter(study=study, phase="after").exists()


def test_study_create_needs_an_own_workplace(api_client, team_leader_a, agency_b):
    other = WorkplaceFactory(agency=agency_b)
    response = api_client(team_leader_a).post(
        STUDIES, {"workplace": other.pk, "title": "Т"}, format="json"
    )
    assert response.status_code == 400
    assert "workplace" in response.json()["errors"]
    assert not Study.objects.exists()


def test_workplace_of_another_agency_cannot_be_created(api_client, team_leader_a, agency_b):
    response = api_client(team_leader_a).post(
        WORKPLACES,
        {"agency": agency_b.pk, "name": "X", "hourly_rate": 60, "kvc_base": "0.4"},
        format="json",
    )
    assert response.status_code == 400
    assert "agency" in response.json()["errors"]
    assert not Workplace.objects.exists()


@pytest.mark.parametrize(
    ("role", "count"),
    [
        ("team_leader_a", 1),
        ("employee_a", 1),
        ("team_leader_b", 0),
        ("governor", 1),
        ("auditor", 1),
    ],
)
def test_study_list_is_scoped(api_client, request, role, count, team_leader_a, agency_a):
    complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    response = api_client(request.getfixturevalue(role)).get(STUDIES)
    assert response.status_code == 200
    assert response.json()["count"] == count


@pytest.mark.parametrize(
    ("role", "code"),
    # Readers of agency A are refused (403); agency B's leader does not see the study (404).
    [("governor", 403), ("auditor", 403), ("employee_a", 403), ("team_leader_b", 404)],
)
def test_readers_cannot_change_or_delete_studies(
    api_client, request, role, code, team_leader_a, agency_a
):
    study = complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    client = api_client(request.getfixturevalue(role))
    assert client.patch(f"{STUDIES}{study.pk}/", {"title": "X"}, format="json").status_code == code
    assert client.delete(f"{STUDIES}{study.pk}/").status_code == code
    response = client.post(
        f"{STUDIES}{study.pk}/measurements/", _measurement("after", [12], improvement="К")
    )
    assert response.status_code == code
    study.refresh_from_db()
    assert study.title != "X"
    assert study.improvement != "К"


def test_team_leader_updates_and_deletes_own_study(api_client, team_leader_a, agency_a):
    study = complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    client = api_client(team_leader_a)
    response = client.patch(f"{STUDIES}{study.pk}/", {"title": "Новое"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Новое"
    assert (
        client.patch(f"{STUDIES}{study.pk}/", {"improvement": ""}, format="json").status_code == 400
    )
    assert client.delete(f"{STUDIES}{study.pk}/").status_code == 204
    assert not Study.objects.exists()


def test_study_list_api_has_fixed_query_count(
    api_client, team_leader_a, agency_a, django_assert_max_num_queries
):
    for _ in range(5):
        complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    client = api_client(team_leader_a)
    with django_assert_max_num_queries(10):
        response = client.get(STUDIES)
    assert response.json()["count"] == 5
    assert Decimal(response.json()["results"][0]["growth"]) == 2


def test_workplace_settings_are_updated_through_the_api(api_client, team_leader_a, agency_a):
    workplace = WorkplaceFactory(agency=agency_a)
    client = api_client(team_leader_a)
    response = client.patch(
        f"{WORKPLACES}{workplace.pk}/", {"kvc_base": "0.5", "worker_share": "0.4"}, format="json"
    )
    assert response.status_code == 200, response.json()
    workplace.refresh_from_db()
    assert workplace.kvc_base == Decimal("0.5") and workplace.worker_share == Decimal("0.4")
    response = client.patch(f"{WORKPLACES}{workplace.pk}/", {"worker_share": "0.9"}, format="json")
    assert response.status_code == 400
    assert "worker_share" in response.json()["errors"]


@pytest.mark.parametrize("role", ["governor", "auditor", "employee_a"])
def test_readers_cannot_create_workplaces_or_studies(api_client, request, role, agency_a):
    """Users who record for no agency are refused (403); a recorder naming another agency's
    workplace gets 400 naming the field (test_study_create_needs_an_own_workplace)."""
    workplace = WorkplaceFactory(agency=agency_a)
    client = api_client(request.getfixturevalue(role))
    body = {"agency": agency_a.pk, "name": "X", "hourly_rate": 60, "kvc_base": "0.4"}
    assert client.post(WORKPLACES, body, format="json").status_code == 403
    response = client.post(STUDIES, {"workplace": workplace.pk, "title": "Т"}, format="json")
    assert response.status_code == 403
    response = client.patch(f"{WORKPLACES}{workplace.pk}/", {"name": "Y"}, format="json")
    assert response.status_code == 403
    assert Workplace.objects.get().name != "Y"
    assert not Study.objects.exists()


def test_anonymous_cannot_read_studies(api_client):
    assert api_client().get(STUDIES).status_code == 401
