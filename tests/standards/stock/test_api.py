"""The stock API (../shared/API.md): `GET /api/v1/stock-places/?agency=` with each item's
`minimum`, `maximum`, `count`, `needs_order`; counts, requests, approval, the PDF; scoped like
the pages; denied cases with their exact status; query counts constant as places grow."""

import io

import pytest
from pypdf import PdfReader

from standards.stock.choices import RequestStatus
from standards.stock.models import OrderRequest, StockItem, StockPlace


def test_places_list_their_items_levels_and_whether_an_order_is_needed(
    api_client, team_member_a, agency_a, paper_a, place_b
):
    StockItem.objects.create(place=paper_a.place, name="Ручки", minimum=10, maximum=30, count=10)
    answer = api_client(team_member_a).get(f"/api/v1/stock-places/?agency={agency_a.pk}")
    assert answer.status_code == 200
    [place] = answer.json()["results"]
    assert place["needs_order"] is True
    items = {i["name"]: i for i in place["items"]}
    assert items["Бумага А4, пачка"] | {"id": 0} == {
        "id": 0,
        "name": "Бумага А4, пачка",
        "unit": "шт.",
        "minimum": 5,
        "maximum": 20,
        "count": 12,
        "counted_on": None,
        "needs_order": False,
        "over_maximum": False,
    }
    assert items["Ручки"]["needs_order"] is True


def test_another_agencys_places_are_not_listed_or_shown(api_client, team_leader_b, place_a):
    client = api_client(team_leader_b)
    assert client.get("/api/v1/stock-places/").json()["count"] == 0
    assert client.get(f"/api/v1/stock-places/{place_a.pk}/").status_code == 404


def test_the_region_reads_every_place(api_client, governor, group_head, place_a, place_b):
    for user in (governor, group_head):
        assert api_client(user).get("/api/v1/stock-places/").json()["count"] == 2


def test_anonymous_and_no_role_are_refused(api_client, no_role, place_a):
    assert api_client().get("/api/v1/stock-places/").status_code in (401, 403)
    assert api_client(no_role).get("/api/v1/stock-places/").status_code == 403


def test_the_governors_office_changes_nothing(api_client, governor, agency_a, room_a):
    answer = api_client(governor).post(
        "/api/v1/stock-places/",
        {"agency": agency_a.pk, "room": room_a.pk, "name": "X"},
        format="json",
    )
    assert answer.status_code == 403
    assert not StockPlace.objects.exists()


def test_an_employee_may_not_set_levels(api_client, employee_a, place_a):
    answer = api_client(employee_a).post(
        "/api/v1/stock-items/",
        {"place": place_a.pk, "name": "Скрепки", "minimum": 1, "maximum": 5},
        format="json",
    )
    assert answer.status_code == 403
    assert not StockItem.objects.exists()


def test_a_minimum_above_the_maximum_is_400_naming_the_field(api_client, team_member_a, place_a):
    answer = api_client(team_member_a).post(
        "/api/v1/stock-items/",
        {"place": place_a.pk, "name": "Скрепки", "minimum": 9, "maximum": 5},
        format="json",
    )
    assert answer.status_code == 400
    assert "minimum" in answer.json()["errors"]


def test_the_whole_way_of_a_request(api_client, keeper_a, head_a, team_member_a, paper_a):
    keeper = api_client(keeper_a)
    answer = keeper.post(f"/api/v1/stock-items/{paper_a.pk}/count/", {"count": 6}, format="json")
    assert answer.status_code == 200 and answer.json()["request"] is None
    answer = keeper.post(f"/api/v1/stock-items/{paper_a.pk}/count/", {"count": 5}, format="json")
    assert answer.json()["item"]["needs_order"] is True
    request_id = answer.json()["request"]
    order = keeper.get(f"/api/v1/stock-requests/{request_id}/").json()
    assert order["status"] == "proposed"
    line = order["lines"][0]
    answer = keeper.put(
        f"/api/v1/stock-requests/{request_id}/lines/",
        [{"id": line["id"], "quantity": 14, "note": "марка «Снегурочка»"}],
        format="json",
    )
    assert answer.status_code == 200 and answer.json()["lines"][0]["quantity"] == 14
    assert keeper.post(f"/api/v1/stock-requests/{request_id}/receive/").status_code == 409
    assert keeper.post(f"/api/v1/stock-requests/{request_id}/submit/").status_code == 200
    assert keeper.post(f"/api/v1/stock-requests/{request_id}/approve/").status_code == 403
    assert (
        api_client(team_member_a).post(f"/api/v1/stock-requests/{request_id}/approve/").status_code
        == 403
    )
    head = api_client(head_a)
    answer = head.post(f"/api/v1/stock-requests/{request_id}/approve/")
    assert answer.status_code == 200 and answer.json()["status"] == "approved"
    assert head.post(f"/api/v1/stock-requests/{request_id}/approve/").status_code == 409
    answer = keeper.post(f"/api/v1/stock-requests/{request_id}/receive/", {}, format="json")
    assert answer.json()["status"] == "received"
    paper_a.refresh_from_db()
    assert paper_a.count == 19
    assert OrderRequest.objects.get().status == RequestStatus.RECEIVED


