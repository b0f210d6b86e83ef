"""The productivity write paths outside a test transaction, on PostgreSQL (issue 10 «tests that
see production», issue 11): each request commits for real, so on_commit, constraints and the
services' atomic blocks behave as in production. Skipped on SQLite locally; CI runs them."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from productivity import services
from productivity.models import Measurement, Operation, Study, Workplace

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

API = "/api/v1/productivity"


def _measurement(phase, cycle, **extra):
    return {
        "phase": phase,
        "measured_on": datetime.date.today().isoformat(),
        "shift_h": 8,
        "rest_h": "0.5",
        "operations": [{"name": "Сборка", "cycle_times_s": cycle, "manual_times_s": [24]}],
        **extra,
    }


def test_api_write_paths_commit(api_client, team_leader_a, agency_a):
    assert connection.vendor == "postgresql"
    client = api_client(team_leader_a)
    response = client.post(
        f"{API}/workplaces/",
        {"agency": agency_a.pk, "name": "Сборка", "hourly_rate": 60, "kvc_base": 0.4},
        format="json",
    )
    assert response.status_code == 201, response.json()
    workplace = response.json()["id"]
    response = client.patch(f"{API}/workplaces/{workplace}/", {"kvc_base": 0.5}, format="json")
    assert response.status_code == 200, response.json()
    response = client.post(
        f"{API}/studies/", {"workplace": workplace, "title": "Сборка узла"}, format="json"
    )
    assert response.status_code == 201, response.json()
    study = response.json()["id"]
    url = f"{API}/studies/{study}/measurements/"
    assert client.post(url, _measurement("before", [48]), format="json").status_code == 201
    response = client.post(url, _measurement("after", [24], improvement="Кайдзен"), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["growth"] == "2.0000"
    # Refused writes leave nothing behind.
    refused = client.post(url, _measurement("after", ["1e999999"]), format="json")
    assert refused.status_code == 400
    assert (
        client.patch(f"{API}/studies/{study}/", {"title": "Новое"}, format="json").json()["title"]
        == "Новое"
    )
    assert Workplace.objects.get().kvc_base == 0.5
    assert Measurement.objects.filter(study_id=study).count() == 2
    assert Operation.objects.filter(measurement__study_id=study).count() == 2
    assert client.delete(f"{API}/studies/{study}/").status_code == 204
    assert not Study.objects.exists() and not Measurement.objects.exists()


def test_page_write_paths_commit(login, team_leader_a, agency_a):
    client = login(team_leader_a)
    response = client.post(
        reverse("productivity:workplace-create"),
        {
            "agency": agency_a.pk,
            "name": "Участок",
            "workers_per_workplace": 1,
            "hourly_rate": "60",
            "kvc_base": "0.4",
            "worker_share": "0,3",
            "kst_mode": "table",
        },
    )
    assert response.status_code == 302
    workplace = Workplace.objects.get()
    response = client.post(
        reverse("productivity:study-create"), {"workplace": workplace.pk, "title": "Т"}
    )
    assert response.status_code == 302
    study = Study.objects.get()
    response = client.post(
        reverse("productivity:measure", args=[study.pk, "before"]),
        {
            "measured_on": datetime.date.today().isoformat(),
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
        },
    )
    assert response.status_code == 302
    assert Measurement.objects.get().kvc == 0.5


def test_a_failure_after_the_first_write_rolls_the_measurement_back(
    team_leader_a, agency_a, monkeypatch
):
    """measurement_record writes the measurement, then its operations, then the study: a
    failure at the end leaves none of them (one atomic block, a real transaction)."""
    from tests.productivity.factories import WorkplaceFactory, measurement_data

    workplace = WorkplaceFactory(agency=agency_a)
    study = services.study_create(actor=team_leader_a, workplace=workplace, title="Т")

    def broken(study):
        raise RuntimeError("after the writes")

    monkeypatch.setattr(services, "_refresh_growth", broken)
    with pytest.raises(RuntimeError):
        services.measurement_record(actor=team_leader_a, study=study, data=measurement_data())
    assert not Measurement.objects.exists()
    assert not Operation.objects.exists()
