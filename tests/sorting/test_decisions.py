import datetime

import pytest
from django.core.exceptions import PermissionDenied

from agencies.choices import DeploymentState
from core import calendar
from core.exceptions import ApplicationError
from core.periods import add_months
from sorting import selectors, services
from sorting.choices import ApprovalRole, EntryKind, ItemCategory
from sorting.models import ControlSheetItem, ListApproval, SortingListLine, SortingRound
from tests.sorting.factories import (
    action,
    agree_fully,
    decide,
    entry,
    make_round,
    make_tag,
    rarely_needed_list,
    unneeded_list,
)


def _rarely_needed_line(user, sorting_round, **overrides):
    data = {
        "room": "204",
        "workplace_owner": "Смирнова А.А.",
        "item_name": "Дырокол большой",
        "inventory_number": "",
        "quantity": 1,
        "regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 1),
    }
    data.update(overrides)
    return services.rarely_needed_line_add(actor=user, sorting_round=sorting_round, data=data)


def test_leader_plans_a_round_with_both_lists(team_leader_a, agency_a, team_a):
    people = list(team_a.members.all()[:2])
    sorting_round = make_round(team_leader_a, agency_a, participants=people)
    assert set(sorting_round.lists.values_list("kind", flat=True)) == {
        "unneeded",
        "rarely_needed",
    }
    assert set(sorting_round.participants.all()) == set(people)


@pytest.mark.parametrize("who", ["team_member_a", "employee_a", "governor", "team_leader_b"])
def test_only_the_leader_plans_a_round(request, agency_a, who):
    with pytest.raises(PermissionDenied):
        make_round(request.getfixturevalue(who), agency_a)
    assert not SortingRound.objects.exists()


def test_next_sorting_date_beyond_a_month_is_refused_while_deploying(team_leader_a, agency_a):
    agency_a.deployment_state = DeploymentState.DEPLOYING
    agency_a.save()
    today = calendar.today()
    with pytest.raises(ApplicationError) as error:
        make_round(
            team_leader_a,
            agency_a,
            next_sorting_on=add_months(today, 1) + datetime.timedelta(days=1),
        )
    assert "не реже 1 раза в месяц" in str(error.value.details["next_sorting_on"])
    make_round(team_leader_a, agency_a, next_sorting_on=add_months(today, 1))


def test_quarterly_next_date_is_allowed_when_functioning(team_leader_a, agency_a):
    agency_a.deployment_state = DeploymentState.FUNCTIONING
    agency_a.save()
    sorting_round = make_round(
        team_leader_a, agency_a, next_sorting_on=add_months(calendar.today(), 3)
    )
    assert sorting_round.next_sorting_on == add_months(calendar.today(), 3)


