"""The REST contract of issue 3, endpoint by endpoint, with its denied cases."""

import pytest

from audits.models import Audit, Score
from tests.audits.conftest import AUDIT_DATE, TODAY, fill


@pytest.fixture
def head_api(api_client, group_head, checklist, today):
    return api_client(group_head)


def _plan(head_api, agency, auditors, steps=(1, 2)):
    return head_api.post(
        "/api/v1/audits/",
        {
            "agency": agency.pk,
            "date": AUDIT_DATE.isoformat(),
            "auditors": [user.person.pk for user in auditors],
            "completed_steps": list(steps),
        },
        format="json",
    )


def test_post_audits_plans_an_audit_and_returns_its_id(
    head_api, agency_a, auditor, auditor2, auditor3
):
    response = _plan(head_api, agency_a, [auditor, auditor2, auditor3])
    assert response.status_code == 201, response.json()
    body = response.json()
    assert Audit.objects.get(pk=body["id"]).agency == agency_a
    assert body["completed_steps"] == [1, 2]
    assert body["checklist_version"] == "2011-12-07"
    assert {a["id"] for a in body["auditors"]} == {
        auditor.person.pk,
        auditor2.person.pk,
        auditor3.person.pk,
    }


def test_post_audits_with_two_auditors_is_a_400_with_the_field(
    head_api, agency_a, auditor, auditor2
):
    response = _plan(head_api, agency_a, [auditor, auditor2])
    assert response.status_code == 400
    assert "auditors" in response.json()["errors"]
    assert not Audit.objects.exists()


@pytest.mark.parametrize("who", ["auditor", "team_leader_a", "governor"])
def test_only_the_head_may_post_audits(
    api_client, checklist, agency_a, who, request, auditor2, auditor3
):
    user = request.getfixturevalue(who)
    response = api_client(user).post(
        "/api/v1/audits/",
        {"agency": agency_a.pk, "date": "2026-12-01", "auditors": [], "completed_steps": [1]},
        format="json",
    )
    assert response.status_code == 403


