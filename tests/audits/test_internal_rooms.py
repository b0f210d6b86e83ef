"""Internal audits and photos name the agency's rooms (agencies.Room, issue 11 item 4;
Appendix 7 «№ кабинета, вид помещения», seed 003 L3381): a room typed on the internal-audit page
is found in the list ignoring case and spaces or added to it, the list of rooms kept elsewhere
(red tags, the rooms page) is the one the internal audit scores, and the data migration turns
the former parts of the workspace into rooms and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from agencies.models import Room
from agencies.services import room_create
from audits import selectors, services
from audits.models import InternalScore, Photo
from tests.audits.conftest import TODAY


def test_a_typed_room_is_the_agencys_room_found_ignoring_case_and_spaces(
    team_leader_a, agency_a, agency_b
):
    kept = room_create(actor=team_leader_a, agency=agency_a, name="Каб. 101")
    found = services.internal_audit_room_add(
        actor=team_leader_a, agency=agency_a, name=" каб.  101"
    )
    assert found == kept
    added = services.internal_audit_room_add(actor=team_leader_a, agency=agency_a, name="Архив")
    assert (added.agency_id, added.name) == (agency_a.pk, "Архив")
    assert not Room.objects.filter(agency=agency_b).exists()


def test_the_matrix_rows_are_the_agencys_rooms(team_leader_a, agency_a, today):
    room = room_create(actor=team_leader_a, agency=agency_a, name="Каб. 101")
    room_create(actor=team_leader_a, agency=agency_a, name="Архив")
    services.internal_audit_save(
        actor=team_leader_a, agency=agency_a, conducted_on=TODAY, scores={(room.pk, 1): 4}
    )
    matrix = selectors.internal_matrix(agency=agency_a, until=TODAY)
    assert [row["room"].name for row in matrix["rows"]] == ["Архив", "Каб. 101"]
    assert InternalScore.objects.get().room == room


def test_the_page_adds_a_typed_room_once(login, team_leader_a, agency_a):
    client = login(team_leader_a)
    url = reverse("audits:internal", args=[agency_a.pk])
    for typed in ("Холл 2-го этажа", "  холл 2-го   ЭТАЖА"):
        response = client.post(url, {"action": "room", "name": typed})
        assert response.status_code == 302
    assert list(Room.objects.filter(agency=agency_a).values_list("name", flat=True)) == [
        "Холл 2-го этажа"
    ]
    assert "Холл 2-го этажа" in client.get(url).content.decode()


def test_the_api_keeps_part_keys_with_the_rooms_values(api_client, team_leader_a, agency_a, today):
    room = room_create(actor=team_leader_a, agency=agency_a, name="Архив")
    client = api_client(team_leader_a)
    listed = client.get("/api/v1/workspace-parts/", {"agency": agency_a.pk}).json()
    assert listed == [{"id": room.pk, "agency": agency_a.pk, "name": "Архив"}]
    again = client.post(
        "/api/v1/workspace-parts/", {"agency": agency_a.pk, "name": "АРХИВ"}, format="json"
    )
    assert again.status_code == 201 and again.json()["id"] == room.pk
    created = client.post(
        "/api/v1/internal-audits/",
        {
            "agency": agency_a.pk,
            "conducted_on": TODAY.isoformat(),
            "scores": [{"part": room.pk, "step": 2, "score": 4}],
        },
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["scores"] == [
        {"part": room.pk, "part_name": "Архив", "step": 2, "score": 4}
    ]


def test_a_photo_of_another_agencys_room_is_refused(
    team_leader_a, team_leader_b, agency_a, agency_b, today
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.exceptions import ApplicationError

    other = room_create(actor=team_leader_b, agency=agency_b, name="Каб. 1")
    with pytest.raises(ApplicationError) as error:
        services.photo_upload(
            actor=team_leader_a,
            agency=agency_a,
            upload=SimpleUploadedFile("p.jpg", b""),
            taken_on=TODAY,
            place="Каб. 1",
            subject="Стол",
            photographer="Лидеров",
            room=other,
        )
    assert "room" in error.value.details
    assert not Photo.objects.exists()


# --- The data migration ---------------------------------------------------------------------

BEFORE = ("audits", "0011_drop_final_sheet_published")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_parts_into_the_agencys_rooms_and_back(
    team_leader_a, agency_a, agency_b
):
    latest = _latest()
    old = _migrate([BEFORE])
    try:
        Room_ = old.get_model("agencies", "Room")
        kept = Room_.objects.create(agency_id=agency_a.pk, name="Каб. 7")
        Part = old.get_model("audits", "workspacepart")
        Internal = old.get_model("audits", "InternalAudit")
        Score = old.get_model("audits", "InternalScore")
        HistoricalScore = old.get_model("audits", "HistoricalInternalScore")
        Photo_ = old.get_model("audits", "Photo")
        seven = Part.objects.create(agency_id=agency_a.pk, name=" каб.  7 ")
        seven_again = Part.objects.create(agency_id=agency_a.pk, name="КАБ. 7")
        archive = Part.objects.create(agency_id=agency_a.pk, name="Архив")
        other = Part.objects.create(agency_id=agency_b.pk, name="каб. 7")
        month = datetime.date(2026, 2, 1)
        internal = Internal.objects.create(agency_id=agency_a.pk, month=month, conducted_on=month)
        internal_b = Internal.objects.create(agency_id=agency_b.pk, month=month, conducted_on=month)
        first = Score.objects.create(internal_audit=internal, part=seven, step=1, score=3)
        Score.objects.create(internal_audit=internal, part=seven_again, step=1, score=5)
        Score.objects.create(internal_audit=internal, part=seven_again, step=2, score=4)
        Score.objects.create(internal_audit=internal, part=archive, step=1, score=2)
        Score.objects.create(internal_audit=internal_b, part=other, step=1, score=1)
        HistoricalScore.objects.create(
            id=first.pk,
            internal_audit_id=internal.pk,
            part_id=seven.pk,
            step=1,
            score=3,
            history_date=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
            history_type="+",
        )
        Photo_.objects.create(
            agency_id=agency_a.pk,
            part=archive,
            taken_on=month,
            place="Архив",
            subject="Полки",
            photographer="Лидеров",
            content_type="image/jpeg",
            width=1,
            height=1,
        )

        _migrate(latest)
        rooms_a = dict(Room.objects.filter(agency=agency_a).values_list("name", "pk"))
        assert set(rooms_a) == {"Каб. 7", "Архив"}  # the existing room is found, not doubled
        assert rooms_a["Каб. 7"] == kept.pk
        scores = {
            (score.room.name, score.step): score.score
            for score in InternalScore.objects.filter(internal_audit_id=internal.pk)
        }
        # Two parts that are one room: the first saved score of a step is kept.
        assert scores == {("Каб. 7", 1): 3, ("Каб. 7", 2): 4, ("Архив", 1): 2}
        score_b = InternalScore.objects.get(internal_audit_id=internal_b.pk)
        assert (score_b.room.agency_id, score_b.room.name) == (agency_b.pk, "каб. 7")
        assert Photo.objects.get().room_id == rooms_a["Архив"]
        assert InternalScore.history.get().room_id == kept.pk

        back = _migrate([BEFORE])
        Part = back.get_model("audits", "workspacepart")
        names = sorted(Part.objects.values_list("agency_id", "name"))
        assert names == sorted(
            [(agency_a.pk, "Каб. 7"), (agency_a.pk, "Архив"), (agency_b.pk, "каб. 7")]
        )
        parts_back = back.get_model("audits", "InternalScore").objects.values_list(
            "part__name", "step", "score"
        )
        assert sorted(parts_back.filter(internal_audit_id=internal.pk)) == [
            ("Архив", 1, 2),
            ("Каб. 7", 1, 3),
            ("Каб. 7", 2, 4),
        ]
        assert back.get_model("audits", "Photo").objects.get().part.name == "Архив"
    finally:
        _migrate(latest)
