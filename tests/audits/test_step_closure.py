"""Step closure (§4.6, L501; §5.5 L765, §6.5 L945, §7.4 L1065, §8.4 L1341): a step is closed by
the team's diagnosis after it — an internal audit of every room and the photo report — and by
the document the leader signs; closing sets the steps the next external audit scores."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from agencies.choices import CouncilRole
from agencies.models import Room
from agencies.services import room_get_or_create
from audits import services
from audits.closure import selectors as closure_selectors
from audits.closure import services as closure
from audits.closure.models import StepClosure
from audits.models import Criterion
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory
from tests.audits.conftest import TODAY
from tests.standards.placement.factories import approve_schemes

D = datetime.date
PROBLEMS = [closure.ProblemRow("Не решено, куда девать старые стулья", "Склад на 3 этаже")]


def _jpeg(name="room.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def rooms(agency_a):
    return [Room.objects.create(agency=agency_a, name=n) for n in ("Кабинет 101", "Архив")]


@pytest.fixture
def secretary(agency_b):
    user = UserFactory(username="secretary", roles=[Role.EMPLOYEE])
    return PersonFactory(
        agency=agency_b, user=user, council_role=CouncilRole.SECRETARY, full_name="Секретарёва"
    )


def diagnose(actor, agency, steps, *, on, names=("Кабинет 101", "Архив"), photo=True, schemes=True):
    """The team's internal audit of `names` on `steps` and, optionally, a photo with it. With
    step 2, every room also gets an approved rational-placement scheme (§6.3, L947: step 2 is
    not closed without them) unless `schemes` is False."""
    parts = [room_get_or_create(actor=actor, agency=agency, name=name) for name in names]
    if 2 in steps and schemes:
        approve_schemes(agency)
    internal = services.internal_audit_save(
        actor=actor,
        agency=agency,
        conducted_on=on,
        scores={(part.pk, step): 3 for part in parts for step in steps},
    )
    if photo:
        services.photo_upload(
            actor=actor,
            agency=agency,
            upload=_jpeg(),
            taken_on=on,
            place="Кабинет 101",
            subject="Стол",
            photographer="Лидеров",
            internal_audit=internal,
        )
    return internal


def close(actor, agency, step, on, **kwargs):
    kwargs.setdefault("problems", PROBLEMS)
    return closure.step_close(actor=actor, agency=agency, step=step, closed_on=on, **kwargs)


def test_closing_step_one_needs_every_room_in_the_internal_audit_and_names_the_missing_one(
    team_leader_a, agency_a, rooms, today
):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20), names=["Кабинет 101"])
    with pytest.raises(ApplicationError) as error:
        close(team_leader_a, agency_a, 1, D(2026, 2, 25))
    assert "Архив" in error.value.details["rooms"]
    assert not StepClosure.objects.exists()
    agency_a.refresh_from_db()
    assert agency_a.steps_completed == 0


def test_closing_without_a_photo_report_or_an_internal_audit_is_refused_naming_it(
    team_leader_a, agency_a, rooms, today
):
    with pytest.raises(ApplicationError) as error:
        close(team_leader_a, agency_a, 1, D(2026, 2, 25))
    assert "внутренний аудит" in error.value.details["internal_audit"]
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20), photo=False)
    with pytest.raises(ApplicationError) as error:
        close(team_leader_a, agency_a, 1, D(2026, 2, 25))
    assert "фотоотчёт" in error.value.details["photos"].lower()
    assert not StepClosure.objects.exists()


def test_steps_close_in_order_and_a_closed_step_is_a_conflict(
    team_leader_a, agency_a, rooms, today
):
    diagnose(team_leader_a, agency_a, [1, 2], on=D(2026, 2, 20))
    with pytest.raises(ApplicationError) as error:
        close(team_leader_a, agency_a, 2, D(2026, 2, 25))
    assert "по порядку" in error.value.details["step"]
    close(team_leader_a, agency_a, 1, D(2026, 2, 25))
    with pytest.raises(ConflictError):
        close(team_leader_a, agency_a, 1, D(2026, 2, 26))


def test_the_diagnosis_of_a_step_comes_after_the_previous_step_closed(
    team_leader_a, agency_a, rooms, today
):
    diagnose(team_leader_a, agency_a, [1, 2], on=D(2026, 1, 20))
    close(team_leader_a, agency_a, 1, D(2026, 1, 25))
    # The January internal audit also scored step 2, but before step 1 closed: no diagnosis.
    with pytest.raises(ApplicationError) as error:
        close(team_leader_a, agency_a, 2, D(2026, 2, 25))
    assert "internal_audit" in error.value.details
    diagnose(team_leader_a, agency_a, [2], on=D(2026, 2, 20))
    assert close(team_leader_a, agency_a, 2, D(2026, 2, 25)).step == 2


def test_a_member_employee_or_other_leader_may_not_close_and_nothing_is_saved(
    team_member_a, employee_a, team_leader_b, team_leader_a, agency_a, rooms, today
):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20))
    for user in (team_member_a, employee_a, team_leader_b):
        with pytest.raises(PermissionDenied):
            close(user, agency_a, 1, D(2026, 2, 25))
    assert not StepClosure.objects.exists()


def test_closing_step_one_sends_the_signed_list_to_the_councils_secretary_as_a_pdf(
    team_leader_a, agency_a, rooms, secretary, today, django_capture_on_commit_callbacks, login
):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20))
    with django_capture_on_commit_callbacks(execute=True):
        done = close(team_leader_a, agency_a, 1, D(2026, 2, 25))
    assert done.recipient == "council_secretary" and done.recipient_name == "Секретарёва"
    assert done.rooms_diagnosed == 2 and done.photos == 1
    agency_a.refresh_from_db()
    assert agency_a.steps_completed == 1
    notice = Notice.objects.get(kind="audits.step_closure_document")
    assert notice.due_on == D(2026, 2, 25) and notice.subject_id == done.pk
    response = login(team_leader_a).get(reverse("audits:closure-pdf", args=[done.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "проблемных вопросов" in text and "старые стулья" in text and "25.02.2026" in text
    assert "Лидеров Лев Львович" in text
    # The secretary, an employee of another agency, reads what was sent to them.
    assert login(secretary.user).get(done.get_absolute_url()).status_code == 200
    assert (
        login(secretary.user).get(reverse("audits:closure-agency", args=[agency_a.pk])).status_code
        == 403
    )


def test_step_two_goes_to_the_group_head_and_step_four_lists_standards_with_copies(
    team_leader_a, agency_a, rooms, working_group, today, login
):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 1, 10))
    close(team_leader_a, agency_a, 1, D(2026, 1, 12))
    diagnose(team_leader_a, agency_a, [2], on=D(2026, 1, 20))
    second = close(team_leader_a, agency_a, 2, D(2026, 1, 22))
    assert (
        second.recipient == "group_head" and second.recipient_name == working_group.head.full_name
    )
    diagnose(team_leader_a, agency_a, [3], on=D(2026, 2, 2))
    close(team_leader_a, agency_a, 3, D(2026, 2, 3))
    diagnose(team_leader_a, agency_a, [4], on=D(2026, 2, 20))
    with pytest.raises(ApplicationError) as error:
        close(
            team_leader_a,
            agency_a,
            4,
            D(2026, 2, 25),
            standards=[closure.StandardRow("Стандарт рабочего места", "Порядок на столе")],
        )
    assert "электронную копию" in error.value.details["standards"]
    copy = SimpleUploadedFile("standard.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    fourth = close(
        team_leader_a,
        agency_a,
        4,
        D(2026, 2, 25),
        standards=[closure.StandardRow("Стандарт рабочего места", "Порядок на столе", "", copy)],
    )
    assert fourth.recipient == "group_head" and fourth.document_kind == "standards"
    response = login(team_leader_a).get(reverse("audits:closure-pdf", args=[fourth.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Перечень 5S-стандартов" in text and "Стандарт рабочего места" in text
    assert "standard.pdf" in text
    row = fourth.standards.get()
    download = login(team_leader_a).get(reverse("audits:closure-standard-copy", args=[row.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_closing_a_step_changes_what_the_next_external_audit_scores(
    checklist,
    team_leader_a,
    agency_a,
    team_a,
    rooms,
    group_head,
    auditor,
    auditor2,
    auditor3,
    today,
):
    """End to end: the audit planned without `completed_steps` scores the closed steps only."""
    people = [auditor.person, auditor2.person, auditor3.person]
    criteria = list(Criterion.objects.filter(version=checklist))
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20))
    close(team_leader_a, agency_a, 1, D(2026, 2, 25))
    first = services.audit_plan(
        actor=group_head, agency=agency_a, date=D(2026, 3, 4), auditors=people
    )
    assert first.completed_steps == [1]
    assert {c.split(".")[0] for c in services.applicable_codes(first, criteria)} == {"1"}
    diagnose(team_leader_a, agency_a, [2], on=D(2026, 2, 27))
    close(team_leader_a, agency_a, 2, D(2026, 3, 2))
    second = services.audit_plan(
        actor=group_head, agency=agency_a, date=D(2026, 3, 5), auditors=people
    )
    assert second.completed_steps == [1, 2]
    codes = services.applicable_codes(second, criteria)
    assert {c.split(".")[0] for c in codes} == {"1", "2"} and "2.1" in codes
    # The group head may still name the steps (../shared/API.md): completed_steps is accepted.
    third = services.audit_plan(
        actor=group_head, agency=agency_a, date=D(2026, 3, 6), auditors=people, completed_steps=[1]
    )
    assert third.completed_steps == [1]


def test_the_diagnosis_selector_reads_rooms_and_photos(team_leader_a, agency_a, rooms, today):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20), names=["  кабинет   101 "])
    found = closure_selectors.diagnosis_of(agency_a, 1)
    office = Room.objects.get(agency=agency_a, name="Кабинет 101")  # typed loosely, found
    assert found.scored_rooms == {office.pk} and found.missing_rooms == ["Архив"]
    assert found.photos == 1


def test_step_two_is_not_closed_while_a_room_has_no_approved_scheme_and_the_refusal_lists_them(
    team_leader_a, agency_a, rooms, today
):
    """§6.5, L947 and §6.4, L909: the rooms without an approved rational-placement scheme are
    named; a single-workplace room needs none; once every room has one, step 2 closes."""
    from standards.placement.choices import ApprovalStatus
    from standards.placement.models import PlacementScheme

    diagnose(team_leader_a, agency_a, [1], on=D(2026, 1, 20))
    close(team_leader_a, agency_a, 1, D(2026, 1, 25))
    Room.objects.create(agency=agency_a, name="Кабинет 105", single_workplace=True)
    diagnose(
        team_leader_a,
        agency_a,
        [2],
        on=D(2026, 2, 20),
        names=["Кабинет 101", "Архив", "Кабинет 105"],
        schemes=False,
    )
    with pytest.raises(ApplicationError) as error:
        close(team_leader_a, agency_a, 2, D(2026, 2, 25))
    refusal = error.value.details["placement_schemes"]
    assert "Архив" in refusal and "Кабинет 101" in refusal and "Кабинет 105" not in refusal
    assert "Архив" in str(error.value.message)
    assert not StepClosure.objects.filter(step=2).exists()
    approve_schemes(agency_a)
    PlacementScheme.objects.filter(room__name="Кабинет 105").delete()
    assert PlacementScheme.objects.filter(status=ApprovalStatus.APPROVED).count() == 2
    assert close(team_leader_a, agency_a, 2, D(2026, 2, 25)).step == 2


def test_a_future_closing_date_is_refused(team_leader_a, agency_a, rooms, today):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20))
    with pytest.raises(ApplicationError) as error:
        close(team_leader_a, agency_a, 1, TODAY + datetime.timedelta(days=1))
    assert "closed_on" in error.value.details
