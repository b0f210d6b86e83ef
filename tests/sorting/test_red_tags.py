import datetime

import pytest
from django.core.exceptions import PermissionDenied

from core import calendar
from core.exceptions import ApplicationError
from sorting import services
from sorting.models import RedTag, RedTagCounter
from tests.sorting.factories import action, decide, make_round, make_tag, reason, tag_data


def test_tags_are_numbered_one_two_three_within_each_agency(
    team_leader_a, team_member_a, employee_a, agency_a, team_leader_b, agency_b
):
    numbers_a = [
        make_tag(user, agency_a).number for user in (team_leader_a, team_member_a, employee_a)
    ]
    numbers_b = [make_tag(team_leader_b, agency_b).number for _ in range(2)]
    assert numbers_a == [1, 2, 3]
    assert numbers_b == [1, 2]
    assert RedTagCounter.objects.get(agency=agency_a).last_number == 3


def test_refused_tag_takes_no_number(team_leader_a, agency_a):
    make_tag(team_leader_a, agency_a)
    with pytest.raises(ApplicationError):
        make_tag(team_leader_a, agency_a, item_name="")
    assert make_tag(team_leader_a, agency_a).number == 2


def test_tag_records_every_field_of_appendix_1(team_member_a, agency_a):
    tag = make_tag(team_member_a, agency_a, comments="под столом", quantity=2)
    tag.refresh_from_db()
    assert tag.marked_by == "5S-команда"
    assert (tag.room.name, tag.workplace_owner, tag.inventory_number) == (
        "101",
        "Иванов И.И.",
        "01360001",
    )
    assert tag.quantity == 2
    assert tag.reason == reason(2)
    assert tag.action == action(0)
    assert tag.responsible_for_moving == "Петров П.П."
    assert tag.comments == "под столом"
    assert tag.is_filled
    assert tag.history.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reason", "action", "причину маркировки"),
        ("action", "reason", "что делать с предметом"),
        ("quantity", 0, "не меньше 1"),
        ("move_deadline", "yesterday", "не может быть раньше"),
    ],
)
def test_bad_tag_is_refused_with_a_russian_message_and_nothing_saved(
    team_member_a, agency_a, field, value, message
):
    today = calendar.today()
    values = {
        "action": action(0),
        "reason": reason(0),
        "yesterday": today - datetime.timedelta(days=1),
    }
    with pytest.raises(ApplicationError) as error:
        make_tag(team_member_a, agency_a, **{field: values.get(value, value)})
    assert message in str(error.value.details[field]).lower() or message in str(
        error.value.details[field]
    )
    assert not RedTag.objects.exists()


def test_future_marking_date_is_refused(team_member_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        make_tag(team_member_a, agency_a, marked_on=calendar.today() + datetime.timedelta(days=2))
    assert "будущем" in str(error.value.details["marked_on"])


@pytest.mark.parametrize("who", ["governor", "auditor", "no_role", "team_leader_b"])
def test_outsiders_cannot_mark_items_in_agency_a(request, agency_a, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        make_tag(user, agency_a)
    assert not RedTag.objects.exists()


def test_administrator_may_mark_items(administrator, agency_a):
    assert make_tag(administrator, agency_a).number == 1


def test_author_edits_own_tag_and_the_list_line_follows(team_member_a, agency_a, team_leader_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    services.redtag_update(
        actor=team_member_a, tag=tag, data={"room": "205", "item_name": "Стул", "quantity": 3}
    )
    line = tag.list_line
    line.refresh_from_db()
    assert (line.room, line.item_name, line.quantity) == ("205", "Стул", 3)
    assert tag.history.count() == 2


def test_other_member_cannot_edit_someone_elses_tag(team_member_a, employee_a, agency_a):
    tag = make_tag(team_member_a, agency_a)
    with pytest.raises(PermissionDenied):
        services.redtag_update(actor=employee_a, tag=tag, data={"room": "1"})


def test_member_of_another_agency_cannot_change_a_tag(team_member_a, agency_a, team_leader_b):
    tag = make_tag(team_member_a, agency_a)
    with pytest.raises(PermissionDenied):
        services.redtag_update(actor=team_leader_b, tag=tag, data={"room": "1"})
    tag.refresh_from_db()
    assert tag.room.name == "101"


def test_tag_action_must_agree_with_the_decision_already_taken(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line, decision=action(3))
    tag.refresh_from_db()
    assert tag.action == action(3)  # the decision is written onto the tag
    with pytest.raises(ApplicationError) as error:
        services.redtag_update(actor=team_leader_a, tag=tag, data={"action": action(1)})
    assert "должно с ним совпадать" in str(error.value.details["action"])


def test_tag_of_another_agency_round_is_refused(team_leader_a, agency_a, team_leader_b, agency_b):
    round_b = make_round(team_leader_b, agency_b)
    with pytest.raises(ApplicationError):
        make_tag(team_leader_a, agency_a, sorting_round=round_b)
    assert not RedTag.objects.exists()


def test_tag_is_listed_only_once(team_leader_a, agency_a):
    first = make_round(team_leader_a, agency_a)
    second = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=first)
    with pytest.raises(ApplicationError) as error:
        services.redtag_add_to_list(actor=team_leader_a, tag=tag, sorting_round=second)
    assert "уже внесён" in error.value.message


def test_lines_of_the_unneeded_list_are_numbered_in_order(team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tags = [make_tag(team_member_a, agency_a) for _ in range(3)]
    for tag in reversed(tags):
        services.redtag_add_to_list(actor=team_member_a, tag=tag, sorting_round=sorting_round)
    positions = {tag.pk: tag.list_line.position for tag in RedTag.objects.all()}
    assert positions == {tags[2].pk: 1, tags[1].pk: 2, tags[0].pk: 3}


def test_employee_cannot_put_a_tag_on_a_list(team_leader_a, employee_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(employee_a, agency_a)
    with pytest.raises(PermissionDenied):
        services.redtag_add_to_list(actor=employee_a, tag=tag, sorting_round=sorting_round)


def test_tag_data_default_values_are_complete():
    assert set(tag_data()) == set(services.TAG_FIELDS)