def test_the_request_prints_in_two_copies_with_the_appendix_headings(
    api_client, keeper_a, head_a, paper_a
):
    keeper = api_client(keeper_a)
    request_id = keeper.post(
        f"/api/v1/stock-items/{paper_a.pk}/count/", {"count": 5}, format="json"
    ).json()["request"]
    keeper.post(f"/api/v1/stock-requests/{request_id}/submit/")
    api_client(head_a).post(f"/api/v1/stock-requests/{request_id}/approve/")
    answer = keeper.get(f"/api/v1/stock-requests/{request_id}/pdf/")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    assert len(reader.pages) == 2
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        for heading in (
            "УТВЕРЖДАЮ",
            "(должность руководителя ОИВ ЯО (СППО))",
            "(подпись)",
            "(фамилия, инициалы)",
            "Заявка на заказ материальных объектов",
            "Дата заявки:",
            "№ п/п",
            "Наименование материального объекта",
            "Количество",
            "Примечание",
            "Должность лица, ответственного за материальное обеспечение",
            "И.О. Фамилия",
        ):
            assert heading in text, heading
        assert "Бумага А4, пачка" in text and "Р.Р. Руководов" in text and "З.З. Запасова" in text


def test_another_agency_cannot_read_a_request(api_client, keeper_a, team_leader_b, paper_a):
    request_id = (
        api_client(keeper_a)
        .post(f"/api/v1/stock-items/{paper_a.pk}/count/", {"count": 5}, format="json")
        .json()["request"]
    )
    assert api_client(team_leader_b).get(f"/api/v1/stock-requests/{request_id}/").status_code == 404
    assert (
        api_client(team_leader_b).get(f"/api/v1/stock-requests/{request_id}/pdf/").status_code
        == 404
    )


def _grow(place, n):
    for i in range(n):
        other = StockPlace.objects.create(agency=place.agency, room=place.room, name=f"Полка {i}")
        for j in range(3):
            StockItem.objects.create(place=other, name=f"Объект {j}", minimum=1, maximum=5, count=j)


@pytest.mark.parametrize("size", [1, 6])
def test_the_place_list_takes_the_same_queries_however_many_places(
    api_client, team_member_a, place_a, size, django_assert_num_queries
):
    _grow(place_a, size)
    client = api_client(team_member_a)
    client.get("/api/v1/stock-places/")  # warm the user's caches
    with django_assert_num_queries(QUERIES_PLACES):
        assert client.get("/api/v1/stock-places/").status_code == 200


QUERIES_PLACES = 3  # count, places with room/agency/responsible, items


def test_the_team_changes_levels_and_places_and_others_may_not(
    api_client, team_member_a, employee_a, team_leader_b, paper_a, place_a
):
    team = api_client(team_member_a)
    answer = team.patch(f"/api/v1/stock-items/{paper_a.pk}/", {"minimum": 12}, format="json")
    assert answer.status_code == 200 and answer.json()["minimum"] == 12
    # Raising the minimum to the counted 12 (counted_on is unset: never counted) proposes nothing.
    assert not OrderRequest.objects.exists()
    # A count is recorded through count/, never by PATCH.
    team.patch(f"/api/v1/stock-items/{paper_a.pk}/", {"count": 1}, format="json")
    paper_a.refresh_from_db()
    assert paper_a.count == 12
    answer = team.patch(f"/api/v1/stock-places/{place_a.pk}/", {"lead_days": 3}, format="json")
    assert answer.status_code == 200 and answer.json()["lead_days"] == 3
    assert (
        api_client(employee_a)
        .patch(f"/api/v1/stock-places/{place_a.pk}/", {"lead_days": 9}, format="json")
        .status_code
        == 403
    )
    assert api_client(employee_a).delete(f"/api/v1/stock-items/{paper_a.pk}/").status_code == 403
    assert api_client(team_leader_b).delete(f"/api/v1/stock-items/{paper_a.pk}/").status_code == 404
    assert team.delete(f"/api/v1/stock-items/{paper_a.pk}/").status_code == 204
    assert not StockItem.objects.exists()


def test_an_item_for_a_place_the_user_cannot_see_is_404(api_client, team_leader_b, place_a):
    answer = api_client(team_leader_b).post(
        "/api/v1/stock-items/",
        {"place": place_a.pk, "name": "Скрепки", "minimum": 1, "maximum": 5},
        format="json",
    )
    assert answer.status_code == 404
    assert not StockItem.objects.exists()


def test_a_malformed_filter_is_400_naming_the_parameter(api_client, team_member_a):
    answer = api_client(team_member_a).get("/api/v1/stock-places/?agency=abc")
    assert answer.status_code == 400 and "agency" in answer.json()["errors"]
