"""Rooms of an agency (§1.4.25 L159, Appendix 7 «№ кабинета, вид помещения»): who keeps the
list, the API, the page, and the get-or-create that forms use for a room typed by hand."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies import selectors, services
from agencies.choices import RoomKind
from agencies.models import Room
from core.exceptions import ApplicationError
from tests.agencies.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def room_a(agency_a):
    return Room.objects.create(agency=agency_a, name="101", kind=RoomKind.OFFICE)


@pytest.fixture
def room_b(agency_b):
    return Room.objects.create(agency=agency_b, name="201", kind=RoomKind.OFFICE)


# --- services ---------------------------------------------------------------------------


def test_team_leader_adds_a_room_to_their_agency(team_leader_a, agency_a):
    room = services.room_create(
        actor=team_leader_a, agency=agency_a, name="  каб.   101 ", area=Decimal("18.5")
    )
    assert (room.name, room.kind, room.area) == ("каб. 101", RoomKind.OFFICE, Decimal("18.5"))
    assert room.common_area is False


def test_a_room_of_a_common_kind_is_a_common_area_unless_told_otherwise(team_member_a, agency_a):
    hall = services.room_create(actor=team_member_a, agency=agency_a, name="Холл", kind="hall")
    archive = services.room_create(
        actor=team_member_a, agency=agency_a, name="Архив", kind="archive", common_area=False
    )
    assert hall.common_area is True
    assert archive.common_area is False


@pytest.mark.parametrize("who", ["employee_a", "team_leader_b", "auditor", "governor", "no_role"])
def test_only_the_agencys_team_and_administrators_add_rooms(who, request, agency_a):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.room_create(actor=actor, agency=agency_a, name="101")
    assert not Room.objects.exists()


def test_administrator_adds_a_room_to_any_agency(administrator, agency_a):
    assert services.room_create(actor=administrator, agency=agency_a, name="101").pk


def test_a_second_room_with_the_same_name_is_refused_with_the_field_named(
    team_leader_a, agency_a, room_a
):
    with pytest.raises(ApplicationError) as error:
        services.room_create(actor=team_leader_a, agency=agency_a, name="101")
    assert "name" in error.value.details
    assert Room.objects.count() == 1


def test_the_same_name_in_another_agency_is_another_room(administrator, room_a, agency_b):
    assert services.room_create(actor=administrator, agency=agency_b, name="101").pk != room_a.pk


@pytest.mark.parametrize("area", [Decimal("-1"), Decimal("100000")])
def test_an_implausible_area_is_refused(team_leader_a, agency_a, area):
    with pytest.raises(ApplicationError) as error:
        services.room_create(actor=team_leader_a, agency=agency_a, name="101", area=area)
    assert "area" in error.value.details
    assert not Room.objects.exists()


def test_room_update_changes_only_the_declared_fields(team_leader_a, room_a, agency_b):
    room = services.room_update(
        actor=team_leader_a,
        room=room_a,
        data={"kind": "meeting_room", "area": Decimal("30"), "agency": agency_b},
    )
    room.refresh_from_db()
    assert (room.kind, room.area, room.agency_id) == (
        "meeting_room",
        Decimal("30"),
        room_a.agency_id,
    )


@pytest.mark.parametrize("who", ["employee_a", "team_leader_b", "governor"])
def test_room_update_is_refused_to_others_and_saves_nothing(who, request, room_a):
    with pytest.raises(PermissionDenied):
        services.room_update(actor=request.getfixturevalue(who), room=room_a, data={"name": "X"})
    room_a.refresh_from_db()
    assert room_a.name == "101"


def test_get_or_create_finds_a_typed_room_ignoring_case_and_spaces(employee_a, agency_a):
    first = services.room_get_or_create(actor=employee_a, agency=agency_a, name="Comm  Room")
    again = services.room_get_or_create(actor=employee_a, agency=agency_a, name=" comm room")
    assert first.pk == again.pk
    assert Room.objects.count() == 1


def test_get_or_create_is_refused_outside_the_users_agencies(employee_a, agency_b):
    with pytest.raises(PermissionDenied):
        services.room_get_or_create(actor=employee_a, agency=agency_b, name="101")
    assert not Room.objects.exists()


def test_get_or_create_refuses_an_empty_name(employee_a, agency_a):
    with pytest.raises(ApplicationError):
        services.room_get_or_create(actor=employee_a, agency=agency_a, name="   ")


# --- selectors --------------------------------------------------------------------------


def test_room_list_is_scoped_to_the_users_agencies(team_leader_a, governor, room_a, room_b):
    assert list(selectors.room_list(user=team_leader_a)) == [room_a]
    assert set(selectors.room_list(user=governor)) == {room_a, room_b}
    assert list(selectors.room_list(user=governor, filters={"agency": room_b.agency_id})) == [
        room_b
    ]


# --- API --------------------------------------------------------------------------------


def test_api_lists_rooms_of_an_agency_in_a_fixed_number_of_queries(
    api_client, governor, django_assert_max_num_queries
):
    agencies = AgencyFactory.create_batch(3)
    for agency in agencies:
        for number in range(10):
            Room.objects.create(agency=agency, name=f"{number}", area=Decimal("12.25"))
    client = api_client(governor)
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/rooms/", {"page_size": 100})
    assert response.status_code == 200
    assert response.json()["count"] == 30
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/rooms/", {"agency": agencies[0].pk})
    rows = response.json()["results"]
    assert len(rows) == 10
    assert rows[0]["area"] == "12.25"
    assert rows[0]["agency_name"] == agencies[0].short_name


def test_api_list_shows_a_team_only_its_own_rooms(api_client, team_leader_a, room_a, room_b):
    response = api_client(team_leader_a).get("/api/v1/rooms/")
    assert [row["id"] for row in response.json()["results"]] == [room_a.pk]


def test_api_creates_a_room_for_the_leaders_agency(api_client, team_leader_a, agency_a):
    response = api_client(team_leader_a).post(
        "/api/v1/rooms/",
        {"agency": agency_a.pk, "name": "Архив", "kind": "archive", "area": "40.00"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["name"], body["kind"], body["area"], body["common_area"]) == (
        "Архив",
        "archive",
        "40.00",
        True,
    )


def test_api_refuses_a_room_for_an_agency_the_user_cannot_see(api_client, team_leader_a, agency_b):
    response = api_client(team_leader_a).post(
        "/api/v1/rooms/", {"agency": agency_b.pk, "name": "1"}, format="json"
    )
    assert response.status_code == 400
    assert "agency" in response.json()
    assert not Room.objects.exists()


@pytest.mark.parametrize("who", ["employee_a", "auditor"])
def test_api_refuses_rooms_to_who_may_only_read(who, request, api_client, agency_a):
    response = api_client(request.getfixturevalue(who)).post(
        "/api/v1/rooms/", {"agency": agency_a.pk, "name": "1"}, format="json"
    )
    assert response.status_code == 403
    assert not Room.objects.exists()


def test_api_refuses_the_governors_office_any_write(api_client, governor, agency_a):
    response = api_client(governor).post(
        "/api/v1/rooms/", {"agency": agency_a.pk, "name": "1"}, format="json"
    )
    assert response.status_code == 403


def test_api_duplicate_name_is_a_400_naming_the_field(api_client, team_leader_a, room_a):
    response = api_client(team_leader_a).post(
        "/api/v1/rooms/", {"agency": room_a.agency_id, "name": "101"}, format="json"
    )
    assert response.status_code == 400
    assert Room.objects.count() == 1


def test_api_patch_changes_a_room_but_never_its_agency(api_client, team_member_a, room_a, agency_b):
    response = api_client(team_member_a).patch(
        f"/api/v1/rooms/{room_a.pk}/",
        {"area": "21.00", "single_workplace": True, "agency": agency_b.pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    room_a.refresh_from_db()
    assert (room_a.area, room_a.single_workplace, room_a.agency_id) == (
        Decimal("21.00"),
        True,
        response.json()["agency"],
    )
    assert room_a.agency_id != agency_b.pk


def test_api_patch_of_another_agencys_room_is_a_404(api_client, team_leader_a, room_b):
    response = api_client(team_leader_a).patch(
        f"/api/v1/rooms/{room_b.pk}/", {"name": "X"}, format="json"
    )
    assert response.status_code == 404
    room_b.refresh_from_db()
    assert room_b.name == "201"


def test_api_patch_by_an_employee_is_refused(api_client, employee_a, room_a):
    response = api_client(employee_a).patch(
        f"/api/v1/rooms/{room_a.pk}/", {"name": "X"}, format="json"
    )
    assert response.status_code == 403
    room_a.refresh_from_db()
    assert room_a.name == "101"


def test_api_rooms_cannot_be_deleted_or_replaced(api_client, administrator, room_a):
    client = api_client(administrator)
    assert client.delete(f"/api/v1/rooms/{room_a.pk}/").status_code == 405
    assert client.put(f"/api/v1/rooms/{room_a.pk}/", {}, format="json").status_code == 405
    assert Room.objects.filter(pk=room_a.pk).exists()


def test_api_rooms_need_a_sign_in(api_client):
    assert api_client().get("/api/v1/rooms/").status_code == 401


# --- pages ------------------------------------------------------------------------------


def test_the_agency_page_links_to_its_rooms(login, team_leader_a, agency_a, room_a):
    response = login(team_leader_a).get(agency_a.get_absolute_url())
    assert reverse("agencies:rooms", args=[agency_a.pk]) in response.content.decode()


def test_the_rooms_page_lists_rooms_and_adds_one(login, team_leader_a, agency_a, room_a):
    client = login(team_leader_a)
    url = reverse("agencies:rooms", args=[agency_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "101" in page.content.decode()
    response = client.post(url, {"name": "Склад", "kind": "storage", "area": "12"})
    assert response.status_code == 302
    assert Room.objects.get(agency=agency_a, name="Склад").area == Decimal("12")


def test_the_rooms_page_shows_a_bad_field_beside_it_and_saves_nothing(
    login, team_leader_a, agency_a, room_a
):
    response = login(team_leader_a).post(
        reverse("agencies:rooms", args=[agency_a.pk]), {"name": "101", "kind": "office"}
    )
    assert response.status_code == 200
    assert "Помещение с таким" in response.content.decode()
    assert Room.objects.count() == 1


def test_an_employee_reads_the_rooms_page_without_the_form(login, employee_a, agency_a, room_a):
    client = login(employee_a)
    url = reverse("agencies:rooms", args=[agency_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert '<form method="post" class="card form"' not in page.content.decode()
    assert client.post(url, {"name": "X", "kind": "office"}).status_code == 403
    assert Room.objects.count() == 1


def test_another_agencys_rooms_page_is_a_404(login, team_leader_a, agency_b):
    assert (
        login(team_leader_a).get(reverse("agencies:rooms", args=[agency_b.pk])).status_code == 404
    )


def test_the_room_edit_page_saves_changes(login, team_member_a, room_a):
    client = login(team_member_a)
    url = reverse("agencies:room-edit", args=[room_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "102", "kind": "office", "single_workplace": "on"})
    assert response.status_code == 302
    room_a.refresh_from_db()
    assert (room_a.name, room_a.single_workplace) == ("102", True)


def test_the_room_edit_page_is_refused_to_an_employee(login, employee_a, room_a):
    assert login(employee_a).get(reverse("agencies:room-edit", args=[room_a.pk])).status_code == 403


def test_the_rooms_page_needs_a_sign_in(client, agency_a):
    response = client.get(reverse("agencies:rooms", args=[agency_a.pk]))
    assert response.status_code == 302


def test_the_rooms_page_lists_many_rooms_in_a_fixed_number_of_queries(
    login, administrator, agency_a, django_assert_max_num_queries
):
    Room.objects.bulk_create([Room(agency=agency_a, name=f"{n}") for n in range(40)])
    client = login(administrator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("agencies:rooms", args=[agency_a.pk]))
    assert response.status_code == 200
