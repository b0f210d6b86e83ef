"""Every write service of sorting refuses a user without the right (PermissionDenied: 403 on
pages and in the API) with nothing saved, and lets the one with the right do it.

Checked by deleting each `check_permission(...)` of sorting/services.py in turn: each deletion
makes at least one of these tests fail (see tests/sorting/README.md for the loop).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied

from agencies.models import Room
from core import calendar
from sorting import services
from sorting.choices import ApprovalRole, EntryKind, ItemCategory
from sorting.models import (
    ClassifierEntry,
    ControlSheetItem,
    ControlSheetMark,
    ListApproval,
    RedTag,
    RedTagCounter,
    SortingList,
    SortingListLine,
    SortingRound,
    StorageAdmission,
    StorageCheck,
    StorageCheckLine,
)
from tests.sorting.factories import action, decide, entry, make_round, make_tag, unneeded_list

MODELS = [
    ClassifierEntry,
    ControlSheetMark,
    ListApproval,
    RedTag,
    RedTagCounter,
    SortingList,
    SortingListLine,
    SortingRound,
    SortingRound.participants.through,
    SortingRound.rooms.through,
    Room,  # a room typed in a refused form is not added either
    StorageAdmission,
    StorageCheck,
    StorageCheckLine,
]


def snapshot():
    """Every row of every sorting table, every field: what «nothing saved» compares."""
    return {model.__name__: sorted(model.objects.values_list(), key=repr) for model in MODELS}


@dataclass
class World:
    """Agency A mid-sorting: a round, a tag on its unneeded list with a decision (not yet in
    the zone), a second tag listed and admitted to the zone, and a loose tag."""

    round: object
    decided_line: object
    admitted: object
    loose_tag: object
    team: object
    agency: object


@pytest.fixture
def world(team_a, agency_a, team_leader_a, team_member_a, keeper_a):
    sorting_round = make_round(team_leader_a, agency_a)
    decided = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name="Шкаф")
    line = decide(team_leader_a, decided.list_line)
    in_zone = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name="Стул")
    decide(team_leader_a, in_zone.list_line)
    admitted = services.storage_admit(actor=keeper_a, tag=in_zone)
    loose = make_tag(team_member_a, agency_a, item_name="Без списка")
    return World(sorting_round, line, admitted, loose, team_a, agency_a)


def _rarely_needed_row():
    return {
        "room": "12",
        "item_name": "Калькулятор",
        "quantity": 1,
        "regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 0),
    }


def _decision(line):
    return {
        "decider_name": "Сидоров С.С.",
        "decider_position": "Начальник отдела",
        "decision": action(1),
        "execute_by": calendar.today() + datetime.timedelta(days=5),
    }


# service name -> (call(user, world), users refused, the user allowed)
CALLS = {
    "classifier_entry_add": (
        lambda user, w: services.classifier_entry_add(
            actor=user, team=w.team, category="unneeded", kind="state", text="дубликаты"
        ),
        ["team_member_a", "employee_a", "governor", "auditor", "team_leader_b", "no_role"],
        "team_leader_a",
    ),
    "redtag_create": (
        lambda user, w: make_tag(user, w.agency, item_name="Новый"),
        ["governor", "auditor", "group_head", "team_leader_b", "no_role"],
        "employee_a",
    ),
    "redtag_add_to_list": (
        lambda user, w: services.redtag_add_to_list(
            actor=user, tag=w.loose_tag, sorting_round=w.round
        ),
        ["employee_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_member_a",
    ),
    "redtag_update": (
        lambda user, w: services.redtag_update(
            actor=user, tag=w.loose_tag, data={"room": "999", "comments": "исправлено"}
        ),
        ["employee_a", "keeper_a", "governor", "auditor", "team_leader_b", "no_role"],
        "team_member_a",
    ),
    "redtag_update_after_admission": (
        # The author may correct a tag only until the item enters the zone (the leader may).
        lambda user, w: services.redtag_update(
            actor=user, tag=w.admitted.red_tag, data={"comments": "исправлено"}
        ),
        ["team_member_a", "keeper_a"],
        "team_leader_a",
    ),
    "round_create": (
        lambda user, w: make_round(user, w.agency, rooms="301"),
        ["team_member_a", "employee_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_leader_a",
    ),
    "round_update": (
        lambda user, w: services.round_update(
            actor=user, sorting_round=w.round, data={"rooms": "все кабинеты"}
        ),
        ["team_member_a", "employee_a", "governor", "team_leader_b", "no_role"],
        "team_leader_a",
    ),
    "control_sheet_save": (
        lambda user, w: services.control_sheet_save(
            actor=user,
            sorting_round=w.round,
            checked_item_ids=list(ControlSheetItem.objects.values_list("pk", flat=True)[:3]),
        ),
        ["employee_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_member_a",
    ),
    "rarely_needed_line_add": (
        lambda user, w: services.rarely_needed_line_add(
            actor=user, sorting_round=w.round, data=_rarely_needed_row()
        ),
        ["employee_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_member_a",
    ),
    "rarely_needed_lines_add": (
        lambda user, w: services.rarely_needed_lines_add(
            actor=user, sorting_round=w.round, rows=[_rarely_needed_row()]
        ),
        ["employee_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_member_a",
    ),
    "line_decide": (
        lambda user, w: services.line_decide(
            actor=user, line=w.decided_line, **_decision(w.decided_line)
        ),
        ["team_member_a", "keeper_a", "employee_a", "governor", "auditor", "team_leader_b"],
        "team_leader_a",
    ),
    "line_decisions_record": (
        lambda user, w: services.line_decisions_record(
            actor=user,
            sorting_list=w.decided_line.sorting_list,
            rows=[{"line": w.decided_line, **_decision(w.decided_line)}],
        ),
        ["team_member_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_leader_a",
    ),
    "list_approve": (
        lambda user, w: services.list_approve(
            actor=user,
            sorting_list=unneeded_list(w.round),
            role=ApprovalRole.CHIEF_ACCOUNTANT,
            full_name="Бухгалтерова Б.Б.",
            position="Главный бухгалтер",
            agreed_on=calendar.today(),
        ),
        ["team_member_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_leader_a",
    ),
    "line_mark_carried_out": (
        lambda user, w: services.line_mark_carried_out(
            actor=user, line=w.decided_line, carried_out_on=calendar.today()
        ),
        ["team_member_a", "keeper_a", "governor", "team_leader_b", "no_role"],
        "team_leader_a",
    ),
    "storage_admit": (
        lambda user, w: services.storage_admit(actor=user, tag=w.decided_line.red_tag),
        ["team_member_a", "employee_a", "governor", "auditor", "team_leader_b", "no_role"],
        "keeper_a",
    ),
    "storage_check_record": (
        lambda user, w: services.storage_check_record(
            actor=user,
            agency=w.agency,
            checked_on=calendar.today(),
            entries=[{"admission": w.admitted.pk, "present": True, "matches_list": True}],
        ),
        ["team_member_a", "employee_a", "governor", "team_leader_b", "no_role"],
        "keeper_a",
    ),
}

REFUSALS = [(name, who) for name, (_call, refused, _allowed) in CALLS.items() for who in refused]


@pytest.mark.parametrize(("service", "who"), REFUSALS)
def test_a_user_without_the_right_is_refused_and_nothing_is_saved(request, world, service, who):
    call, _refused, _allowed = CALLS[service]
    user = request.getfixturevalue(who)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        call(user, world)
    assert snapshot() == before


@pytest.mark.parametrize("service", list(CALLS))
def test_the_user_with_the_right_may(request, world, service):
    call, _refused, allowed = CALLS[service]
    before = snapshot()
    call(request.getfixturevalue(allowed), world)
    assert snapshot() != before


@pytest.mark.parametrize("service", list(CALLS))
def test_the_administrator_may_do_everything(world, administrator, service):
    call, _refused, _allowed = CALLS[service]
    before = snapshot()
    call(administrator, world)
    assert snapshot() != before


@pytest.mark.parametrize(
    "call",
    [
        lambda user, w: services.rarely_needed_lines_add(
            actor=user, sorting_round=w.round, rows=[]
        ),
        lambda user, w: services.line_decisions_record(
            actor=user, sorting_list=w.decided_line.sorting_list, rows=[]
        ),
    ],
    ids=["rarely_needed_lines_add", "line_decisions_record"],
)
def test_an_empty_grid_is_refused_to_an_outsider_too(world, employee_a, call):
    with pytest.raises(PermissionDenied):
        call(employee_a, world)
