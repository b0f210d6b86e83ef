"""The visual-control API: lists of Appendix 28 with their points, agreed by the team leader,
printed as PDF and XLSX with the appendix's headings; error-proofing and the emergency
procedure; scoped and refused like the pages."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from standards.visual.models import VisualControlList

POINT = {
    "category": "запасы и материалы",
    "control_point": "минимальный и максимальный уровни",
    "requirement": "содержать запасы в пределах между уровнями",
}


@pytest.fixture
def visual_list(api_client, team_member_a, agency_a, room_a):
    answer = api_client(team_member_a).post(
        "/api/v1/visual-control-lists/",
        {
            "agency": agency_a.pk,
            "room": room_a.pk,
            "compiled_on": "2026-11-16",
            "compilers": [team_member_a.person.pk],
            "points": [{**POINT, "checker": team_member_a.person.pk}],
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    return answer.json()


def test_the_leader_agrees_and_the_list_prints_with_the_appendix_headings(
    api_client, visual_list, team_leader_a, team_member_a
):
    pk = visual_list["id"]
    assert visual_list["points"][0]["checker_name"] == "Членова Мария Ивановна"
    assert (
        api_client(team_member_a).post(f"/api/v1/visual-control-lists/{pk}/agree/").status_code
        == 403
    )
    answer = api_client(team_leader_a).post(f"/api/v1/visual-control-lists/{pk}/agree/")
    assert answer.status_code == 200 and answer.json()["status"] == "agreed"
    assert (
        api_client(team_leader_a).post(f"/api/v1/visual-control-lists/{pk}/agree/").status_code
        == 409
    )
    pdf = api_client(team_member_a).get(f"/api/v1/visual-control-lists/{pk}/pdf/")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    for heading in (
        "Перечень точек визуального контроля",
        "Дата составления:",
        "Категория",
        "Точка контроля",
        "Требования 5S-стандарта",
        "Перечень составили:",
        "(должность)",
        "(подпись)",
        "(расшифровка подписи)",
        "СОГЛАСОВАНО",
        "Лидер 5S-команды -",
    ):
        assert heading in text, heading
    assert "Лидеров Лев Львович" in text
    xlsx = api_client(team_member_a).get(f"/api/v1/visual-control-lists/{pk}/xlsx/")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert [
        "№",
        "Категория",
        "Точка контроля",
        "Требования 5S-стандарта",
        "Кто проверяет",
    ] in values
    assert [1, *POINT.values(), "Членова Мария Ивановна"] in values


def test_an_employee_reads_but_does_not_write(
    api_client, employee_a, agency_a, room_a, visual_list
):
    client = api_client(employee_a)
    assert client.get("/api/v1/visual-control-lists/").json()["count"] == 1
    answer = client.post(
        "/api/v1/visual-control-lists/",
        {"agency": agency_a.pk, "room": room_a.pk, "points": [POINT]},
        format="json",
    )
    assert answer.status_code == 403
    assert VisualControlList.objects.count() == 1


def test_another_agency_sees_nothing(api_client, team_leader_b, visual_list):
    client = api_client(team_leader_b)
    assert client.get("/api/v1/visual-control-lists/").json()["count"] == 0
    assert client.get(f"/api/v1/visual-control-lists/{visual_list['id']}/").status_code == 404


def test_points_given_replace_the_draft_rows(api_client, team_member_a, visual_list):
    answer = api_client(team_member_a).patch(
        f"/api/v1/visual-control-lists/{visual_list['id']}/",
        {"points": [{**POINT, "control_point": "быстро находить нужное"}, POINT]},
        format="json",
    )
    assert answer.status_code == 200
    assert [p["position"] for p in answer.json()["points"]] == [1, 2]


def test_error_proofing_and_the_emergency_procedure(api_client, team_leader_a, head_a, agency_a):
    client = api_client(team_leader_a)
    answer = client.post(
        "/api/v1/error-proofing/",
        {"agency": agency_a.pk, "error": "лоток пуст", "measure": "метка минимума"},
        format="json",
    )
    assert answer.status_code == 201 and answer.json()["in_force"] is True
    answer = client.post(
        "/api/v1/emergency-procedures/",
        {"agency": agency_a.pk, "title": "Пожар", "steps": "1. Позвонить 101."},
        format="json",
    )
    assert answer.status_code == 201 and answer.json()["status"] == "draft"
    pk = answer.json()["id"]
    assert client.post(f"/api/v1/emergency-procedures/{pk}/approve/").status_code == 403
    answer = api_client(head_a).post(f"/api/v1/emergency-procedures/{pk}/approve/")
    assert answer.status_code == 200 and answer.json()["status"] == "approved"
    assert client.get("/api/v1/emergency-procedures/?status=approved").json()["count"] == 1
