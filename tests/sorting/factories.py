"""Sorting test data built through the services, so every rule applies to it too."""

import datetime

from core import calendar
from core.roles import Role
from sorting import selectors, services
from sorting.choices import EntryKind, ItemCategory, ListKind
from sorting.models import ClassifierEntry
from tests.agencies.factories import PersonFactory, UserFactory


def entry(category, kind, index=0):
    return ClassifierEntry.objects.filter(team=None, category=category, kind=kind).order_by(
        "order"
    )[index]


def reason(index=0):
    return entry(ItemCategory.UNNEEDED, EntryKind.STATE, index)


def action(index=0):
    return entry(ItemCategory.UNNEEDED, EntryKind.DECISION, index)


def tag_data(**overrides):
    data = {
        "marked_on": calendar.today(),
        "marked_by": "5S-команда",
        "room": "101",
        "workplace_owner": "Иванов И.И.",
        "item_name": "Принтер HP LaserJet 1020",
        "inventory_number": "01360001",
        "quantity": 1,
        "reason": reason(2),
        "action": action(0),
        "move_deadline": calendar.today() + datetime.timedelta(days=3),
        "responsible_for_moving": "Петров П.П.",
        "comments": "",
    }
    data.update(overrides)
    return data


def make_tag(user, agency, sorting_round=None, **overrides):
    return services.redtag_create(
        actor=user, agency=agency, data=tag_data(**overrides), sorting_round=sorting_round
    )


def make_round(user, agency, **kwargs):
    kwargs.setdefault("date_from", calendar.today())
    kwargs.setdefault("rooms", "101, 102, 103")
    return services.round_create(actor=user, agency=agency, **kwargs)


def unneeded_list(sorting_round):
    return sorting_round.lists.get(kind=ListKind.UNNEEDED)


def rarely_needed_list(sorting_round):
    return sorting_round.lists.get(kind=ListKind.RARELY_NEEDED)


def decide(user, line, *, decision=None, execute_by=None, decider="Сидоров С.С."):
    category = line.sorting_list.category
    return services.line_decide(
        actor=user,
        line=line,
        decider_name=decider,
        decider_position="Начальник отдела",
        decision=decision or entry(category, EntryKind.DECISION, 0),
        execute_by=execute_by or calendar.today() + datetime.timedelta(days=10),
    )


def make_keeper(team):
    agency = team.agencies.get()
    user = UserFactory(username="keeper_a", roles=[Role.EMPLOYEE])
    person = PersonFactory(agency=agency, user=user, full_name="Хранителева Ксения")
    team.storage_keeper = person
    team.save(update_fields=["storage_keeper"])
    return user


def agree_fully(user, sorting_list, on=None):
    on = on or calendar.today()
    from sorting.choices import ApprovalRole

    for role, name in [
        (ApprovalRole.TEAM_LEADER, "Лидеров Л.Л."),
        (ApprovalRole.CHIEF_ACCOUNTANT, "Бухгалтерова Б.Б."),
        (ApprovalRole.MATERIALLY_RESPONSIBLE, "Матответов М.М."),
    ]:
        services.list_approve(
            actor=user,
            sorting_list=sorting_list,
            role=role,
            full_name=name,
            position="должность",
            agreed_on=on,
        )
    for decider in {line.decider_name for line in sorting_list.lines.all()}:
        services.list_approve(
            actor=user,
            sorting_list=sorting_list,
            role=ApprovalRole.DECIDER,
            full_name=decider,
            position="Начальник отдела",
            agreed_on=on,
        )


__all__ = ["selectors"]