def test_put_sheet_saves_scores_and_notes_and_submit_locks_it(api_client, audit, auditor, request):
    client = api_client(auditor)
    url = f"/api/v1/audits/{audit.pk}/sheets/{auditor.person.pk}/"
    scores = {"1.1": 4, "1.2": 5, "1.3": 3, **{f"2.{i}": 4 for i in range(1, 7)}}
    response = client.put(
        url, {"scores": scores, "notes": {"1.1": "Папки на шкафу"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["scores"]["1.1"] == 4
    assert response.json()["unscored"]["2.7"] == "не отвечает за места общего пользования"
    assert response.json()["unscored"]["3.1"] == "шаг не завершён"
    early = client.post(url + "submit/")
    assert early.status_code == 400 and "date" in early.json()["errors"]
    request.getfixturevalue("audit_day")
    response = client.post(url + "submit/")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    response = client.put(url, {"scores": {"1.1": 5}}, format="json")
    assert response.status_code == 409  # the sheet's state no longer allows it (API.md)
    assert "сдан" in response.json()["detail"]


def test_put_sheet_refuses_bad_scores_with_a_message_per_criterion(api_client, audit, auditor):
    url = f"/api/v1/audits/{audit.pk}/sheets/{auditor.person.pk}/"
    response = api_client(auditor).put(
        url, {"scores": {"1.1": 7, "1.2": "хорошо", "3.1": 4, "1.3": 4}}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"1.1", "1.2", "3.1"}
    assert "от 1 до 5" in errors["1.2"][0]
    assert not Score.objects.exists()


def test_an_auditor_cannot_read_or_write_a_colleagues_sheet(api_client, audit, auditor, auditor2):
    url = f"/api/v1/audits/{audit.pk}/sheets/{auditor2.person.pk}/"
    client = api_client(auditor)
    response = client.get(url)
    assert response.status_code == 403
    assert response.json()["detail"] == "Это оценочный лист другого члена рабочей группы."
    assert client.put(url, {"scores": {"1.1": 4}}, format="json").status_code == 403
    assert client.post(url + "submit/").status_code == 403
    assert not Score.objects.exists()


def test_an_auditor_not_on_the_audit_does_not_see_it(
    api_client, plan_audit, agency_a, auditor, auditor2, auditor3, working_group
):
    from agencies.models import WorkingGroupMembership
    from core.roles import Role
    from tests.agencies.factories import PersonFactory, UserFactory

    outsider = UserFactory(username="outsider", roles=[Role.WORKING_GROUP_AUDITOR])
    person = PersonFactory(agency=auditor.person.agency, user=outsider)
    WorkingGroupMembership.objects.create(group=working_group, person=person)
    audit = plan_audit(agency_a, [auditor, auditor2, auditor3])
    client = api_client(outsider)
    assert client.get(f"/api/v1/audits/{audit.pk}/").status_code == 404
    assert client.get(f"/api/v1/audits/{audit.pk}/sheets/{auditor.person.pk}/").status_code == 404
    assert client.get("/api/v1/audits/").json()["count"] == 0


def test_final_sheet_body_has_the_specified_shape(
    api_client, audit, group_head, auditor, auditor2, auditor3
):
    fill(audit, auditor, {"1.1": 4})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    body = api_client(group_head).get(f"/api/v1/audits/{audit.pk}/final-sheet/").json()
    assert body["criteria"]["1.1"]["scores"] == {
        str(auditor.person.pk): 4,
        str(auditor2.person.pk): 4,
        str(auditor3.person.pk): 5,
    }
    assert body["criteria"]["1.1"]["value"] == "4.33"
    assert body["criteria"]["1.1"]["divergent"] is False
    assert body["steps"] == {"1": "4.11", "2": "4.00"}  # (13/3 + 4 + 4)/3 = 37/9
    assert body["overall"] == "4.06"  # (37/9 + 4)/2 = 73/18 = 4.0555…
    assert body["completed_steps"] == [1, 2]
    assert body["finalised"] is False


def test_decisions_and_finalise_through_the_api(
    api_client, audit, group_head, auditor, auditor2, auditor3
):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    client = api_client(group_head)
    base = f"/api/v1/audits/{audit.pk}/final-sheet/"
    response = client.post(base + "finalise/")
    assert response.status_code == 400 and "1.1" in response.json()["errors"]["decisions"][0]
    votes = {str(auditor.person.pk): 3, str(auditor2.person.pk): 4, str(auditor3.person.pk): 4}
    response = client.post(base + "decisions/", {"criterion": "1.1", "votes": votes}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["criteria"]["1.1"]["value"] == "4.00"
    assert response.json()["criteria"]["1.1"]["divergent"] is True
    response = client.post(base + "finalise/")
    assert response.status_code == 200
    assert response.json()["finalised"] is True
    assert response.json()["signature"]["name"] == "Главнов Глеб Глебович"


def test_an_auditor_reads_the_final_sheet_only_once_it_is_signed(
    api_client,
    audit,
    group_head,
    auditor,
    auditor2,
    auditor3,
    team_leader_a,
    team_leader_b,
    governor,
):
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {})
    url = f"/api/v1/audits/{audit.pk}/final-sheet/"
    assert api_client(auditor).get(url).status_code == 403
    # The leader sees the planned audit (§5.5) but not its final sheet before signing.
    assert api_client(team_leader_a).get(url).status_code == 403
    assert api_client(governor).get(url).status_code == 404
    assert api_client(group_head).post(url + "finalise/").status_code == 200
    assert api_client(auditor).get(url).status_code == 200
    assert api_client(team_leader_a).get(url).status_code == 200
    assert api_client(governor).get(url).status_code == 200
    assert api_client(team_leader_b).get(url).status_code == 404
    assert api_client(None).get(url).status_code in (401, 403)


def test_only_the_head_records_decisions_and_finalises(
    api_client, audit, auditor, auditor2, auditor3, administrator
):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    base = f"/api/v1/audits/{audit.pk}/final-sheet/"
    votes = {str(auditor.person.pk): 4, str(auditor2.person.pk): 4, str(auditor3.person.pk): 4}
    client = api_client(auditor)
    assert (
        client.post(
            base + "decisions/", {"criterion": "1.1", "votes": votes}, format="json"
        ).status_code
        == 403
    )
    assert client.post(base + "finalise/").status_code == 403


def test_the_head_no_longer_types_in_criterion_4_3(api_client, audit, group_head, auditor):
    """Issue 12 item 1: 4.3 comes from the IT department's record (§8.4, L1337); the old
    endpoint answers 410 naming the new one, and the audit's it_score is read-only."""
    url = f"/api/v1/audits/{audit.pk}/it-score/"
    response = api_client(group_head).post(url, {"it_score": 3}, format="json")
    assert response.status_code == 410
    assert "/api/v1/it-standard/" in response.json()["detail"]
    assert api_client(group_head).get(f"/api/v1/audits/{audit.pk}/").json()["it_score"] is None


def test_the_audit_list_takes_a_fixed_number_of_queries(
    api_client,
    plan_audit,
    agency_a,
    agency_b,
    auditor,
    auditor2,
    auditor3,
    group_head,
    django_assert_max_num_queries,
):
    for _index in range(6):
        plan_audit(agency_a, [auditor, auditor2, auditor3])
        plan_audit(agency_b, [auditor, auditor2, auditor3])
    with django_assert_max_num_queries(8):
        response = api_client(group_head).get("/api/v1/audits/")
    assert response.json()["count"] == 12


def test_the_schema_documents_the_audit_endpoints(api_client, administrator):
    response = api_client(administrator).get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in (
        "/api/v1/checklist/",
        "/api/v1/audits/{id}/final-sheet/decisions/",
        "/api/v1/audits/{id}/sheets/{person_id}/submit/",
    ):
        assert path in text


def test_token_authentication_reaches_the_checklist(checklist, auditor):
    from rest_framework.test import APIClient

    from tests.conftest import PASSWORD

    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "auditor", "password": PASSWORD}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/checklist/").json()["version"] == "2011-12-07"


def test_plan_photo_and_internal_lists_take_a_fixed_number_of_queries(
    api_client, group_head, team_leader_a, agency_a, today, django_assert_max_num_queries
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from audits import services

    parts = [
        services.internal_audit_room_add(actor=team_leader_a, agency=agency_a, name=f"Кабинет {n}")
        for n in range(5)
    ]
    for month in (1, 2):
        services.internal_audit_save(
            actor=team_leader_a,
            agency=agency_a,
            conducted_on=TODAY.replace(month=month),
            scores={(p.pk, s): 4 for p in parts for s in (1, 2, 3, 4)},
        )
    for index in range(5):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30)).save(buffer, "JPEG")
        services.photo_upload(
            actor=team_leader_a,
            agency=agency_a,
            upload=SimpleUploadedFile("p.jpg", buffer.getvalue()),
            taken_on=TODAY,
            place=f"Кабинет {index}",
            subject="Стол",
            photographer="Лидеров",
        )
    client = api_client(group_head)
    for url, count in (("/api/v1/photos/", 5), ("/api/v1/internal-audits/", 2)):
        with django_assert_max_num_queries(6):
            body = client.get(url).json()
        assert body["count"] == count
        assert client.get(url, {"agency": agency_a.pk}).json()["count"] == count
        assert client.get(url, {"agency": agency_a.pk + 1000}).json()["count"] == 0
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/action-plans/").status_code == 200


def test_internal_audits_and_rooms_through_the_api(
    api_client, team_leader_a, employee_a, agency_a, today
):
    client = api_client(team_leader_a)
    room = client.post(
        "/api/v1/workspace-parts/", {"agency": agency_a.pk, "name": "Архив"}, format="json"
    )
    assert room.status_code == 201
    room_id = room.json()["id"]
    response = client.post(
        "/api/v1/internal-audits/",
        {
            "agency": agency_a.pk,
            "conducted_on": TODAY.isoformat(),
            "scores": [
                {"part": room_id, "step": 1, "score": 3},
                {"part": room_id, "step": 5, "score": 3},
            ],
        },
        format="json",
    )
    assert response.status_code == 400 and f"{room_id}-5" in response.json()["errors"]
    response = client.post(
        "/api/v1/internal-audits/",
        {
            "agency": agency_a.pk,
            "conducted_on": TODAY.isoformat(),
            "scores": [{"part": room_id, "step": 1, "score": 3}],
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["scores"][0]["score"] == 3
    assert (
        api_client(employee_a)
        .get(f"/api/v1/workspace-parts/?agency={agency_a.pk}")
        .json()[0]["name"]
        == "Архив"
    )
    assert (
        api_client(employee_a)
        .post("/api/v1/workspace-parts/", {"agency": agency_a.pk, "name": "Холл"}, format="json")
        .status_code
        == 403
    )


def test_offline_sheet_through_the_api(api_client, audit, auditor, auditor2):
    import io

    from openpyxl import load_workbook

    url = f"/api/v1/audits/{audit.pk}/sheets/{auditor.person.pk}/xlsx/"
    client = api_client(auditor)
    response = client.get(url)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    workbook["Оценочный лист"]["D7"] = 9
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "sheet.xlsx"
    response = client.post(url, {"file": buffer}, format="multipart")
    assert response.status_code == 400
    assert (
        "ячейка D7: оценка должна быть целым числом от 1 до 5" in response.json()["errors"]["D7"][0]
    )
    assert api_client(auditor2).get(url).status_code == 403
