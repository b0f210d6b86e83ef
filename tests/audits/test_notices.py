"""The audits' notices on core.notifications (issue 11 item 3) and the data migration that moved
audits.Notification's rows onto core.Notice."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audits import services
from core.models import Notice, OutboxMessage
from tests.audits.conftest import fill

BEFORE = ("audits", "0005_one_audit_per_agency_and_date_constraint")


@pytest.mark.django_db(transaction=True)
def test_planning_finalising_and_the_plan_copy_each_notify_once_after_the_commit(
    audit, group_head, team_a, team_leader_a, agency_a, auditor, auditor2, auditor3
):
    # transaction=True: the outbox delivers in-process right after each commit.
    assert Notice.objects.filter(kind="audits.notice").count() == 1  # the leader
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    copy = Notice.objects.get(kind="audits.final_sheet_copy")
    assert copy.sent_at is not None and copy.user == team_leader_a
    assert copy.url == f"/audits/{audit.pk}/final/"
    agency_a.head = team_a.leader
    agency_a.save()
    plan = services.plan_create(actor=team_leader_a, audit=audit)
    plan.actions.all().delete()
    plan = services.plan_approve(actor=team_leader_a, plan=plan)
    services.plan_send_copy(actor=team_leader_a, plan=plan)
    services.plan_send_copy(actor=team_leader_a, plan=plan)
    plan_copy = Notice.objects.get(kind="audits.plan_copy")
    assert plan_copy.user == group_head and plan_copy.sent_at is not None


def test_moving_an_audit_withdraws_the_unsent_notice_and_notifies_the_new_date(
    audit, group_head, auditor, auditor2, auditor3
):
    assert Notice.objects.get(kind="audits.notice").due_on == audit.date
    services.audit_reschedule(
        actor=group_head,
        audit=audit,
        date=datetime.date(2026, 3, 16),
        auditors=[auditor.person, auditor2.person, auditor3.person],
    )
    assert list(Notice.objects.values_list("kind", "due_on")) == [
        ("audits.notice", datetime.date(2026, 3, 16))
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_notifications_onto_notices(
    plan_audit, agency_a, team_a, auditor, auditor2, auditor3, group_head, team_leader_a
):
    team = [auditor, auditor2, auditor3]
    team_leader_a.email = "leader@example.org"
    team_leader_a.save()
    # The audit is planned with today's services and schema; the database then goes back to
    # the state before the move, where the old notifications are written.
    audit = plan_audit(agency_a, team)
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        old = executor.loader.project_state([BEFORE]).apps
        Notification = old.get_model("audits", "Notification")
        Notice.objects.all().delete()
        OutboxMessage.objects.all().delete()
        sent_at = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
        Notification.objects.create(
            kind="audit_notice", audit_id=audit.pk, recipient="Leader@Example.org", sent_at=sent_at
        )
        Notification.objects.create(
            kind="audit_reminder", audit_id=audit.pk, recipient="nobody@example.org"
        )
        mail.outbox.clear()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("audits"))
    sent = Notice.objects.get(kind="audits.notice")
    assert (sent.user_id, sent.recipient_key, sent.sent_at) == (
        team_leader_a.pk,
        f"user:{team_leader_a.pk}",
        sent_at,
    )
    assert (sent.subject, sent.due_on) == (audit, audit.date)
    unsent = Notice.objects.get(kind="audits.reminder")
    assert (unsent.user_id, unsent.recipient_key, unsent.sent_at) == (
        None,
        "email:nobody@example.org",
        None,
    )
    # The unsent one waits in the outbox for the sweep; the sent one is never sent again.
    assert list(OutboxMessage.objects.values_list("key", flat=True)) == [f"notice:{unsent.pk}"]
    # …and a notice the services make now for the same person and date is the migrated one.
    from django.db import transaction

    with transaction.atomic():
        services.audit_notice_schedule(audit=audit)
    assert Notice.objects.filter(kind="audits.notice").count() == 1
