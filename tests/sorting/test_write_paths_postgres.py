"""Sorting's write paths outside a test transaction, on PostgreSQL (issue 10, «Tests that see
production»): row locks, constraints, the form token's claim and on_commit only show there.

Each path goes through the page or the endpoint a person or a client uses; the concurrent cases
run in threads, each with its own connection.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from core import calendar
from core.idempotency import FORM_TOKEN_FIELD
from sorting.models import (
    ControlSheetItem,
    ControlSheetMark,
    ListApproval,
    RedTag,
    SortingListLine,
    SortingRound,
    StorageAdmission,
    StorageCheck,
)
from sorting.services import classifier_load
from tests.concurrency import THREADS, in_parallel
from tests.sorting.factories import action, entry, reason

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_and_classifier():
    assert connection.vendor == "postgresql"
    classifier_load()  # a transactional test starts from an empty database


def _page(user):
    client = Client()
    client.force_login(user)
    return client


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_every_write_path_of_sorting_commits(team_leader_a, team_member_a, keeper_a, agency_a):
    from sorting.choices import EntryKind, ItemCategory

    today = calendar.today()
    leader, member, keeper = _page(team_leader_a), _page(team_member_a), _page(keeper_a)

    # Round create and update (pages).
    response = leader.post(
        f"/sorting/rounds/new/?agency={agency_a.pk}",
        {"date_from": today.isoformat(), "rooms": "101–105", FORM_TOKEN_FIELD: "r1"},
    )
    assert response.status_code == 302
    sorting_round = SortingRound.objects.get()
    response = leader.post(
        f"/sorting/rounds/{sorting_round.pk}/edit/",
        {"date_from": today.isoformat(), "rooms": "101–110", FORM_TOKEN_FIELD: "r2"},
    )
    assert response.status_code == 302
    sorting_round.refresh_from_db()
    assert sorting_round.rooms_display == "101–110"

    # Control sheet (page).
    items = list(ControlSheetItem.objects.values_list("pk", flat=True)[:4])
    response = member.post(
        f"/sorting/rounds/{sorting_round.pk}/control-sheet/",
        {"items": items, FORM_TOKEN_FIELD: "c1"},
    )
    assert response.status_code == 302
    assert ControlSheetMark.objects.filter(round=sorting_round).count() == 4

    # Tag create (page, onto the round's list) and API create, update, add to a list.
    tag_form = {
        "agency": agency_a.pk,
        "marked_on": today.isoformat(),
        "marked_by": "Членова М.И.",
        "room": "103",
        "item_name": "Сканер",
        "quantity": "1",
        "reason": reason(0).pk,
        "action": action(1).pk,
        "move_deadline": (today + datetime.timedelta(days=2)).isoformat(),
        "responsible_for_moving": "Членова М.И.",
        "round": sorting_round.pk,
        FORM_TOKEN_FIELD: "t1",
    }
    assert member.post("/sorting/tags/new/", tag_form).status_code == 302
    listed = RedTag.objects.get()
    api_member = _api(team_member_a)
    created = api_member.post(
        "/api/v1/red-tags/",
        {
            "agency": agency_a.pk,
            "room": "104",
            "item_name": "Факс",
            "reason": reason(1).pk,
            "action": action(1).pk,
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="a1",
    )
    assert created.status_code == 201 and created.json()["number"] == 2
    patched = api_member.patch(
        f"/api/v1/red-tags/{created.json()['id']}/", {"room": "105"}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["room"] == "105"
    response = member.post(
        f"/sorting/tags/{created.json()['id']}/list/",
        {"add_to_round": sorting_round.pk, FORM_TOKEN_FIELD: "l1"},
    )
    assert response.status_code == 302
    assert SortingListLine.objects.filter(red_tag__isnull=False).count() == 2

    # A rarely-needed line (grid page).
    response = member.post(
        f"/sorting/rounds/{sorting_round.pk}/rarely-needed/new/",
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-room": "12",
            "lines-0-item_name": "Калькулятор",
            "lines-0-quantity": "1",
            "lines-0-regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 0).pk,
            FORM_TOKEN_FIELD: "n1",
        },
    )
    assert response.status_code == 302

    # Decisions: one through the line's page, the other through the API.
    unneeded = sorting_round.lists.get(kind="unneeded")
    first, second = unneeded.lines.order_by("position")
    decision = {
        "decider_name": "Сидоров С.С.",
        "decider_position": "Начальник отдела",
        "decision": action(1).pk,
        "execute_by": (today + datetime.timedelta(days=7)).isoformat(),
    }
    assert (
        leader.post(
            f"/sorting/lines/{first.pk}/decision/", {**decision, FORM_TOKEN_FIELD: "d1"}
        ).status_code
        == 302
    )
    api_leader = _api(team_leader_a)
    assert (
        api_leader.post(
            f"/api/v1/sorting-lines/{second.pk}/decision/", decision, format="json"
        ).status_code
        == 200
    )

    # The item in the zone (API) and the weekly check (grid page) with its decision carried out.
    admitted = _api(keeper_a).post(
        "/api/v1/storage-admissions/", {"red_tag": listed.pk}, format="json"
    )
    assert admitted.status_code == 201, admitted.json()
    response = keeper.post(
        f"/sorting/zone/{agency_a.pk}/check/",
        {
            "checked_on": today.isoformat(),
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-admission": admitted.json()["id"],
            "form-0-present": "on",
            "form-0-matches_list": "on",
            "form-0-carried_out_on": today.isoformat(),
            FORM_TOKEN_FIELD: "k1",
        },
    )
    assert response.status_code == 302
    assert StorageCheck.objects.get().lines.get().carried_out_on == today
    assert StorageAdmission.objects.get().released_on == today

    # The other decision carried out outside the zone (page), then the list agreed (page).
    assert (
        leader.post(
            f"/sorting/lines/{second.pk}/carried-out/",
            {"carried_out_on": today.isoformat(), FORM_TOKEN_FIELD: "co1"},
        ).status_code
        == 302
    )
    for index, (role, name) in enumerate(
        [
            ("team_leader", "Лидеров Л.Л."),
            ("chief_accountant", "Бухгалтерова Б.Б."),
            ("materially_responsible", "Матответов М.М."),
            ("decider", "Сидоров С.С."),
        ]
    ):
        response = leader.post(
            f"/sorting/lists/{unneeded.pk}/approve/",
            {
                "role": role,
                "full_name": name,
                "position": "должность",
                "agreed_on": today.isoformat(),
                FORM_TOKEN_FIELD: f"a{index}",
            },
        )
        assert response.status_code == 302
    from sorting.selectors import list_is_agreed

    assert list_is_agreed(unneeded)


@pytest.fixture
def decided_tag(team_leader_a, team_member_a, agency_a):
    from tests.sorting.factories import decide, make_round, make_tag

    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    return tag


def test_parallel_admissions_of_one_item_admit_it_once_and_answer_409(keeper_a, decided_tag):
    clients = [_api(keeper_a) for _ in range(THREADS)]

    def admit(index):
        response = clients[index].post(
            "/api/v1/storage-admissions/", {"red_tag": decided_tag.pk}, format="json"
        )
        return response.status_code

    codes = sorted(in_parallel(admit))
    assert codes == [201] + [409] * (THREADS - 1)
    assert StorageAdmission.objects.count() == 1


def test_parallel_identical_agreements_record_one_and_answer_409(team_leader_a, decided_tag):
    sorting_list = decided_tag.list_line.sorting_list
    body = {
        "role": "chief_accountant",
        "full_name": "Бухгалтерова Б.Б.",
        "position": "Главный бухгалтер",
        "agreed_on": calendar.today().isoformat(),
    }

    clients = [_api(team_leader_a) for _ in range(THREADS)]

    def approve(index):
        return (
            clients[index]
            .post(f"/api/v1/sorting-lists/{sorting_list.pk}/approvals/", body, format="json")
            .status_code
        )

    assert sorted(in_parallel(approve)) == [201] + [409] * (THREADS - 1)
    assert ListApproval.objects.count() == 1


def test_parallel_carried_out_marks_record_one(team_leader_a, decided_tag):
    line = decided_tag.list_line
    clients = [_page(team_leader_a) for _ in range(THREADS)]

    def carry_out(index):
        response = clients[index].post(
            f"/sorting/lines/{line.pk}/carried-out/",
            {"carried_out_on": calendar.today().isoformat()},
        )
        return response.status_code

    codes = in_parallel(carry_out)
    # One redirect after saving; the rest show the form again saying it is already recorded.
    assert sorted(codes) == [200] * (THREADS - 1) + [302]
    line.refresh_from_db()
    assert line.carried_out_on == calendar.today()
    assert line.history.filter(carried_out_on__isnull=False).count() == 1


def test_parallel_control_sheet_saves_leave_one_mark_per_item(team_member_a, decided_tag):
    sorting_round = decided_tag.list_line.sorting_list.round
    items = list(ControlSheetItem.objects.values_list("pk", flat=True)[:5])
    clients = [_page(team_member_a) for _ in range(THREADS)]

    def save(index):
        return (
            clients[index]
            .post(f"/sorting/rounds/{sorting_round.pk}/control-sheet/", {"items": items})
            .status_code
        )

    assert in_parallel(save) == [302] * THREADS
    assert sorted(
        ControlSheetMark.objects.filter(round=sorting_round).values_list("item_id", flat=True)
    ) == sorted(items)


def test_parallel_lines_of_one_list_get_distinct_positions(team_member_a, decided_tag, agency_a):
    sorting_round = decided_tag.list_line.sorting_list.round
    body = {
        "agency": agency_a.pk,
        "room": "1",
        "item_name": "Стул",
        "reason": reason(0).pk,
        "action": action(0).pk,
        "round": sorting_round.pk,
    }

    clients = [_api(team_member_a) for _ in range(THREADS)]

    def mark(index):
        return clients[index].post("/api/v1/red-tags/", body, format="json").status_code

    assert in_parallel(mark) == [201] * THREADS
    positions = sorted(
        SortingListLine.objects.filter(sorting_list__round=sorting_round).values_list(
            "position", flat=True
        )
    )
    assert positions == list(range(1, THREADS + 2))
