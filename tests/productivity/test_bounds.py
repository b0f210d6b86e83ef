"""Every number, date and text the productivity app accepts has a plausible bound (issue 10):
out of it, the API answers 400 naming the field, a page shows the message beside the field, a
service refuses with nothing saved — never a server error (`"cycle_before": ["1e999999"]` was
a decimal.InvalidOperation)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError
from productivity import services
from productivity.choices import Phase
from productivity.models import Measurement, Operation, Study, Workplace
from tests.productivity.factories import WorkplaceFactory, measurement_data

pytestmark = pytest.mark.django_db

GROWTH = "/api/v1/productivity/growth/"
PIECE_RATE = "/api/v1/productivity/piece-rate/"
HEADCOUNT = "/api/v1/productivity/headcount/"
STUDIES = "/api/v1/productivity/studies/"
WORKPLACES = "/api/v1/productivity/workplaces/"
HUGE = "9" * 5000


@pytest.fixture
def workplace_a(agency_a):
    return WorkplaceFactory(agency=agency_a, name="Участок сборки")


@pytest.fixture
def study_a(team_leader_a, workplace_a):
    return services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")


def _errors(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    return body["errors"]


# --- the calculators' API ---------------------------------------------------------------------

GROWTH_BODY = {"cycle_before": [4], "cycle_after": [2], "available_before": 6, "available_after": 7}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cycle_before": ["1e999999"]}, "cycle_before"),
        ({"cycle_after": ["1e-999999"]}, "cycle_after"),
        ({"cycle_before": [HUGE]}, "cycle_before"),
        ({"cycle_before": [4] * 101}, "cycle_before"),
        ({"available_before": "1e999999"}, "available_before"),
        ({"available_before": "1e-999999"}, "available_before"),
        ({"available_after": "25"}, "available_after"),
        ({"available_after": HUGE}, "available_after"),
        ({"yield_target": "1e30"}, "yield_target"),
        ({"yield_actual": "NaN"}, "yield_actual"),
        ({"available_before": "Infinity"}, "available_before"),
        ({"available_before": "-Infinity"}, "available_before"),
        ({"available_before": "²"}, "available_before"),
    ],
)
def test_growth_out_of_bounds_is_a_400_naming_the_field(api_client, governor, change, field):
    response = api_client(governor).post(GROWTH, {**GROWTH_BODY, **change}, format="json")
    assert any(key.split(".")[0] == field for key in _errors(response))


PIECE_BODY = {
    "cycle_time_s": 48,
    "manual_time_s": 24,
    "shift_h": 8,
    "available_h": "7.5",
    "hourly_rate": 60,
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hourly_rate": "1e999"}, "hourly_rate"),
        ({"hourly_rate": "1000000"}, "hourly_rate"),
        ({"hourly_rate": "60.001"}, "hourly_rate"),
        ({"workers_per_workplace": "1e30"}, "workers_per_workplace"),
        ({"parts_per_cycle": "1e-30"}, "parts_per_cycle"),
        ({"cycle_time_s": HUGE, "manual_time_s": HUGE}, "cycle_time_s"),
        ({"cycle_time_s": "86401", "manual_time_s": "24"}, "cycle_time_s"),
        ({"shift_h": "25"}, "shift_h"),
        ({"worker_share": "1e999999"}, "worker_share"),
    ],
)
def test_piece_rate_out_of_bounds_is_a_400_naming_the_field(api_client, auditor, change, field):
    response = api_client(auditor).post(PIECE_RATE, {**PIECE_BODY, **change}, format="json")
    assert field in _errors(response)


HEADCOUNT_BODY = {"available_h": 7, "programme": 840, "operations": [{"cycle_time_s": 30}]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"programme": "1e-99999"}, "programme"),
        ({"available_h": "1e99999"}, "available_h"),
        ({"norm_fulfilment": HUGE}, "norm_fulfilment"),
        ({"shifts": "5"}, "shifts"),
        ({"operations": [{"cycle_time_s": "1e999999"}]}, "operations"),
        ({"operations": [{"cycle_time_s": 30, "parts_per_cycle": "1e30"}]}, "operations"),
        ({"operations": [{"cycle_time_s": 30}] * 101}, "operations"),
    ],
)
def test_headcount_out_of_bounds_is_a_400_naming_the_field(api_client, employee_a, change, field):
    response = api_client(employee_a).post(HEADCOUNT, {**HEADCOUNT_BODY, **change}, format="json")
    assert any(key.split(".")[0] == field for key in _errors(response))


# --- recording a measurement through the API --------------------------------------------------


def _measurement(**change):
    return {
        "phase": "before",
        "measured_on": "2026-03-02",
        "shift_h": 8,
        "rest_h": "0.5",
        "operations": [{"name": "Сборка", "cycle_times_s": [48], "manual_times_s": [24]}],
        **change,
    }


def _operation(**change):
    return [{"name": "Сборка", "cycle_times_s": [48], "manual_times_s": [24], **change}]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"shift_h": "1e999999"}, "shift_h"),
        ({"shift_h": HUGE}, "shift_h"),
        ({"shift_h": "24.5"}, "shift_h"),
        ({"rest_h": "0.0001"}, "rest_h"),
        ({"losses_h": "-1"}, "losses_h"),
        ({"yield_percent": "100.5"}, "yield_percent"),
        ({"measured_on": "0001-01-01"}, "measured_on"),
        ({"measured_on": "2011-08-22"}, "measured_on"),
        ({"measured_on": "9999-12-31"}, "measured_on"),
        ({"improvement": "x" * 2001}, "improvement"),
        ({"operations": _operation(cycle_times_s=["1e999999"])}, "operations.0.cycle_times_s"),
        ({"operations": _operation(manual_times_s=[HUGE])}, "operations.0.manual_times_s"),
        ({"operations": _operation(cycle_times_s=[48] * 101)}, "operations.0.cycle_times_s"),
        ({"operations": _operation(parts_per_cycle=10**30)}, "operations.0.parts_per_cycle"),
        ({"operations": _operation(parts_per_cycle=1001)}, "operations.0.parts_per_cycle"),
        ({"operations": _operation(name="x" * 301)}, "operations.0.name"),
        ({"operations": _operation() * 31}, "operations"),
    ],
)
def test_measurement_out_of_bounds_is_a_400_naming_the_field_and_saves_nothing(
    api_client, team_leader_a, study_a, change, field
):
    response = api_client(team_leader_a).post(
        f"{STUDIES}{study_a.pk}/measurements/", _measurement(**change), format="json"
    )
    assert any(key == field or key.startswith(f"{field}.") for key in _errors(response))
    assert not Measurement.objects.exists()
    study_a.refresh_from_db()
    assert study_a.improvement == ""


def test_a_measurement_dated_today_is_accepted(api_client, team_leader_a, study_a):
    today = datetime.date.today().isoformat()
    response = api_client(team_leader_a).post(
        f"{STUDIES}{study_a.pk}/measurements/", _measurement(measured_on=today), format="json"
    )
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "x" * 301}, "title"),
        ({"title": "Т", "improvement": "x" * 2001}, "improvement"),
        ({"title": "Т", "corrective_action": 10**30}, "corrective_action"),
        ({"title": "Т", "workplace": 10**30}, "workplace"),
    ],
)
def test_study_texts_and_ids_are_bounded(api_client, team_leader_a, workplace_a, body, field):
    response = api_client(team_leader_a).post(
        STUDIES, {"workplace": workplace_a.pk, **body}, format="json"
    )
    assert field in _errors(response)
    assert not Study.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hourly_rate": "1e999"}, "hourly_rate"),
        ({"hourly_rate": "100000.01"}, "hourly_rate"),
        ({"workers_per_workplace": 10**30}, "workers_per_workplace"),
        ({"workers_per_workplace": 101}, "workers_per_workplace"),
        ({"name": "x" * 301}, "name"),
        ({"agency": 10**30}, "agency"),
    ],
)
def test_workplace_out_of_bounds_is_a_400(api_client, team_leader_a, agency_a, change, field):
    body = {"agency": agency_a.pk, "name": "Место", "hourly_rate": 60, "kvc_base": "0.4"}
    response = api_client(team_leader_a).post(WORKPLACES, {**body, **change}, format="json")
    assert field in _errors(response)
    assert not Workplace.objects.exists()


# --- the services -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"shift_h": "1e999999"}, "shift_h"),
        ({"shift_h": Decimal("24.001")}, "shift_h"),
        ({"rest_h": "NaN"}, "rest_h"),
        ({"preparatory_h": Decimal("0.0005")}, "preparatory_h"),
        ({"yield_percent": HUGE}, "yield_percent"),
        ({"measured_on": datetime.date(2011, 8, 22)}, "measured_on"),
        ({"measured_on": datetime.date.today() + datetime.timedelta(days=1)}, "measured_on"),
        ({"cycle": ("1e999999",)}, "operations.0.cycle_times_s"),
        ({"manual": ("1e-999999",)}, "operations.0.manual_times_s"),
    ],
)
def test_measurement_service_refuses_implausible_values_and_saves_nothing(
    team_leader_a, study_a, changes, field
):
    kwargs = dict(changes)
    data = measurement_data(
        cycle=kwargs.pop("cycle", ("48",)), manual=kwargs.pop("manual", ("24",)), **kwargs
    )
    with pytest.raises(ApplicationError) as caught:
        services.measurement_record(actor=team_leader_a, study=study_a, data=data)
    assert field in caught.value.details
    assert not Measurement.objects.exists()
    assert not Operation.objects.exists()


def test_measurement_service_refuses_too_many_operations(team_leader_a, study_a):
    operations = [
        services.OperationData(name=f"Оп {i}", cycle_times_s=["30"], manual_times_s=["10"])
        for i in range(31)
    ]
    with pytest.raises(ApplicationError) as caught:
        services.measurement_record(
            actor=team_leader_a, study=study_a, data=measurement_data(operations=operations)
        )
    assert "operations" in caught.value.details
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hourly_rate": Decimal("1e12")}, "hourly_rate"),
        ({"workers_per_workplace": 32768}, "workers_per_workplace"),
        ({"worker_share": "1e999999"}, "worker_share"),
        ({"name": "x" * 301}, "name"),
    ],
)
def test_workplace_service_refuses_implausible_values(team_leader_a, agency_a, changes, field):
    data = services.WorkplaceData(
        **{"agency": agency_a, "name": "Место", "hourly_rate": Decimal(60), **changes}
    )
    with pytest.raises(ApplicationError) as caught:
        services.workplace_create(actor=team_leader_a, data=data)
    assert field in caught.value.details
    assert not Workplace.objects.exists()


def test_study_service_refuses_a_long_improvement(team_leader_a, workplace_a):
    with pytest.raises(ApplicationError) as caught:
        services.study_create(
            actor=team_leader_a, workplace=workplace_a, title="Т", improvement="x" * 2001
        )
    assert "improvement" in caught.value.details
    assert not Study.objects.exists()


# --- the pages --------------------------------------------------------------------------------


def _measurement_post(**extra):
    return {
        "measured_on": "2026-03-02",
        "shift_h": "8",
        "rest_h": "0,5",
        "preparatory_h": "0",
        "maintenance_h": "0",
        "losses_h": "0",
        "yield_percent": "100",
        "operations-TOTAL_FORMS": "1",
        "operations-INITIAL_FORMS": "0",
        "operations-MIN_NUM_FORMS": "0",
        "operations-MAX_NUM_FORMS": "30",
        "operations-0-name": "Сборка",
        "operations-0-parts_per_cycle": "1",
        "operations-0-cycle_times_s": "48",
        "operations-0-manual_times_s": "24",
        **extra,
    }


@pytest.mark.parametrize(
    ("changes", "where", "field"),
    [
        ({"shift_h": "1e9999"}, "form", "shift_h"),
        ({"shift_h": HUGE}, "form", "shift_h"),
        ({"shift_h": "²"}, "form", "shift_h"),
        ({"rest_h": "NaN"}, "form", "rest_h"),
        ({"measured_on": "0001-01-01"}, "form", "measured_on"),
        ({"measured_on": "9999-12-31"}, "form", "measured_on"),
        ({"operations-0-cycle_times_s": "1e9999"}, "operation", "cycle_times_s"),
        ({"operations-0-manual_times_s": "Infinity"}, "operation", "manual_times_s"),
        ({"operations-0-parts_per_cycle": HUGE}, "operation", "parts_per_cycle"),
        ({"operations-0-parts_per_cycle": "1001"}, "operation", "parts_per_cycle"),
    ],
)
def test_measurement_page_shows_bound_errors_beside_the_field(
    login, team_leader_a, study_a, changes, where, field
):
    response = login(team_leader_a).post(
        reverse("productivity:measure", args=[study_a.pk, Phase.BEFORE]),
        _measurement_post(**changes),
    )
    assert response.status_code == 200
    errors = (
        response.context["form"].errors
        if where == "form"
        else response.context["formset"].forms[0].errors
    )
    assert field in errors
    assert not Measurement.objects.exists()


def test_measurement_page_with_a_huge_row_count_is_refused(login, team_leader_a, study_a):
    response = login(team_leader_a).post(
        reverse("productivity:measure", args=[study_a.pk, Phase.BEFORE]),
        _measurement_post(**{"operations-TOTAL_FORMS": HUGE}),
    )
    assert response.status_code == 200
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hourly_rate": "1e999"}, "hourly_rate"),
        ({"workers_per_workplace": "99999999999"}, "workers_per_workplace"),
        ({"workers_per_workplace": "101"}, "workers_per_workplace"),
        ({"agency": "²"}, "agency"),
        ({"agency": HUGE}, "agency"),
    ],
)
def test_workplace_page_shows_bound_errors(login, team_leader_a, agency_a, change, field):
    body = {
        "agency": agency_a.pk,
        "name": "М",
        "workers_per_workplace": "1",
        "hourly_rate": "60",
        "kvc_base": "0.4",
        "worker_share": "0,3",
        "kst_mode": "table",
    }
    response = login(team_leader_a).post(
        reverse("productivity:workplace-create"), {**body, **change}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Workplace.objects.exists()


@pytest.mark.parametrize(
    ("slug", "query", "field"),
    [
        (
            "growth",
            {
                "cycle_before": "1e999999",
                "cycle_after": "2",
                "available_before": "6",
                "available_after": "7",
                "yield_target": "100",
                "yield_actual": "100",
            },
            "cycle_before",
        ),
        ("operation-norm", {"operative_time": "1e999999", "allowance_coefficient": "1"}, None),
        (
            "available-time",
            {
                "shift_time": "1e99999",
                "rest_time": "0",
                "preparatory_time": "0",
                "maintenance_time": "0",
                "losses_time": "0",
            },
            "shift_time",
        ),
        (
            "workplace-norm",
            {
                "cycle_time": "1e-99999",
                "parts_per_cycle": "1",
                "workers_per_workplace": "1",
                "shift_time": "8",
                "available_time": "7",
            },
            "cycle_time",
        ),
        (
            "headcount",
            {
                "available_time": "7",
                "programme": "1e-9999",
                "cycle_times": "30",
                "norm_fulfilment": "1",
                "workers_per_workplace": "1",
                "parts_per_cycle": "1",
                "shifts": "1",
            },
            "programme",
        ),
        (
            "piece-rate",
            {
                "cycle_time_s": "24",
                "manual_time_s": "24",
                "shift_h": "8",
                "available_h": "7",
                "hourly_rate": "1e9999",
                "parts_per_cycle": "1",
                "workers_per_workplace": "1",
                "kvc_base": "0.4",
                "worker_share": "0,3",
                "kst_mode": "table",
            },
            "hourly_rate",
        ),
        ("kst", {"kvc": HUGE, "kvc_base": "0.4", "worker_share": "0,3"}, "kvc"),
        ("kst", {"kvc": "0,5", "kvc_base": "0.4", "worker_share": "1e999999"}, "worker_share"),
        (
            "kvc-kint",
            {
                "manual_time": "1e-9999",
                "cycle_time": "1e9999",
                "available_actual": "6",
                "available_ideal": "7",
            },
            "cycle_time",
        ),
    ],
)
def test_calculator_pages_refuse_out_of_bounds_numbers(login, member, slug, query, field):
    response = login(member).get(reverse("productivity:calculator", args=[slug]), query)
    assert response.status_code == 200
    assert response.context["results"] is None
    field = field or next(iter(query))
    assert field in response.context["form"].errors


@pytest.fixture
def member(team_member_a):
    return team_member_a


def test_measurement_form_states_its_bounds_in_html(login, team_leader_a, study_a):
    page = (
        login(team_leader_a)
        .get(reverse("productivity:measure", args=[study_a.pk, Phase.BEFORE]))
        .content.decode()
    )
    shift = (
        page.split('name="shift_h"')[0].rsplit("<input", 1)[1]
        + page.split('name="shift_h"')[1].split(">", 1)[0]
    )
    # A text input (a number input loses the Russian decimal comma) stating its bound.
    assert 'type="text"' in shift and 'inputmode="decimal"' in shift
    assert 'data-min="0.001"' in shift and 'data-max="24"' in shift
    assert 'data-step="0.001"' in shift
    assert "больше 0, не больше 24 ч" in page
    measured_on = page.split('name="measured_on"')[1].split(">", 1)[0]
    assert 'min="2011-08-23"' in measured_on
    assert f'max="{datetime.date.today().isoformat()}"' in measured_on
    assert 'maxlength="300"' in page.split('name="operations-0-name"')[1].split(">", 1)[0]
    parts = page.split('name="operations-0-parts_per_cycle"')[1].split(">", 1)[0]
    assert 'min="1"' in parts and 'max="1000"' in parts


def test_schema_states_the_bounds(api_client, administrator):
    import yaml

    response = api_client(administrator).get("/api/schema/")
    schema = yaml.safe_load(response.content)
    growth = schema["components"]["schemas"]["GrowthInputRequest"]["properties"]
    assert growth["available_before"]["maximum"] == 24
    assert growth["available_before"]["minimum"] == 0
    assert growth["available_before"]["exclusiveMinimum"] is True
    assert growth["cycle_before"]["maxItems"] == 100
    assert growth["cycle_before"]["items"]["maximum"] == 86400
    measurement = schema["components"]["schemas"]["MeasurementInputRequest"]["properties"]
    assert measurement["shift_h"]["maximum"] == 24
    assert measurement["operations"]["maxItems"] == 30
    assert measurement["improvement"]["maxLength"] == 2000


@pytest.mark.parametrize("url", [GROWTH, PIECE_RATE, HEADCOUNT, STUDIES, WORKPLACES])
def test_deeply_nested_json_is_a_400_not_a_server_error(api_client, team_leader_a, url):
    body = "[" * 50000 + "]" * 50000
    response = api_client(team_leader_a).post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
