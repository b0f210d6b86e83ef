"""The «Set in order» API (../shared/API.md): `/api/v1/placement-schemes/` (multipart upload,
approval, the file), `/api/v1/placement-schedules/` (rows, agreement, the copy, PDF/XLSX),
`/api/v1/placement-rules/` (Appendix 21); scoped like the pages, denied cases with their exact
status, a bad file a 400 with nothing saved, query counts constant as rows grow."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import Room
from standards.placement import services
from standards.placement.models import PlacementRules, PlacementSchedule, PlacementScheme
from tests.standards.placement.factories import pdf_upload, png_upload


def test_the_team_uploads_and_the_head_approves_a_scheme(
    api_client, team_member_a, head_a, employee_a, rooms_a
):
    answer = api_client(team_member_a).post(
        "/api/v1/placement-schemes/",
        {"room": rooms_a[0].pk, "kind": "rational", "file": pdf_upload(), "note": "проект"},
        format="multipart",
    )
    assert answer.status_code == 201
    scheme = answer.json()
    assert scheme["version"] == 1 and scheme["status"] == "pending"
    assert scheme["content_type"] == "application/pdf"
    url = f"/api/v1/placement-schemes/{scheme['id']}/"
    assert api_client(employee_a).get(url).status_code == 404  # not approved yet
    assert api_client(team_member_a).post(url + "approve/").status_code == 403
    approved = api_client(head_a).post(url + "approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert api_client(head_a).post(url + "approve/").status_code == 409
    listed = api_client(employee_a).get("/api/v1/placement-schemes/?status=approved")
    assert listed.json()["count"] == 1
    file = api_client(employee_a).get(url + "file/")
    assert file.status_code == 200 and b"".join(file.streaming_content).startswith(b"%PDF")


def test_a_bad_file_is_a_400_naming_the_field_and_nothing_is_saved(
    api_client, team_member_a, rooms_a
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = api_client(team_member_a).post(
        "/api/v1/placement-schemes/",
        {"room": rooms_a[0].pk, "kind": "rational", "file": SimpleUploadedFile("a.exe", b"MZ")},
        format="multipart",
    )
    assert answer.status_code == 400 and "file" in answer.json()["errors"]
    assert not PlacementScheme.objects.exists()


def test_another_agency_and_the_governors_office_may_not_upload(
    api_client, team_leader_b, governor, rooms_a, team_a
):
    body = {"room": rooms_a[0].pk, "kind": "rational", "file": png_upload()}
    assert (
        api_client(team_leader_b)
        .post("/api/v1/placement-schemes/", body, format="multipart")
        .status_code
        == 404
    )
    body["file"] = png_upload()
    assert (
        api_client(governor)
        .post("/api/v1/placement-schemes/", body, format="multipart")
        .status_code
        == 403
    )
    assert not PlacementScheme.objects.exists()


def test_the_schedule_through_the_api(
    api_client, team_leader_a, head_a, group_head, team_leader_b, team_a, rooms_a, agency_a
):
    rows = [
        {
            "room": room.pk,
            "responsible": team_a.leader.pk,
            "date_from": "2026-03-02",
            "date_to": "2026-03-03",
        }
        for room in rooms_a
    ]
    bad = api_client(team_leader_a).post(
        "/api/v1/placement-schedules/",
        {"agency": agency_a.pk, "rows": [rows[0], rows[0]]},
        format="json",
    )
    assert bad.status_code == 400 and "1.room" in bad.json()["errors"]
    assert not PlacementSchedule.objects.exists()
    created = api_client(team_leader_a).post(
        "/api/v1/placement-schedules/", {"agency": agency_a.pk, "rows": rows}, format="json"
    )
    assert created.status_code == 201
    schedule = created.json()
    assert [r["room_name"] for r in schedule["rows"]] == ["101", "102", "103"]
    url = f"/api/v1/placement-schedules/{schedule['id']}/"
    assert api_client(team_leader_b).get(url).status_code == 404
    assert api_client(team_leader_a).post(url + "agree/").status_code == 403
    agreed = api_client(head_a).post(url + "agree/").json()
    assert agreed["status"] == "agreed" and agreed["copy_due"]
    assert api_client(team_leader_a).put(url + "rows/", rows, format="json").status_code == 409
    sent = api_client(team_leader_a).post(url + "copy-sent/", {}, format="json")
    assert sent.status_code == 200 and sent.json()["copy_sent_on"]
    assert (
        api_client(group_head).get("/api/v1/placement-schedules/?copy_sent=true").json()["count"]
        == 1
    )
    pdf = api_client(group_head).get(url + "pdf/")
    assert "Помещение" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    xlsx = api_client(group_head).get(url + "xlsx/")
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row >= 4


def test_the_rules_through_the_api(api_client, team_member_a, head_a, agency_a):
    body = {
        "agency": agency_a.pk,
        "storage_rules": "В один ряд",
        "visual_rules": "Контуры",
        "desk_items": [{"name": "Ручка", "quantity": 2, "place": "органайзер"}],
    }
    created = api_client(team_member_a).post("/api/v1/placement-rules/", body, format="json")
    assert created.status_code == 201
    data = created.json()
    assert data["version"] == 1 and data["desk_items"][0]["position"] == 1
    url = f"/api/v1/placement-rules/{data['id']}/"
    assert api_client(head_a).post(url + "approve/").json()["status"] == "approved"
    body["desk_items"] = []
    refused = api_client(team_member_a).post("/api/v1/placement-rules/", body, format="json")
    assert refused.status_code == 400 and PlacementRules.objects.count() == 1
    pdf = api_client(head_a).get(url + "pdf/")
    assert "Содержание действий" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_the_scheme_list_takes_constant_queries(
    api_client, team_leader_a, agency_a, django_assert_max_num_queries
):
    client = api_client(team_leader_a)

    def add(n):
        for index in range(n):
            room = Room.objects.create(agency=agency_a, name=f"{n}-{index}")
            services.scheme_upload(
                actor=team_leader_a, room=room, kind="rational", file=png_upload()
            )

    add(2)
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/placement-schemes/")
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/placement-schemes/").json()["count"] == 12


def test_an_unknown_kind_is_a_400_naming_it(api_client, team_member_a, rooms_a):
    answer = api_client(team_member_a).post(
        "/api/v1/placement-schemes/",
        {"room": rooms_a[0].pk, "kind": "plan", "file": png_upload()},
        format="multipart",
    )
    assert answer.status_code == 400 and "kind" in answer.json()["errors"]
    assert not PlacementScheme.objects.exists()


def test_an_api_client_asking_for_english_reads_the_refusal_in_english(
    api_client, team_member_a, rooms_a
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = api_client(team_member_a).post(
        "/api/v1/placement-schemes/",
        {"room": rooms_a[0].pk, "kind": "rational", "file": SimpleUploadedFile("a.png", b"x")},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 400
    assert "The scheme was not uploaded" in str(answer.json()["errors"]["file"])
