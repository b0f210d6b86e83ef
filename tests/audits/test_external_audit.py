"""Planning external audits (Regulation §5.1–5.5) and the notifications it sends."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction

from agencies.choices import DeploymentState
from audits import selectors, services
from audits.choices import AuditStatus
from audits.models import Audit
from core.exceptions import ApplicationError
from core.models import Notice
from tests.agencies.factories import PersonFactory
from tests.audits.conftest import AUDIT_DATE, TODAY


def test_the_group_head_plans_an_audit_with_three_auditors_and_the_completed_steps(audit):
    assert audit.sheets.count() == 3
    assert audit.completed_steps == [1, 2]
    assert audit.checklist.version == "2011-12-07"
    # 5 working days after Wednesday 4 March: 5, 6, (9 March is the day off for 8 March), 10,
    # 11, 12 — the working-day calendar, not plain dates.
    assert audit.final_sheet.copy_due == datetime.date(2026, 3, 12)


def test_the_agency_head_and_team_leader_are_notified_once(
    plan_audit, agency_a, team_a, auditor, auditor2, auditor3, django_capture_on_commit_callbacks
):
    agency_a.head = team_a.leader  # the leader's account has an e-mail in this test
    agency_a.save()
    team_a.leader.user.email = "leader@example.org"
    team_a.leader.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        audit = plan_audit(agency_a, [auditor, auditor2, auditor3])
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]
    assert "04.03.2026" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.audit_notice_schedule(audit=audit)  # a retried request sends nothing twice
    assert len(mail.outbox) == 1
    notice = Notice.objects.get()
    assert (notice.kind, notice.subject, notice.due_on) == ("audits.notice", audit, audit.date)
    assert notice.sent_at is not None and notice.user == team_a.leader.user


def test_notice_must_be_possible_at_least_one_working_day_before(
    plan_audit, agency_a, auditor, auditor2, auditor3
):
    # TODAY is Monday 2 March: an audit on Tuesday 3 March leaves exactly 1 working day
    plan_audit(agency_a, [auditor, auditor2, auditor3], date=datetime.date(2026, 3, 3))
    with pytest.raises(ApplicationError) as error:
        plan_audit(agency_a, [auditor, auditor2, auditor3], date=TODAY)
    assert "не менее чем за 1 рабочий день" in error.value.details["date"]
    assert "03.03.2026" in error.value.details["date"]


def test_fewer_than_three_auditors_are_refused_and_nothing_is_saved(
    plan_audit, agency_a, auditor, auditor2
):
    with pytest.raises(ApplicationError) as error:
        plan_audit(agency_a, [auditor, auditor2])
    assert "не менее чем из 3" in error.value.details["auditors"]
    assert not Audit.objects.exists()


def test_auditors_must_be_members_of_the_working_group(
    plan_audit, agency_a, auditor, auditor2, team_leader_a
):
    with pytest.raises(ApplicationError) as error:
        plan_audit(agency_a, [auditor, auditor2, team_leader_a])
    assert team_leader_a.person.full_name in error.value.details["auditors"]


def test_steps_must_be_numbers_one_to_five(plan_audit, agency_a, auditor, auditor2, auditor3):
    with pytest.raises(ApplicationError) as error:
        plan_audit(agency_a, [auditor, auditor2, auditor3], steps=[0, 6])
    assert "completed_steps" in error.value.details


def test_only_the_group_head_plans(checklist, agency_a, auditor, auditor2, auditor3, today):
    with pytest.raises(PermissionDenied):
        services.audit_plan(
            actor=auditor,
            agency=agency_a,
            date=AUDIT_DATE,
            auditors=[auditor.person, auditor2.person, auditor3.person],
        )


def test_completed_steps_default_to_the_agencys_progress(
    checklist, group_head, agency_a, auditor, auditor2, auditor3, today
):
    agency_a.steps_completed = 3
    agency_a.save()
    audit = services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=AUDIT_DATE,
        auditors=[auditor.person, auditor2.person, auditor3.person],
    )
    assert audit.completed_steps == [1, 2, 3]


def test_deploying_agencies_are_overdue_after_a_month_functioning_after_a_quarter(
    plan_audit, agency_a, agency_b, auditor, auditor2, auditor3
):
    agency_a.deployment_state = DeploymentState.DEPLOYING
    agency_a.save()
    agency_b.deployment_state = DeploymentState.FUNCTIONING
    agency_b.save()
    team = [auditor, auditor2, auditor3]
    old = datetime.date(2026, 1, 5)
    for agency in (agency_a, agency_b):
        audit = plan_audit(agency, team)
        # Held and signed (only a signed audit counts, issue 12 item 5).
        Audit.objects.filter(pk=audit.pk).update(date=old, status=AuditStatus.FINALISED)
    overdue = {item["agency"].pk: item for item in selectors.overdue_agencies(today=TODAY)}
    assert agency_a.pk in overdue and overdue[agency_a.pk]["due"] == datetime.date(2026, 2, 5)
    assert agency_b.pk not in overdue  # quarterly: due 5 April
    assert agency_b.pk in {
        i["agency"].pk for i in selectors.overdue_agencies(today=datetime.date(2026, 4, 6))
    }


def test_an_agency_never_audited_is_overdue(db, agency_a):
    agency_a.deployment_state = DeploymentState.DEPLOYING
    agency_a.save()
    assert [i["agency"] for i in selectors.overdue_agencies(today=TODAY)] == [agency_a]


def test_a_planned_audit_clears_the_overdue_flag(plan_audit, agency_a, auditor, auditor2, auditor3):
    agency_a.deployment_state = DeploymentState.DEPLOYING
    agency_a.save()
    plan_audit(agency_a, [auditor, auditor2, auditor3])
    assert selectors.overdue_agencies(today=TODAY) == []


def test_a_person_outside_the_working_group_cannot_be_an_auditor(
    checklist, group_head, agency_a, auditor, auditor2, today
):
    stranger = PersonFactory(agency=agency_a)
    with pytest.raises(ApplicationError) as error:
        services.audit_plan(
            actor=group_head,
            agency=agency_a,
            date=AUDIT_DATE,
            auditors=[auditor.person, auditor2.person, stranger],
        )
    assert stranger.full_name in error.value.details["auditors"]
    assert not Audit.objects.exists()


def test_the_agency_is_reminded_on_the_working_day_before_the_audit_once(
    plan_audit, agency_a, team_a, auditor, auditor2, auditor3, django_capture_on_commit_callbacks
):
    team_a.leader.user.email = "leader@example.org"
    team_a.leader.user.save()
    # planned on Monday 2 March for Friday 13 March (9 March is a day off)
    plan_audit(agency_a, [auditor, auditor2, auditor3], date=datetime.date(2026, 3, 13))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.audit_reminders_send(today=datetime.date(2026, 3, 11)) == 0
        assert services.audit_reminders_send(today=datetime.date(2026, 3, 12)) == 1
        assert services.audit_reminders_send(today=datetime.date(2026, 3, 12)) == 0
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]
    assert "13.03.2026" in mail.outbox[0].subject


def test_the_reminder_runs_every_day_from_the_beat_schedule():
    from fives_portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "audits.send_audit_reminders" in tasks


def test_the_head_moves_an_audit_and_the_agency_is_notified_again(
    plan_audit,
    agency_a,
    team_a,
    auditor,
    auditor2,
    auditor3,
    group_head,
    django_capture_on_commit_callbacks,
):
    team_a.leader.user.email = "leader@example.org"
    team_a.leader.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        audit = plan_audit(agency_a, [auditor, auditor2, auditor3])
    with django_capture_on_commit_callbacks(execute=True):
        services.audit_reschedule(
            actor=group_head,
            audit=audit,
            date=datetime.date(2026, 3, 16),
            auditors=[auditor.person, auditor2.person, auditor3.person],
        )
    audit.refresh_from_db()
    assert audit.date == datetime.date(2026, 3, 16)
    assert audit.final_sheet.copy_due == datetime.date(2026, 3, 23)
    assert [m.subject[-10:] for m in mail.outbox] == ["04.03.2026", "16.03.2026"]


def test_an_auditor_who_scored_stays_on_the_team_and_a_handed_in_sheet_freezes_the_plan(
    plan_audit, agency_a, auditor, auditor2, auditor3, group_head, working_group
):
    from agencies.models import WorkingGroupMembership
    from tests.audits.conftest import fill, sheet_of

    newcomer = PersonFactory(agency=auditor.person.agency)
    WorkingGroupMembership.objects.create(group=working_group, person=newcomer)
    audit = plan_audit(agency_a, [auditor, auditor2, auditor3])
    services.sheet_save(actor=auditor, sheet=sheet_of(audit, auditor), scores={"1.1": 4})
    with pytest.raises(ApplicationError) as error:
        services.audit_reschedule(
            actor=group_head,
            audit=audit,
            date=AUDIT_DATE,
            auditors=[newcomer, auditor2.person, auditor3.person],
        )
    assert auditor.person.full_name in error.value.details["auditors"]
    services.audit_reschedule(
        actor=group_head,
        audit=audit,
        date=AUDIT_DATE,
        auditors=[auditor.person, newcomer, auditor3.person],
    )
    assert set(audit.sheets.values_list("auditor_id", flat=True)) == {
        auditor.person.pk,
        newcomer.pk,
        auditor3.person.pk,
    }
    fill(audit, auditor, {})
    with pytest.raises(ApplicationError, match="уже сдаются"):
        services.audit_reschedule(
            actor=group_head,
            audit=audit,
            date=datetime.date(2026, 3, 16),
            auditors=[auditor.person, newcomer, auditor3.person],
        )


def test_only_the_head_reschedules(audit, auditor, login, api_client):
    with pytest.raises(PermissionDenied):
        services.audit_reschedule(
            actor=auditor, audit=audit, date=AUDIT_DATE, auditors=[auditor.person]
        )
    assert login(auditor).get(f"/audits/{audit.pk}/edit/").status_code == 403
    response = api_client(auditor).post(
        f"/api/v1/audits/{audit.pk}/reschedule/",
        {"date": "2026-03-16", "auditors": []},
        format="json",
    )
    assert response.status_code == 403


def test_the_reschedule_page_and_api(
    audit, group_head, auditor, auditor2, auditor3, login, api_client
):
    client = login(group_head)
    assert client.get(f"/audits/{audit.pk}/edit/").status_code == 200
    response = client.post(
        f"/audits/{audit.pk}/edit/",
        {
            "date": "2026-03-05",
            "completed_steps": ["1", "2", "3"],
            "auditors": [auditor.person.pk, auditor2.person.pk, auditor3.person.pk],
        },
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.completed_steps == [1, 2, 3]
    response = api_client(group_head).post(
        f"/api/v1/audits/{audit.pk}/reschedule/",
        {
            "date": "2026-03-06",
            "time": "10:00",
            "auditors": [auditor.person.pk, auditor2.person.pk, auditor3.person.pk],
        },
        format="json",
    )
    assert response.status_code == 200 and response.json()["date"] == "2026-03-06"
    assert response.json()["completed_steps"] == [1, 2, 3]


def test_an_audit_planned_after_the_missed_month_does_not_hide_the_delay(
    plan_audit, agency_a, auditor, auditor2, auditor3
):
    agency_a.deployment_state = DeploymentState.DEPLOYING
    agency_a.save()
    held = plan_audit(agency_a, [auditor, auditor2, auditor3])
    Audit.objects.filter(pk=held.pk).update(
        date=datetime.date(2026, 1, 12), status=AuditStatus.FINALISED
    )
    plan_audit(agency_a, [auditor, auditor2, auditor3], date=datetime.date(2026, 3, 20))
    (item,) = selectors.overdue_agencies(today=TODAY)
    assert item["last_audit"] == datetime.date(2026, 1, 12)
    assert item["due"] == datetime.date(2026, 2, 12)
    assert item["next_audit"] == datetime.date(2026, 3, 20)