def test_period_ending_before_it_starts_is_refused(team_leader_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        make_round(team_leader_a, agency_a, date_to=calendar.today() - datetime.timedelta(days=1))
    assert "раньше его начала" in str(error.value.details["date_to"])


def test_participants_must_work_in_the_agency(team_leader_a, agency_a, team_b):
    with pytest.raises(ApplicationError) as error:
        make_round(team_leader_a, agency_a, participants=[team_b.leader])
    assert "participants" in error.value.details


def test_member_ticks_the_control_sheet(team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    ids = list(ControlSheetItem.objects.values_list("pk", flat=True)[:5])
    services.control_sheet_save(
        actor=team_member_a, sorting_round=sorting_round, checked_item_ids=ids
    )
    services.control_sheet_save(
        actor=team_member_a, sorting_round=sorting_round, checked_item_ids=ids[:2]
    )
    assert set(sorting_round.marks.values_list("item_id", flat=True)) == set(ids[:2])


def test_employee_cannot_tick_the_control_sheet(team_leader_a, employee_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    with pytest.raises(PermissionDenied):
        services.control_sheet_save(
            actor=employee_a, sorting_round=sorting_round, checked_item_ids=[]
        )


def test_rarely_needed_line_records_usage_regularity(team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    line = _rarely_needed_line(team_member_a, sorting_round)
    assert line.regularity.text == "не чаще одного раза в месяц"
    assert line.position == 1


def test_rarely_needed_line_needs_a_regularity_of_its_category(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    with pytest.raises(ApplicationError) as error:
        _rarely_needed_line(
            team_leader_a,
            sorting_round,
            regularity=entry(ItemCategory.UNNEEDED, EntryKind.REGULARITY, 0),
        )
    assert "regularity" in error.value.details
    assert not SortingListLine.objects.exists()


def test_leader_enters_the_decision_and_the_tag_agrees(team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    line = decide(team_leader_a, tag.list_line, decision=action(1))
    line.refresh_from_db()
    tag.refresh_from_db()
    assert line.decision == action(1) == tag.action
    assert line.decided_by == team_leader_a
    assert line.decided_at is not None
    assert (line.room, line.workplace_owner, line.item_name) == (
        tag.room.name,
        tag.workplace_owner,
        tag.item_name,
    )


@pytest.mark.parametrize(
    "who", ["team_member_a", "employee_a", "governor", "auditor", "team_leader_b"]
)
def test_only_the_leader_enters_decisions(request, team_leader_a, agency_a, who):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    with pytest.raises(PermissionDenied):
        decide(request.getfixturevalue(who), tag.list_line)
    tag.list_line.refresh_from_db()
    assert tag.list_line.decision is None


def test_decision_must_come_from_the_lists_category(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    line = _rarely_needed_line(team_leader_a, sorting_round)
    with pytest.raises(ApplicationError) as error:
        decide(team_leader_a, line, decision=action(0))
    assert "decision" in error.value.details


def test_decision_needs_decider_and_date(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    with pytest.raises(ApplicationError) as error:
        services.line_decide(
            actor=team_leader_a,
            line=tag.list_line,
            decider_name="",
            decider_position="",
            decision=action(0),
            execute_by=None,
        )
    assert {"decider_name", "decider_position", "execute_by"} <= set(error.value.details)


def test_agreement_waits_for_every_decision(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    with pytest.raises(ApplicationError) as error:
        services.list_approve(
            actor=team_leader_a,
            sorting_list=unneeded_list(sorting_round),
            role=ApprovalRole.CHIEF_ACCOUNTANT,
            full_name="Бухгалтерова Б.Б.",
            position="Главный бухгалтер",
            agreed_on=calendar.today(),
        )
    assert "решения по всем предметам" in str(error.value.details["role"])
    assert not ListApproval.objects.exists()


def test_list_is_agreed_when_leader_accountant_responsible_person_and_deciders_agree(
    team_leader_a, agency_a
):
    sorting_round = make_round(team_leader_a, agency_a)
    tags = [make_tag(team_leader_a, agency_a, sorting_round=sorting_round) for _ in range(2)]
    decide(team_leader_a, tags[0].list_line, decider="Сидоров С.С.")
    decide(team_leader_a, tags[1].list_line, decider="Козлов К.К.")
    sorting_list = unneeded_list(sorting_round)
    for role, name in [
        (ApprovalRole.TEAM_LEADER, "Лидеров Л.Л."),
        (ApprovalRole.CHIEF_ACCOUNTANT, "Бухгалтерова Б.Б."),
        (ApprovalRole.MATERIALLY_RESPONSIBLE, "Матответов М.М."),
        (ApprovalRole.DECIDER, "Сидоров С.С."),
    ]:
        services.list_approve(
            actor=team_leader_a,
            sorting_list=sorting_list,
            role=role,
            full_name=name,
            position="должность",
            agreed_on=calendar.today(),
        )
    assert not selectors.list_is_agreed(sorting_list)
    assert selectors.list_missing_approvals(sorting_list) == ["Козлов К.К."]
    services.list_approve(
        actor=team_leader_a,
        sorting_list=sorting_list,
        role=ApprovalRole.DECIDER,
        full_name="Козлов К.К.",
        position="Консультант",
        agreed_on=calendar.today(),
    )
    assert selectors.list_is_agreed(sorting_list)
    approval = sorting_list.approvals.get(full_name="Козлов К.К.")
    assert approval.recorded_by == team_leader_a
    assert approval.agreed_on == calendar.today()


def test_decider_who_is_not_on_the_list_cannot_agree(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    with pytest.raises(ApplicationError) as error:
        services.list_approve(
            actor=team_leader_a,
            sorting_list=unneeded_list(sorting_round),
            role=ApprovalRole.DECIDER,
            full_name="Посторонний П.П.",
            position="—",
            agreed_on=calendar.today(),
        )
    assert "не указан" in str(error.value.details["full_name"])


def test_agreed_list_freezes_decisions_and_new_lines(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    agree_fully(team_leader_a, unneeded_list(sorting_round))
    with pytest.raises(ApplicationError):
        decide(team_leader_a, tag.list_line, decision=action(2))
    with pytest.raises(ApplicationError):
        make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    with pytest.raises(ApplicationError):
        services.redtag_update(actor=team_leader_a, tag=tag, data={"room": "999"})


@pytest.mark.parametrize("who", ["team_member_a", "governor", "team_leader_b"])
def test_only_the_leader_records_agreements(request, team_leader_a, agency_a, who):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    with pytest.raises(PermissionDenied):
        services.list_approve(
            actor=request.getfixturevalue(who),
            sorting_list=unneeded_list(sorting_round),
            role=ApprovalRole.CHIEF_ACCOUNTANT,
            full_name="Х",
            position="Х",
            agreed_on=calendar.today(),
        )


def test_leader_marks_a_rarely_needed_decision_carried_out(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    line = decide(team_leader_a, _rarely_needed_line(team_leader_a, sorting_round))
    services.line_mark_carried_out(actor=team_leader_a, line=line, carried_out_on=calendar.today())
    line.refresh_from_db()
    assert line.carried_out_on == calendar.today()
    assert rarely_needed_list(sorting_round).lines.count() == 1
