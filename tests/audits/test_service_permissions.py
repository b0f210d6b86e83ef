"""Every write service of audits refuses a user without the right, with nothing saved, and lets
the one with it through (issue 11 item 9, «tests that bite»). Deleting any permission check of
audits/services/ makes at least one of these fail: tests/audits/permission_mutations.py runs
that loop."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from PIL import Image

from agencies.models import Room
from audits import models, services
from core.models import Notice
from tests.audits.conftest import AUDIT_DATE, fill, sheet_of

TABLES = [
    models.Audit,
    models.ScoreSheet,
    models.Score,
    models.FinalScoreSheet,
    models.Decision,
    models.Vote,
    models.CorrectiveActionPlan,
    models.CorrectiveAction,
    Room,
    models.InternalAudit,
    models.InternalScore,
    models.Photo,
    Notice,
]


def _state():
    """Every audits table's rows, as values: what a refused call must leave unchanged."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in TABLES}


def _refused(call, *users):
    for user in users:
        before = _state()
        with pytest.raises(PermissionDenied):
            call(user)
        assert _state() == before, f"{user} changed something"


def _team(auditor, auditor2, auditor3):
    return [auditor.person, auditor2.person, auditor3.person]


def test_only_the_head_and_administrators_plan_audits(
    checklist,
    today,
    agency_a,
    team_a,
    group_head,
    administrator,
    auditor,
    auditor2,
    auditor3,
    team_leader_a,
    governor,
    no_role,
):
    def plan(user, date=AUDIT_DATE):
        return services.audit_plan(
            actor=user,
            agency=agency_a,
            date=date,
            auditors=_team(auditor, auditor2, auditor3),
            completed_steps=[1, 2],
        )

    _refused(plan, auditor, team_leader_a, governor, no_role)
    assert plan(group_head).planned_by == group_head
    assert plan(administrator, AUDIT_DATE.replace(day=5)).planned_by == administrator


def test_only_the_head_changes_decides_and_signs(
    audit, group_head, auditor, auditor2, auditor3, team_leader_a, governor
):
    team = _team(auditor, auditor2, auditor3)
    new_date = datetime.date(2026, 3, 16)
    _refused(
        lambda user: services.audit_reschedule(
            actor=user, audit=audit, date=new_date, auditors=team
        ),
        auditor,
        team_leader_a,
        governor,
    )
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    _refused(
        lambda user: services.decision_record(
            actor=user, audit=audit, criterion_code="1.1", votes=votes
        ),
        auditor,
        team_leader_a,
    )
    assert (
        services.decision_record(
            actor=group_head, audit=audit, criterion_code="1.1", votes=votes
        ).score
        == 4
    )
    _refused(
        lambda user: services.final_sheet_finalise(actor=user, audit=audit),
        auditor,
        team_leader_a,
        governor,
    )
    assert services.final_sheet_finalise(actor=group_head, audit=audit).is_finalised


def test_a_sheet_is_written_by_its_auditor_only(audit, group_head, auditor, auditor2, governor):
    sheet = sheet_of(audit, auditor)
    # auditor2 may not even see it; the head sees it but does not score for the auditor.
    _refused(
        lambda user: services.sheet_save(actor=user, sheet=sheet, scores={"1.1": 4}),
        auditor2,
        group_head,
        governor,
    )
    _refused(lambda user: services.sheet_submit(actor=user, sheet=sheet), auditor2, group_head)
    services.sheet_save(actor=auditor, sheet=sheet, scores={"1.1": 4})
    assert models.Score.objects.get().score == 4


@pytest.fixture
def signed(audit, group_head, auditor, auditor2, auditor3):
    fill(audit, auditor, {}, notes={"1.1": "Коробки в коридоре"})
    fill(audit, auditor2, {})
    fill(audit, auditor3, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit.refresh_from_db()
    return audit


def test_the_plan_is_drafted_and_kept_by_the_leader_and_approved_by_the_head(
    signed, team_leader_a, team_leader_b, team_member_a, auditor, governor, agency_a
):
    from tests.agencies.factories import PersonFactory, UserFactory

    _refused(
        lambda user: services.plan_create(actor=user, audit=signed),
        team_leader_b,
        team_member_a,
        auditor,
        governor,
    )
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    row = {
        "id": plan.actions.get().pk,
        "cause": "Нет места",
        "action": "Определить место",
        "planned_date": datetime.date(2026, 3, 20),
        "executor": "Иванов И. И.",
    }
    _refused(
        lambda user: services.plan_save(actor=user, plan=plan, rows=[row]),
        team_leader_b,
        team_member_a,
        governor,
    )
    services.plan_save(actor=team_leader_a, plan=plan, rows=[row])
    head = UserFactory(username="head_a")
    agency_a.head = PersonFactory(agency=agency_a, user=head)
    agency_a.save()
    plan = models.CorrectiveActionPlan.objects.select_related("audit__agency").get()
    _refused(
        lambda user: services.plan_approve(actor=user, plan=plan),
        team_leader_a,
        team_leader_b,
        governor,
    )
    services.plan_approve(actor=head, plan=plan)
    _refused(
        lambda user: services.plan_send_copy(actor=user, plan=plan),
        team_leader_b,
        head,
        governor,
    )
    services.plan_send_copy(actor=team_leader_a, plan=plan)
    plan.refresh_from_db()
    assert plan.is_approved and plan.copy_sent_at is not None


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "photo.jpg"
    return buffer


def test_internal_audits_and_photos_are_the_agencys_team_work(
    today, agency_a, team_leader_a, team_member_a, employee_a, team_leader_b, governor, auditor
):
    _refused(
        lambda user: services.internal_audit_room_add(actor=user, agency=agency_a, name="Каб. 1"),
        employee_a,
        team_leader_b,
        governor,
        auditor,
    )
    room = services.internal_audit_room_add(actor=team_member_a, agency=agency_a, name="Каб. 1")
    _refused(
        lambda user: services.internal_audit_save(
            actor=user, agency=agency_a, conducted_on=today, scores={(room.pk, 1): 4}
        ),
        employee_a,
        team_leader_b,
        governor,
    )
    services.internal_audit_save(
        actor=team_leader_a, agency=agency_a, conducted_on=today, scores={(room.pk, 1): 4}
    )
    _refused(
        lambda user: services.photo_upload(
            actor=user,
            agency=agency_a,
            upload=_jpeg(),
            taken_on=today,
            place="Каб. 1",
            subject="Стол",
            photographer="Лидеров Л. Л.",
        ),
        employee_a,
        team_leader_b,
        governor,
    )
    photo = services.photo_upload(
        actor=team_member_a,
        agency=agency_a,
        upload=_jpeg(),
        taken_on=today,
        place="Каб. 1",
        subject="Стол",
        photographer="Лидеров Л. Л.",
    )
    assert photo.uploaded_by == team_member_a
