"""«Set in order» writes (step 2, §6, L770–950): schemes uploaded in versions and approved by the
head (L893), the placement schedule with one responsible per room agreed by the head and its
paper copy due within 3 working days (L901, L907), the storage and visualisation rules
(Appendix 21); refusals leave nothing saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from core import calendar
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.registry import step_requirement_errors
from standards.placement import registration, selectors, services
from standards.placement.choices import ApprovalStatus, SchemeKind
from standards.placement.models import (
    PlacementRules,
    PlacementSchedule,
    PlacementScheduleRow,
    PlacementScheme,
)
from standards.placement.notices import (
    SCHEDULE_COPY_DUE,
    SCHEME_AWAITING_APPROVAL,
)
from tests.agencies.factories import PersonFactory
from tests.standards.placement.factories import pdf_upload, png_upload

D = datetime.date


def upload(actor, room, kind=SchemeKind.RATIONAL, file=None):
    return services.scheme_upload(actor=actor, room=room, kind=kind, file=file or png_upload())


def test_each_upload_is_a_new_version_kept_and_the_head_is_asked_to_approve(
    team_leader_a, head_a, rooms_a
):
    first = upload(team_leader_a, rooms_a[0])
    second = upload(team_leader_a, rooms_a[0])
    current_map = upload(team_leader_a, rooms_a[0], SchemeKind.CURRENT_MAP)
    assert (first.version, second.version, current_map.version) == (1, 2, 1)
    assert first.status == ApprovalStatus.PENDING and first.content_type == "image/png"
    assert PlacementScheme.objects.filter(room=rooms_a[0]).count() == 3
    assert Notice.objects.filter(kind=SCHEME_AWAITING_APPROVAL, user=head_a).count() == 2


def test_a_pdf_scheme_is_accepted_as_pdf(team_member_a, rooms_a):
    scheme = upload(team_member_a, rooms_a[0], file=pdf_upload())
    assert scheme.content_type == "application/pdf" and scheme.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("scheme.png", b"this is not a picture", "не является"),
        ("scheme.txt", b"", "пуст"),
        ("scheme.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "JPEG, PNG"),
    ],
)
def test_a_bad_file_is_refused_in_russian_and_nothing_is_saved(
    team_leader_a, rooms_a, name, content, words, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ApplicationError) as error:
        upload(team_leader_a, rooms_a[0], file=SimpleUploadedFile(name, content))
    assert words in error.value.details["file"]
    assert "PDF" in error.value.details["file"]
    assert not PlacementScheme.objects.exists()
    # The portal's private storage is tmp_path/private-media in tests (tests/conftest.py).
    upload(team_leader_a, rooms_a[1])  # proves the storage is the one looked at
    stored = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(stored) == 1 and PlacementScheme.objects.count() == 1


def test_a_pdf_over_the_limit_is_refused(team_leader_a, rooms_a, monkeypatch):
    monkeypatch.setattr(services, "SCHEME_PDF_MAX_BYTES", 100)
    with pytest.raises(ApplicationError) as error:
        upload(team_leader_a, rooms_a[0], file=pdf_upload(content=b"%PDF-" + b"0" * 200))
    assert "слишком большой" in error.value.details["file"]
    assert not PlacementScheme.objects.exists()


def test_an_image_over_the_photo_limit_is_refused(team_leader_a, rooms_a, settings):
    settings.PHOTO_MAX_BYTES = 50
    with pytest.raises(ApplicationError) as error:
        upload(team_leader_a, rooms_a[0])
    assert "слишком большой" in error.value.details["file"]
    assert not PlacementScheme.objects.exists()


def test_only_the_agencys_team_uploads(
    employee_a, team_leader_b, governor, head_a, rooms_a, team_a
):
    for user in (employee_a, team_leader_b, governor, head_a):
        with pytest.raises(PermissionDenied):
            upload(user, rooms_a[0])
    assert not PlacementScheme.objects.exists()


def test_the_head_approves_the_newest_scheme_only_once(
    team_leader_a, team_member_a, head_a, rooms_a
):
    old = upload(team_leader_a, rooms_a[0])
    new = upload(team_leader_a, rooms_a[0])
    with pytest.raises(PermissionDenied):
        services.scheme_approve(actor=team_member_a, scheme=new)
    with pytest.raises(ConflictError):
        services.scheme_approve(actor=head_a, scheme=old)
    approved = services.scheme_approve(actor=head_a, scheme=new, today=D(2026, 3, 2))
    assert approved.is_approved and approved.approver == head_a.person
    assert approved.approved_on == D(2026, 3, 2) and not approved.on_behalf
    with pytest.raises(ConflictError):
        services.scheme_approve(actor=head_a, scheme=new)


def test_a_current_state_map_is_not_approved(team_leader_a, head_a, rooms_a):
    current_map = upload(team_leader_a, rooms_a[0], SchemeKind.CURRENT_MAP)
    with pytest.raises(ApplicationError):
        services.scheme_approve(actor=head_a, scheme=current_map)
    current_map.refresh_from_db()
    assert current_map.status == ApprovalStatus.PENDING


def test_an_administrator_approves_on_the_heads_behalf(
    team_leader_a, head_a, administrator, rooms_a
):
    scheme = services.scheme_approve(actor=administrator, scheme=upload(team_leader_a, rooms_a[0]))
    assert scheme.on_behalf and scheme.approver == head_a.person


def test_step_two_requirement_lists_rooms_without_an_approved_scheme_but_not_single_workplaces(
    team_leader_a, head_a, rooms_a, agency_a
):
    assert selectors.rooms_without_approved_scheme(agency_a.pk) == ["101", "102"]
    services.scheme_approve(actor=head_a, scheme=upload(team_leader_a, rooms_a[0]))
    upload(team_leader_a, rooms_a[1])  # pending: not enough
    message = step_requirement_errors(2, agency_a.pk)[registration.REQUIREMENT_KEY]
    assert "102" in message and "101" not in message and "103" not in message
    services.scheme_approve(actor=head_a, scheme=PlacementScheme.objects.get(room=rooms_a[1]))
    assert step_requirement_errors(2, agency_a.pk) == {}
    assert step_requirement_errors(3, agency_a.pk) == {}


# --- the schedule ----------------------------------------------------------------------------


START, END = D(2026, 3, 3), D(2026, 3, 4)


def row(room, person, start=START, end=END):
    return {"room": room, "responsible": person, "date_from": start, "date_to": end}


def test_a_room_has_one_responsible_person_and_bad_rows_are_refused(
    team_leader_a, rooms_a, room_b, team_a, agency_b
):
    person = team_a.leader
    stranger = PersonFactory(agency=agency_b)
    rows = [
        row(rooms_a[0], person),
        row(rooms_a[0], person),
        row(room_b, stranger),
        row(rooms_a[1], person, D(2026, 3, 5), D(2026, 3, 4)),
    ]
    with pytest.raises(ApplicationError) as error:
        services.schedule_create(
            actor=team_leader_a, agency=rooms_a[0].agency, drawn_up_on=None, rows=rows
        )
    details = error.value.details
    assert "один ответственный" in details["1.room"]
    assert "другого" in details["2.room"] and "2.responsible" in details
    assert "раньше начала" in details["3.date_to"]
    assert not PlacementSchedule.objects.exists() and not PlacementScheduleRow.objects.exists()


def test_the_schedule_copy_is_due_three_working_days_after_agreement_across_a_holiday(
    team_leader_a, head_a, rooms_a, team_a, agency_a, monkeypatch
):
    monkeypatch.setattr(calendar, "today", lambda: D(2026, 2, 20))
    schedule = services.schedule_create(
        actor=team_leader_a,
        agency=agency_a,
        drawn_up_on=D(2026, 2, 19),
        rows=[row(rooms_a[0], team_a.leader), row(rooms_a[1], team_a.leader)],
    )
    with pytest.raises(PermissionDenied):
        services.schedule_agree(actor=team_leader_a, schedule=schedule)
    # Friday 20.02.2026; Monday 23.02 is Defender of the Fatherland Day, not a working day.
    schedule = services.schedule_agree(actor=head_a, schedule=schedule)
    assert schedule.agreed_on == D(2026, 2, 20)
    assert schedule.copy_due == D(2026, 2, 26)
    notice = Notice.objects.get(kind=SCHEDULE_COPY_DUE)
    assert notice.user == team_leader_a and notice.due_on == D(2026, 2, 26)
    assert not schedule.copy_overdue(D(2026, 2, 26)) and schedule.copy_overdue(D(2026, 2, 27))
    with pytest.raises(ConflictError):
        services.schedule_update(actor=team_leader_a, schedule=schedule, rows=[])


def test_the_leader_records_the_copy_sent_after_agreement_only(
    team_leader_a, team_member_a, head_a, rooms_a, team_a, agency_a, monkeypatch
):
    monkeypatch.setattr(calendar, "today", lambda: D(2026, 2, 24))
    schedule = services.schedule_create(
        actor=team_leader_a,
        agency=agency_a,
        drawn_up_on=None,
        rows=[row(rooms_a[0], team_a.leader)],
    )
    with pytest.raises(ConflictError):
        services.schedule_copy_sent(actor=team_leader_a, schedule=schedule)
    services.schedule_agree(actor=head_a, schedule=schedule, today=D(2026, 2, 20))
    with pytest.raises(PermissionDenied):
        services.schedule_copy_sent(actor=team_member_a, schedule=schedule)
    with pytest.raises(ApplicationError):
        services.schedule_copy_sent(actor=team_leader_a, schedule=schedule, sent_on=D(2026, 2, 19))
    done = services.schedule_copy_sent(actor=team_leader_a, schedule=schedule)
    assert done.copy_sent_on == D(2026, 2, 24)


def test_reminders_of_the_copy_are_sent_once_from_the_day_before_it_is_due(
    team_leader_a, head_a, rooms_a, team_a, agency_a
):
    schedule = services.schedule_create(
        actor=team_leader_a,
        agency=agency_a,
        drawn_up_on=None,
        rows=[row(rooms_a[0], team_a.leader)],
    )
    services.schedule_agree(actor=head_a, schedule=schedule, today=D(2026, 2, 20))
    Notice.objects.filter(kind=SCHEDULE_COPY_DUE).delete()
    assert services.placement_reminders_send(today=D(2026, 2, 20)) == 0
    assert services.placement_reminders_send(today=D(2026, 2, 25)) == 1
    assert services.placement_reminders_send(today=D(2026, 2, 27)) == 0


# --- the rules ------------------------------------------------------------------------------


def items():
    return [
        {"name": "Ручка шариковая", "quantity": 2, "place": "органайзер"},
        {"name": "Блокнот", "quantity": 1, "place": "верхний ящик"},
    ]


def test_the_rules_need_all_three_elements_and_nothing_is_saved_otherwise(team_leader_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        services.rules_create(
            actor=team_leader_a,
            agency=agency_a,
            storage_rules=" ",
            visual_rules="",
            items=[{"name": "Ручка", "quantity": None, "place": ""}],
        )
    assert {"storage_rules", "visual_rules", "0.quantity", "0.place"} <= set(error.value.details)
    assert not PlacementRules.objects.exists()


def test_rules_editions_are_kept_and_the_head_approves_the_newest(
    team_leader_a, head_a, employee_a, agency_a
):
    first = services.rules_create(
        actor=team_leader_a,
        agency=agency_a,
        storage_rules="В один ряд",
        visual_rules="Контуры",
        items=items(),
    )
    with pytest.raises(PermissionDenied):
        services.rules_create(
            actor=employee_a, agency=agency_a, storage_rules="x", visual_rules="y", items=items()
        )
    second = services.rules_create(
        actor=team_leader_a,
        agency=agency_a,
        storage_rules="В один ряд",
        visual_rules="Цвет",
        items=items(),
    )
    assert (first.version, second.version) == (1, 2)
    assert [i.name for i in second.desk_items.all()] == ["Ручка шариковая", "Блокнот"]
    with pytest.raises(ConflictError):
        services.rules_approve(actor=head_a, document=first)
    with pytest.raises(PermissionDenied):
        services.rules_approve(actor=team_leader_a, document=second)
    assert services.rules_approve(actor=head_a, document=second).is_approved


def test_the_reminder_task_calls_the_service(monkeypatch):
    from standards.placement import tasks

    monkeypatch.setattr(services, "placement_reminders_send", lambda: 7)
    assert tasks.send_placement_reminders() == 7


def test_a_row_refused_by_the_database_leaves_no_file(
    team_leader_a, rooms_a, settings, tmp_path, monkeypatch
):

    def refuse(*args, **kwargs):
        raise RuntimeError("database refused")

    monkeypatch.setattr(PlacementScheme, "save", refuse)
    with pytest.raises(RuntimeError):
        upload(team_leader_a, rooms_a[0])
    assert (tmp_path / "private-media").exists()  # the file was written, then removed
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


@pytest.mark.django_db(transaction=True)
def test_an_upload_whose_transaction_fails_to_commit_leaves_no_file(
    team_leader_a, rooms_a, tmp_path, monkeypatch
):
    """The file is written before the row; when the commit of the row's transaction fails
    (PostgreSQL: a serialisation failure, a lost connection) the version is not made and its
    file must not stay on disk."""
    from django.db import DatabaseError, connection

    def refuse():
        raise DatabaseError("could not serialize access")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "commit", refuse)
        with pytest.raises(DatabaseError):
            upload(team_leader_a, rooms_a[0])
    assert not PlacementScheme.objects.exists()
    assert (tmp_path / "private-media").exists()  # the file was written, then removed
    assert not any(path.is_file() for path in tmp_path.rglob("*"))
    upload(team_leader_a, rooms_a[0])  # the storage looked at is the one written to
    assert len([path for path in tmp_path.rglob("*") if path.is_file()]) == 1
