"""The REST contract of the register and the daily checklist (issue 15, API.md)."""

import datetime

import pytest

from standards.register import services
from standards.register.models import DailyChecklist, Standard
from tests.standards.conftest import approved_standard

pytestmark = pytest.mark.django_db


def test_post_standard_then_agree_and_approve(api_client, kinds, agency_a, team_leader_a, head_a):
    response = api_client(team_leader_a).post(
        "/api/v1/standards/",
        {"agency": agency_a.pk, "kind": "stock_levels", "title": "", "text": "Минимум 2 пачки"},
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["title"] == "Управление уровнем запасов материальных объектов"
    assert api_client(team_leader_a).post(f"/api/v1/standards/{pk}/approve/").status_code == 403
    assert api_client(team_leader_a).post(f"/api/v1/standards/{pk}/agree/").status_code == 200
    answer = api_client(head_a).post(f"/api/v1/standards/{pk}/approve/")
    assert answer.status_code == 200
    assert answer.json()["status"] == "approved"
    assert (
        answer.json()["review_due"]
        == (
            datetime.date.fromisoformat(answer.json()["approved_on"]).replace(
                year=datetime.date.fromisoformat(answer.json()["approved_on"]).year + 1
            )
        ).isoformat()
    )
    assert api_client(head_a).post(f"/api/v1/standards/{pk}/approve/").status_code == 409


def test_list_filters_by_agency_status_and_overdue(
    api_client, kinds, agency_a, team_leader_a, head_a, governor
):
    approved_standard(
        agency_a, kinds[0], leader=team_leader_a, head=head_a, on=datetime.date(2020, 1, 1)
    )
    services.standard_create(actor=team_leader_a, agency=agency_a, kind=kinds[1])
    client = api_client(governor)
    assert len(client.get(f"/api/v1/standards/?agency={agency_a.pk}").json()["results"]) == 2
    overdue = client.get("/api/v1/standards/?review_overdue=true").json()["results"]
    assert [row["kind"] for row in overdue] == ["placement_scheme"]
    assert overdue[0]["review_overdue"] is True
    drafts = client.get("/api/v1/standards/?status=draft").json()["results"]
    assert [row["kind"] for row in drafts] == ["placement_scheme_changes"]
    assert client.get("/api/v1/standards/?status=nonsense").status_code == 400


def test_governor_reads_but_may_not_post(api_client, kinds, agency_a, governor):
    response = api_client(governor).post(
        "/api/v1/standards/", {"agency": agency_a.pk, "title": "Х"}, format="json"
    )
    assert response.status_code == 403
    assert not Standard.objects.exists()


def test_another_agencys_leader_does_not_see_drafts(
    api_client, kinds, agency_a, team_leader_a, team_leader_b
):
    standard = services.standard_create(actor=team_leader_a, agency=agency_a, kind=kinds[0])
    assert api_client(team_leader_b).get(f"/api/v1/standards/{standard.pk}/").status_code == 404
    assert api_client(team_leader_b).get("/api/v1/standards/").json()["results"] == []
    assert (
        api_client(team_leader_b)
        .get(f"/api/v1/agencies/{agency_a.pk}/mandatory-standards/")
        .status_code
        == 404
    )


def test_mandatory_standards_in_the_regulations_order(
    api_client, kinds, agency_a, team_leader_a, head_a
):
    standard = approved_standard(agency_a, kinds[2], leader=team_leader_a, head=head_a)
    rows = (
        api_client(team_leader_a).get(f"/api/v1/agencies/{agency_a.pk}/mandatory-standards/").json()
    )
    assert [row["kind"] for row in rows] == [k.code for k in kinds]
    assert rows[2] == {
        "kind": "daily_checklist",
        "title": "Контрольный лист для ежедневного применения системы 5S",
        "standard": standard.pk,
        "approved_on": "2026-01-15",
        "review_due": "2027-01-15",
        "overdue": standard.is_review_overdue(datetime.date.today()),
    }
    assert rows[0]["standard"] is None and rows[0]["approved_on"] is None


def test_adopt_through_the_api(
    api_client, kinds, agency_a, agency_b, team_leader_a, head_a, team_leader_b
):
    source = approved_standard(agency_a, kinds[6], leader=team_leader_a, head=head_a)
    knowledge = api_client(team_leader_b).get("/api/v1/standards/knowledge/?q=бумажном").json()
    assert [row["id"] for row in knowledge["results"]] == [source.pk]
    response = api_client(team_leader_b).post(
        f"/api/v1/standards/{source.pk}/adopt/", {"agency": agency_b.pk}, format="json"
    )
    assert response.status_code == 201
    assert "Департамент А" in response.json()["origin"]


def test_post_daily_checklist_ten_items_201_eleven_400(api_client, agency_a, team_leader_a):
    client = api_client(team_leader_a)
    body = {"agency": agency_a.pk, "time_of_use": "09:00", "items": [f"п{i}" for i in range(10)]}
    response = client.post("/api/v1/daily-checklists/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["time_of_use"] == "09:00"
    assert response.json()["duration_minutes"] == 5
    assert len(response.json()["items"]) == 10
    body["items"].append("п11")
    refused = client.post("/api/v1/daily-checklists/", body, format="json")
    assert refused.status_code == 400
    assert "не более 10 пунктов" in refused.json()["detail"]
    assert "items" in refused.json()["errors"]
    assert DailyChecklist.objects.count() == 1
    second = client.post(
        "/api/v1/daily-checklists/",
        {
            "agency": agency_a.pk,
            "time_of_use": "17:50",
            "duration_minutes": 5,
            "items": [{"stage": "shine", "text": "Уборка"}],
        },
        format="json",
    )
    assert second.json()["version"] == 2


def test_daily_checklist_duration_over_five_minutes_is_400(api_client, agency_a, team_leader_a):
    response = api_client(team_leader_a).post(
        "/api/v1/daily-checklists/",
        {"agency": agency_a.pk, "time_of_use": "09:00", "duration_minutes": 6, "items": ["a"]},
        format="json",
    )
    assert response.status_code == 400
    assert "duration_minutes" in response.json()["errors"]


def test_employee_reads_the_checklist_but_may_not_post(
    api_client, agency_a, team_leader_a, employee_a
):
    services.checklist_create(
        actor=team_leader_a,
        agency=agency_a,
        time_of_use=datetime.time(9),
        items=[services.ChecklistItemInput("a")],
    )
    assert len(api_client(employee_a).get("/api/v1/daily-checklists/").json()["results"]) == 1
    response = api_client(employee_a).post(
        "/api/v1/daily-checklists/",
        {"agency": agency_a.pk, "time_of_use": "09:00", "items": ["a"]},
        format="json",
    )
    assert response.status_code == 403


def test_list_query_count_is_constant(
    api_client, kinds, agency_a, team_leader_a, governor, django_assert_max_num_queries
):
    for kind in kinds[:3]:
        services.standard_create(actor=team_leader_a, agency=agency_a, kind=kind)
    client = api_client(governor)
    with django_assert_max_num_queries(6) as small:
        client.get("/api/v1/standards/")
    for kind in kinds[3:]:
        services.standard_create(actor=team_leader_a, agency=agency_a, kind=kind)
    for i in range(10):
        services.standard_create(actor=team_leader_a, agency=agency_a, title=f"Доп {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v1/standards/")
