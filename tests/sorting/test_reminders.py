"""The «next sorting due» reminder (§5.4, seed 003 L755) goes through core.notifications: one
notice per agency, leader and due date, e-mailed after the commit through the outbox, listed in
the portal, with an absolute link from PORTAL_BASE_URL (issue 11 item 3)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from agencies.choices import DeploymentState
from agencies.models import Agency
from core import calendar
from core.models import Notice, OutboxMessage
from core.periods import add_months
from sorting import notices, services
from sorting.choices import SORTING_REMINDER_WORKING_DAYS
from tests.sorting.factories import make_round


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.PORTAL_BASE_URL = "https://5s.region.example"


def _deploying(agency):
    agency.deployment_state = DeploymentState.DEPLOYING
    agency.save()
    return agency


@pytest.fixture
def overdue_a(team_leader_a, agency_a):
    """Agency A deploying, its last sorting two months ago: the next one is overdue."""
    _deploying(agency_a)
    team_leader_a.email = "leader_a@example.org"
    team_leader_a.save()
    return make_round(team_leader_a, agency_a, date_from=add_months(calendar.today(), -2))


def _send(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.sorting_reminders_send(**kwargs)


def test_the_leader_is_mailed_once_per_due_date_with_an_absolute_link(
    overdue_a, agency_a, django_capture_on_commit_callbacks
):
    due = add_months(overdue_a.date_from, 1)
    assert _send(django_capture_on_commit_callbacks) == 1
    assert _send(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leader_a@example.org"]
    assert message.subject == (
        f"Сортировка в {agency_a.short_name}: просрочена, срок {due:%d.%m.%Y}"
    )
    assert f"https://5s.region.example/sorting/?agency={agency_a.pk}" in message.body
    notice = Notice.objects.get()
    assert (notice.kind, notice.subject, notice.due_on) == (notices.NEXT_SORTING_DUE, agency_a, due)
    assert notice.user == overdue_a.created_by and notice.sent_at is not None
    assert notice.url == f"/sorting/?agency={agency_a.pk}"


def test_running_the_beat_task_twice_sends_one_reminder(
    overdue_a, django_capture_on_commit_callbacks
):
    # Imported here: pytest inspecting a task proxy at collection would finalize Celery early.
    from sorting.tasks import send_sorting_reminders

    with django_capture_on_commit_callbacks(execute=True):
        assert send_sorting_reminders.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_sorting_reminders.delay().get() == 0
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.filter(handler="core.send_notice").count() == 1


def test_a_new_due_date_is_a_new_reminder(
    overdue_a, team_leader_a, agency_a, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks)
    # A later sorting a month ago: its next one is due about now, a new due date.
    later = make_round(team_leader_a, agency_a, date_from=add_months(calendar.today(), -1))
    assert _send(django_capture_on_commit_callbacks) == 1
    assert sorted(Notice.objects.values_list("due_on", flat=True)) == [
        add_months(overdue_a.date_from, 1),
        add_months(later.date_from, 1),
    ]


def test_the_reminder_comes_a_few_working_days_before_the_date_not_earlier(
    team_leader_a, agency_a, django_capture_on_commit_callbacks
):
    _deploying(agency_a)
    today = calendar.today()
    horizon = calendar.add_working_days(today, SORTING_REMINDER_WORKING_DAYS)
    # The next sorting falls exactly on the last day of the horizon: reminded, «предстоит».
    sorting_round = make_round(team_leader_a, agency_a, date_from=today)
    services.round_update(
        actor=team_leader_a, sorting_round=sorting_round, data={"next_sorting_on": horizon}
    )
    assert _send(django_capture_on_commit_callbacks) == 1
    assert "предстоит" in Notice.objects.get().title
    # One day later is beyond the horizon: nothing.
    Notice.objects.all().delete()
    services.round_update(
        actor=team_leader_a,
        sorting_round=sorting_round,
        data={"next_sorting_on": horizon + datetime.timedelta(days=1)},
    )
    assert _send(django_capture_on_commit_callbacks) == 0


def test_no_reminder_when_the_sorting_is_far_off(
    team_leader_a, agency_a, django_capture_on_commit_callbacks
):
    team_leader_a.email = "leader_a@example.org"
    team_leader_a.save()
    make_round(team_leader_a, agency_a)
    assert _send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_leader_without_an_address_sees_the_reminder_in_the_portal(
    overdue_a, team_leader_a, login, django_capture_on_commit_callbacks
):
    team_leader_a.email = ""
    team_leader_a.save()
    assert _send(django_capture_on_commit_callbacks) == 1
    assert mail.outbox == []
    notice = Notice.objects.get()
    assert notice.sent_at is not None and notice.user == team_leader_a
    page = login(team_leader_a).get("/notices/")
    assert page.status_code == 200
    assert notice.title in page.content.decode()


def test_another_agencys_leader_is_not_told(
    overdue_a, team_leader_b, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks)
    assert not Notice.objects.filter(user=team_leader_b).exists()


def test_sorting_sends_no_mail_by_hand():
    """Every e-mail of sorting leaves through core.notifications (issue 11 item 3)."""
    root = Path(django_settings.BASE_DIR) / "sorting"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and "send_mail" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.django_db(transaction=True)
def test_reminders_run_outside_a_test_transaction(overdue_a, agency_a):
    """The write path on the real commit (PostgreSQL in CI): the outbox delivers after it."""
    assert services.sorting_reminders_send() == 1
    assert len(mail.outbox) == 1
    assert Notice.objects.get().sent_at is not None
    assert services.sorting_reminders_send() == 0
    assert len(mail.outbox) == 1


# --- The data migration of sorting.SortingReminder --------------------------------------------

BEFORE = [("sorting", "0002_bounds")]
MOVED = [("sorting", "0003_sortingreminder_to_notices")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "sorting"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_sent_reminders_without_sending_them_again(
    overdue_a, team_leader_a, agency_a
):
    team_leader_a.email = "Leader_A@example.org"
    team_leader_a.save()
    latest = _latest()
    due = add_months(overdue_a.date_from, 1)  # what the service would remind of today
    old_apps = _migrate(BEFORE)
    try:
        reminder_model = old_apps.get_model("sorting", "SortingReminder")
        sent_at = timezone.now() - datetime.timedelta(days=3)
        reminder = reminder_model.objects.create(
            agency_id=agency_a.pk,
            due_on=due,
            recipients="leader_a@example.org, chief@example.org",
        )
        reminder_model.objects.filter(pk=reminder.pk).update(sent_at=sent_at)
        _migrate(MOVED)
        moved = {n.recipient_key: n for n in Notice.objects.filter(kind=notices.NEXT_SORTING_DUE)}
        assert set(moved) == {f"user:{team_leader_a.pk}", "email:chief@example.org"}
        agency_type = ContentType.objects.get_for_model(Agency)
        for notice in moved.values():
            assert (notice.subject_type, notice.subject_id) == (agency_type, agency_a.pk)
            assert notice.due_on == due and notice.sent_at == sent_at
            assert notice.title == (
                f"Сортировка в {agency_a.short_name}: просрочена, срок {due:%d.%m.%Y}"
            )
            assert notice.url == "/sorting/"
        assert moved[f"user:{team_leader_a.pk}"].user_id == team_leader_a.pk
        assert not OutboxMessage.objects.exists()  # already sent: nothing goes out again

        # Back: the notices become the reminder again.
        old_apps = _migrate(BEFORE)
        assert not Notice.objects.exists()
        back = old_apps.get_model("sorting", "SortingReminder").objects.get()
        assert (back.agency_id, back.due_on, back.sent_at) == (agency_a.pk, due, sent_at)
        assert sorted(back.recipients.split(", ")) == ["chief@example.org", "leader_a@example.org"]
    finally:
        _migrate(latest)
    # Forward again, then the daily job: the leader was told of this due date already.
    assert Notice.objects.filter(user=team_leader_a, due_on=due).exists()
    assert services.sorting_reminders_send() == 0
    assert mail.outbox == []
