"""Red tags and sortings name the agency's rooms (agencies.Room, issue 11 item 4): a room typed
that the list lacks is added to it; the API keeps `room` (the name) and `rooms` (one line) and
adds `room_id` / `room_ids`."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from agencies.models import Room
from agencies.services import room_create
from core import calendar
from sorting.models import RedTag, SortingRound
from sorting.rules import room_names_parsed
from tests.sorting.factories import make_round, make_tag, tag_data


def test_a_typed_room_is_added_to_the_agencys_list_once(team_member_a, agency_a, agency_b):
    first = make_tag(team_member_a, agency_a, room="каб. 101")
    second = make_tag(team_member_a, agency_a, room="  КАБ.   101 ")
    assert first.room == second.room
    assert list(Room.objects.filter(agency=agency_a).values_list("name", flat=True)) == ["каб. 101"]
    assert not Room.objects.filter(agency=agency_b).exists()


def test_a_refused_tag_adds_no_room(team_member_a, agency_a):
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as error:
        make_tag(team_member_a, agency_a, room="999", item_name="")
    assert "item_name" in error.value.details
    assert not Room.objects.filter(name="999").exists()
    assert not RedTag.objects.exists()


def test_a_tag_needs_a_room(team_member_a, agency_a):
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as error:
        make_tag(team_member_a, agency_a, room="   ")
    assert error.value.details["room"] == "Укажите № кабинета."


def test_the_tag_page_adds_the_typed_room(login, team_member_a, agency_a):
    data = {
        key: (value.pk if hasattr(value, "pk") else value)
        for key, value in tag_data(room="Архив").items()
    }
    response = login(team_member_a).post(
        reverse("sorting:tag-create"), {**data, "agency": agency_a.pk}
    )
    assert response.status_code == 302
    tag = RedTag.objects.get()
    assert (tag.room.name, tag.room.agency_id) == ("Архив", agency_a.pk)
    page = login(team_member_a).get(reverse("sorting:tag-edit", args=[tag.pk]))
    assert 'value="Архив"' in page.content.decode()


def _api_body(agency, **overrides):
    data = tag_data(**overrides)
    body = {
        key: (value.pk if hasattr(value, "pk") else value.isoformat())
        if hasattr(value, "pk") or hasattr(value, "isoformat")
        else value
        for key, value in data.items()
    }
    return {**body, "agency": agency.pk}


def test_the_api_takes_and_answers_the_rooms_name_and_id(api_client, team_member_a, agency_a):
    client = api_client(team_member_a)
    response = client.post("/api/v1/red-tags/", _api_body(agency_a, room="205"), format="json")
    assert response.status_code == 201, response.json()
    room = Room.objects.get(agency=agency_a, name="205")
    assert (response.json()["room"], response.json()["room_id"]) == ("205", room.pk)
    body = _api_body(agency_a)
    del body["room"]
    response = client.post("/api/v1/red-tags/", {**body, "room_id": room.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["room"] == "205"


def test_the_api_refuses_another_agencys_room_and_saves_nothing(
    api_client, team_member_a, team_leader_b, agency_a, agency_b
):
    other = room_create(actor=team_leader_b, agency=agency_b, name="Б-1")
    body = _api_body(agency_a)
    del body["room"]
    response = api_client(team_member_a).post(
        "/api/v1/red-tags/", {**body, "room_id": other.pk}, format="json"
    )
    assert response.status_code == 400
    assert "room" in response.json()["errors"]
    assert not RedTag.objects.exists()


def test_the_api_needs_a_room_on_create(api_client, team_member_a, agency_a):
    body = _api_body(agency_a)
    del body["room"]
    response = api_client(team_member_a).post("/api/v1/red-tags/", body, format="json")
    assert response.status_code == 400
    assert "room" in response.json()
    assert not RedTag.objects.exists()


def test_a_sorting_keeps_its_typed_rooms_as_the_agencys_rooms(api_client, team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a, rooms="220, 215;\n218, 215")
    assert sorting_round.rooms_display == "215, 218, 220"
    assert Room.objects.filter(agency=agency_a).count() == 3
    answer = api_client(team_leader_a).get(f"/api/v1/sorting-rounds/{sorting_round.pk}/").json()
    assert answer["rooms"] == "215, 218, 220"
    assert answer["room_ids"] == [
        Room.objects.get(agency=agency_a, name=name).pk for name in ("215", "218", "220")
    ]


def test_a_sorting_needs_at_least_one_room(api_client, team_leader_a, agency_a):
    body = {"agency": agency_a.pk, "date_from": calendar.today().isoformat(), "rooms": " , ;"}
    response = api_client(team_leader_a).post("/api/v1/sorting-rounds/", body, format="json")
    assert response.status_code == 400
    assert "rooms" in response.json()["errors"]
    assert not SortingRound.objects.exists() and not Room.objects.exists()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("215, 218, 220", ["215", "218", "220"]),
        ("каб.  101;\nАрхив", ["каб. 101", "Архив"]),
        ("101, 101 ,  ", ["101"]),
        ("", []),
    ],
)
def test_typed_rooms_are_split_on_commas_semicolons_and_lines(text, names):
    assert room_names_parsed(text) == names


@pytest.mark.django_db(transaction=True)
def test_typed_rooms_are_saved_outside_a_test_transaction(api_client, team_member_a, agency_a):
    """The write path on the real commit (PostgreSQL in CI)."""
    from sorting.services import classifier_load

    classifier_load()
    client = api_client(team_member_a)
    for name in ("301", " 301 "):
        response = client.post("/api/v1/red-tags/", _api_body(agency_a, room=name), format="json")
        assert response.status_code == 201
    assert list(Room.objects.filter(agency=agency_a).values_list("name", flat=True)) == ["301"]
    assert RedTag.objects.filter(room__name="301").count() == 2


# --- The data migration ---------------------------------------------------------------------


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_typed_rooms_into_the_agencys_rooms(team_leader_a, agency_a, agency_b):
    from sorting.services import classifier_load

    classifier_load()
    # Back to the newest migration afterwards (not 0007: a later one would stay unapplied for
    # the tests that follow on this database).
    latest = [
        key
        for key in MigrationExecutor(connection).loader.graph.leaf_nodes()
        if key[0] == "sorting"
    ]
    old = _migrate([("sorting", "0004_delete_sortingreminder")])
    try:
        Room_ = old.get_model("agencies", "Room")
        Room_.objects.create(agency_id=agency_a.pk, name="Архив")
        RedTag_ = old.get_model("sorting", "RedTag")
        Round_ = old.get_model("sorting", "SortingRound")
        Entry = old.get_model("sorting", "ClassifierEntry")
        entry = Entry.objects.first()
        common = {
            "marked_on": calendar.today(),
            "marked_by": "5S",
            "item_name": "Стул",
            "quantity": 1,
            "reason_id": entry.pk,
            "action_id": entry.pk,
            "created_by_id": team_leader_a.pk,
        }
        RedTag_.objects.create(agency_id=agency_a.pk, number=1, room=" каб.  7 ", **common)
        RedTag_.objects.create(agency_id=agency_a.pk, number=2, room="архив", **common)
        RedTag_.objects.create(agency_id=agency_b.pk, number=1, room="каб. 7", **common)
        Round_.objects.create(
            agency_id=agency_a.pk,
            date_from=calendar.today(),
            rooms="каб. 7, 12;\nАрхив",
            created_by_id=team_leader_a.pk,
        )
        _migrate([("sorting", "0007_drop_room_text")])
        rooms_a = dict(Room.objects.filter(agency=agency_a).values_list("name", "pk"))
        assert set(rooms_a) == {"каб. 7", "Архив", "12"}
        assert list(
            RedTag.objects.filter(agency=agency_a)
            .order_by("number")
            .values_list("room__name", flat=True)
        ) == ["каб. 7", "Архив"]
        assert RedTag.objects.get(agency=agency_b).room.agency_id == agency_b.pk
        assert SortingRound.objects.get().rooms_display == "12, Архив, каб. 7"

        back = _migrate([("sorting", "0004_delete_sortingreminder")])
        texts = sorted(back.get_model("sorting", "RedTag").objects.values_list("room", flat=True))
        assert texts == ["Архив", "каб. 7", "каб. 7"]
        round_text = back.get_model("sorting", "SortingRound").objects.get().rooms
        assert sorted(round_text.split(", ")) == ["12", "Архив", "каб. 7"]
    finally:
        _migrate(latest)


def test_the_admin_finds_tags_by_their_rooms_name(login, administrator, team_member_a, agency_a):
    make_tag(team_member_a, agency_a, room="Архив", item_name="Шкаф")
    make_tag(team_member_a, agency_a, room="101", item_name="Стул")
    page = login(administrator).get(reverse("admin:sorting_redtag_changelist"), {"q": "Архив"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "Шкаф" in content and "Стул" not in content
