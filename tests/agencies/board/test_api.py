"""The board's REST endpoints (§4.9, Appendix 11), scoped like the pages."""

import datetime

import pytest

from agencies.board.models import BoardRemark, BoardUpdate
from agencies.proposals.models import Proposal
from tests.agencies.board.conftest import TODAY, jpeg, record_update

pytestmark = pytest.mark.django_db


def test_the_board_endpoint_shape(api_client, board, team_member_a, employee_a, agency_a):
    record_update(team_member_a, agency_a, TODAY - datetime.timedelta(days=14))
    response = api_client(employee_a).get(f"/api/v1/agencies/{agency_a.pk}/board/")
    assert response.status_code == 200
    data = response.json()
    assert data["agency"] == agency_a.pk and data["goal"] == "Сделать рабочие места удобными"
    assert data["collector_name"] == "Членова Мария Ивановна"
    assert data["collector"] == agency_a.information_board.collector_id
    assert data["status"] == {
        "state": "due",
        "last_update": "2026-11-02",
        "due_on": "2026-11-16",
        "overdue_after": "2026-12-02",
    }
    keys = [s["key"] for s in data["sections"]]
    assert keys[:3] == ["goal", "team", "indicators"]
    assert {"photos", "internal_audit", "external_audit", "steps", "closures"} <= set(keys)
    indicators = next(s for s in data["sections"] if s["key"] == "indicators")
    assert indicators["empty"] and indicators["empty_text"] == "Показатели ещё не измерялись"
    team = next(s for s in data["sections"] if s["key"] == "team")
    assert {"label": "Обновляет стенд", "value": "Членова Мария Ивановна", "state": ""} in team[
        "rows"
    ]
    assert data["update_count"] == 1
    assert data["updates"][0]["thumbnail_url"].endswith("/thumbnail/")


def test_the_board_endpoint_hides_other_agencies(api_client, board, team_leader_b, agency_a):
    assert api_client(team_leader_b).get(f"/api/v1/agencies/{agency_a.pk}/board/").status_code == (
        404
    )
    assert api_client().get(f"/api/v1/agencies/{agency_a.pk}/board/").status_code == 401


def test_the_team_sets_up_the_board_through_put_and_the_governor_may_not(
    api_client, on, team_leader_a, governor, employee_a, agency_a, team_a, member_person
):
    body = {"goal": "Миссия", "collector": member_person.pk, "designer": team_a.leader_id}
    url = f"/api/v1/agencies/{agency_a.pk}/board/"
    assert api_client(governor).put(url, body, format="json").status_code == 403
    assert api_client(employee_a).put(url, body, format="json").status_code == 403
    bad = api_client(team_leader_a).put(url, body | {"designer": member_person.pk}, format="json")
    assert bad.status_code == 400 and "designer" in bad.json()["errors"]
    response = api_client(team_leader_a).put(url, body, format="json")
    assert response.status_code == 200 and response.json()["goal"] == "Миссия"


def test_post_a_board_update_with_a_photo(api_client, board, team_member_a, agency_a):
    response = api_client(team_member_a).post(
        "/api/v1/board-updates/",
        {"agency": agency_a.pk, "date": TODAY.isoformat(), "note": "Графики", "photo": jpeg()},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["person_name"] == "Членова Мария Ивановна" and data["date"] == "2026-11-16"
    assert BoardUpdate.objects.count() == 1


def test_a_board_update_is_refused_to_others_and_to_a_bad_photo(
    api_client, board, team_member_a, employee_a, governor, agency_a
):
    def post(user, photo):
        return api_client(user).post(
            "/api/v1/board-updates/",
            {"agency": agency_a.pk, "date": TODAY.isoformat(), "photo": photo},
            format="multipart",
        )

    assert post(employee_a, jpeg()).status_code == 403
    assert post(governor, jpeg()).status_code == 403
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = post(team_member_a, SimpleUploadedFile("a.jpg", b"GIF89a nope"))
    assert bad.status_code == 400 and "photo" in bad.json()["errors"]
    assert not BoardUpdate.objects.exists()


def test_updates_and_remarks_lists_are_scoped_and_filtered(
    api_client, board, team_member_a, team_leader_b, governor, agency_a, agency_b, employee_a
):
    record_update(team_member_a, agency_a, TODAY)
    BoardRemark.objects.create(agency=agency_a, text="Ок")
    assert api_client(team_leader_b).get("/api/v1/board-updates/").json()["count"] == 0
    assert api_client(governor).get("/api/v1/board-updates/").json()["count"] == 1
    assert (
        api_client(governor).get(f"/api/v1/board-updates/?agency={agency_b.pk}").json()["count"]
        == 0
    )
    assert api_client(employee_a).get("/api/v1/board-remarks/?kind=remark").json()["count"] == 1
    assert api_client(team_leader_b).get("/api/v1/board-remarks/").json()["count"] == 0
    assert api_client(governor).get("/api/v1/board-updates/?date_after=x").status_code == 400


def test_an_employee_posts_a_proposal_about_the_board(
    api_client, board, employee_a, team_leader_b, agency_a
):
    body = {"agency": agency_a.pk, "kind": "proposal", "text": "Повесить ниже"}
    denied = api_client(team_leader_b).post("/api/v1/board-remarks/", body, format="json")
    assert denied.status_code == 403
    response = api_client(employee_a).post("/api/v1/board-remarks/", body, format="json")
    assert response.status_code == 201
    assert response.json()["proposal"] == Proposal.objects.get().pk
    empty = api_client(employee_a).post(
        "/api/v1/board-remarks/", body | {"text": ""}, format="json"
    )
    assert empty.status_code == 400 and BoardRemark.objects.count() == 1


def test_the_board_endpoint_query_count_does_not_grow(
    api_client, board, governor, agency_a, django_assert_max_num_queries
):
    from tests.agencies.board.test_pages import _grow

    client = api_client(governor)
    _grow(agency_a, 2)
    with django_assert_max_num_queries(40) as few:
        client.get(f"/api/v1/agencies/{agency_a.pk}/board/")
    _grow(agency_a, 12, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get(f"/api/v1/agencies/{agency_a.pk}/board/").json()
    assert data["update_count"] == 14 and len(data["updates"]) == 10


def test_the_admin_lists_boards_updates_and_remarks(
    login, board, team_member_a, administrator, governor, agency_a
):
    record_update(team_member_a, agency_a, TODAY)
    BoardRemark.objects.create(agency=agency_a, text="Ок")
    client = login(administrator)
    for name in ("informationboard", "boardupdate", "boardremark"):
        assert client.get(f"/admin/agencies/{name}/").status_code == 200
    assert client.get(f"/admin/agencies/informationboard/{board.pk}/change/").status_code == 200
    assert login(governor).get("/admin/agencies/boardupdate/").status_code in (302, 403)


def test_a_repeated_idempotency_key_records_one_update(api_client, board, team_member_a, agency_a):
    client = api_client(team_member_a)
    for _ in range(2):
        response = client.post(
            "/api/v1/board-updates/",
            {"agency": agency_a.pk, "date": TODAY.isoformat(), "photo": jpeg()},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="board-update-0001-abcdefgh",
        )
        assert response.status_code == 201
    assert BoardUpdate.objects.count() == 1
