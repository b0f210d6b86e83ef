"""Writes of the information board (§4.9, L561–597): set-up with two responsible members (L583),
updates with a photo (L583, L589), remarks and proposals (L595), reminders (L583, L589)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.board import notices, services
from agencies.board.choices import DUE_KIND, OVERDUE_KIND, RemarkKind
from agencies.board.models import BoardRemark, BoardUpdate, InformationBoard
from agencies.proposals.models import Proposal
from core.exceptions import ApplicationError
from core.models import Notice
from tests.agencies.board.conftest import TODAY, jpeg, record_update
from tests.agencies.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_team_sets_up_the_board_with_two_different_members(board, member_person):
    assert board.collector == member_person
    assert board.set_up_on == TODAY
    assert board.get_absolute_url().endswith(f"/agencies/{board.agency_id}/board/")


def test_one_person_cannot_be_both_responsible_members(on, team_leader_a, agency_a, member_person):
    with pytest.raises(ApplicationError) as error:
        services.board_save(
            actor=team_leader_a, agency=agency_a, collector=member_person, designer=member_person
        )
    assert "designer" in error.value.details
    assert not InformationBoard.objects.exists()


def test_responsible_members_must_be_on_the_agencys_team(
    on, team_leader_a, agency_a, member_person
):
    outsider = PersonFactory(agency=agency_a)
    with pytest.raises(ApplicationError) as error:
        services.board_save(actor=team_leader_a, agency=agency_a, collector=outsider, designer=None)
    assert set(error.value.details) == {"collector", "designer"}
    assert not InformationBoard.objects.exists()


@pytest.mark.parametrize("who", ["employee_a", "governor", "team_leader_b", "group_head"])
def test_only_the_team_sets_up_the_board(request, on, who, agency_a, member_person, team_a):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.board_save(
            actor=user, agency=agency_a, collector=member_person, designer=team_a.leader
        )
    assert not InformationBoard.objects.exists()


def test_a_second_save_changes_the_board_and_keeps_its_set_up_day(
    board, on, team_member_a, agency_a, member_person, leader_person
):
    on(TODAY + datetime.timedelta(days=3))
    services.board_save(
        actor=team_member_a,
        agency=agency_a,
        goal="Новая миссия",
        collector=leader_person,
        designer=member_person,
    )
    board.refresh_from_db()
    assert board.goal == "Новая миссия" and board.collector == leader_person
    assert board.set_up_on == TODAY and board.changed_by == team_member_a


def test_a_member_records_an_update_with_a_photo(board, team_member_a, agency_a, member_person):
    update = record_update(team_member_a, agency_a, TODAY)
    assert update.person == member_person  # the actor's own person by default
    assert update.image.name.startswith(f"board/{agency_a.pk}/")
    assert update.thumbnail.name.endswith("-thumb.jpg")
    assert update.content_type == "image/jpeg" and update.width == 640


def test_an_update_needs_a_photo_and_a_real_image(board, team_member_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        services.board_update_record(actor=team_member_a, agency=agency_a, date=TODAY, photo=None)
    assert "photo" in error.value.details
    not_an_image = SimpleUploadedFile("x.jpg", b"%PDF-1.4 nope", content_type="image/jpeg")
    with pytest.raises(ApplicationError) as error:
        services.board_update_record(
            actor=team_member_a, agency=agency_a, date=TODAY, photo=not_an_image
        )
    assert "photo" in error.value.details
    assert not BoardUpdate.objects.exists()


def test_an_update_cannot_be_dated_tomorrow(board, team_member_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        services.board_update_record(
            actor=team_member_a,
            agency=agency_a,
            date=TODAY + datetime.timedelta(days=1),
            photo=jpeg(),
        )
    assert "date" in error.value.details
    assert not BoardUpdate.objects.exists()


def test_the_person_who_updated_must_be_on_the_team(board, team_member_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        record_update(team_member_a, agency_a, TODAY, person=PersonFactory(agency=agency_a))
    assert "person" in error.value.details
    assert not BoardUpdate.objects.exists()


@pytest.mark.parametrize("who", ["employee_a", "governor", "team_leader_b", "auditor"])
def test_only_the_team_records_updates(request, board, who, agency_a, member_person):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        record_update(user, agency_a, TODAY, person=member_person)
    assert not BoardUpdate.objects.exists()


def test_an_employee_leaves_a_remark(board, employee_a, agency_a):
    remark = services.board_remark_add(
        actor=employee_a, agency=agency_a, text="  Шрифт мелкий  ", kind=RemarkKind.REMARK
    )
    assert remark.text == "Шрифт мелкий" and remark.author == employee_a.person
    assert remark.proposal is None and not Proposal.objects.exists()


def test_a_proposal_about_the_board_becomes_an_improvement_proposal(board, employee_a, agency_a):
    remark = services.board_remark_add(
        actor=employee_a, agency=agency_a, text="Добавить график", kind=RemarkKind.PROPOSAL
    )
    proposal = Proposal.objects.get()
    assert remark.proposal == proposal
    assert proposal.what == "Добавить график" and proposal.author == employee_a.person


def test_an_empty_remark_is_refused(board, employee_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        services.board_remark_add(actor=employee_a, agency=agency_a, text=" ", kind="remark")
    assert "text" in error.value.details
    assert not BoardRemark.objects.exists()


@pytest.mark.parametrize("who", ["team_leader_b", "governor", "auditor"])
def test_people_of_other_agencies_and_the_region_cannot_leave_remarks(
    request, board, who, agency_a
):
    with pytest.raises(PermissionDenied):
        services.board_remark_add(
            actor=request.getfixturevalue(who), agency=agency_a, text="x", kind="remark"
        )
    assert not BoardRemark.objects.exists()


def test_reminders_due_after_two_weeks_and_overdue_after_a_month_once_each(
    board, on, team_member_a, agency_a, member_person
):
    record_update(team_member_a, agency_a, TODAY)
    on(TODAY + datetime.timedelta(days=13))
    assert services.board_reminders_send() == 0
    on(TODAY + datetime.timedelta(days=14))
    assert services.board_reminders_send() == 1
    assert services.board_reminders_send() == 1  # the same notice, not a second one
    due = Notice.objects.get(kind=DUE_KIND)
    assert due.user == member_person.user and due.due_on == TODAY + datetime.timedelta(days=14)
    on(datetime.date(2026, 12, 16))  # exactly one month: still due, not overdue
    services.board_reminders_send()
    assert not Notice.objects.filter(kind=OVERDUE_KIND).exists()
    on(datetime.date(2026, 12, 17))
    services.board_reminders_send()
    services.board_reminders_send()
    overdue = Notice.objects.get(kind=OVERDUE_KIND)
    assert overdue.due_on == datetime.date(2026, 12, 16)
    text = notices.render_overdue(overdue)
    assert "более месяца" in text.subject and "16.12.2026" in text.body
    assert text.url.endswith(f"/agencies/{agency_a.pk}/board/")


@pytest.mark.django_db(transaction=True)
def test_recording_an_update_commits_on_postgresql(board, team_member_a, agency_a):
    record_update(team_member_a, agency_a, TODAY)
    assert BoardUpdate.objects.count() == 1


def test_the_beat_task_sends_the_due_reminder_and_its_text_names_the_fortnight(
    board, on, agency_a, member_person
):
    from agencies.board import tasks

    on(TODAY + datetime.timedelta(days=14))
    assert tasks.send_board_reminders() == 1
    notice = Notice.objects.get(kind=DUE_KIND)
    text = notices.render_due(notice)
    assert "30.11.2026" in text.subject and "2 недели" in text.body
