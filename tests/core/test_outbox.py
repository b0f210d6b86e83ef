"""The transactional outbox (core.outbox): written with the record, delivered after the commit,
never lost, never run twice. These tests commit for real (transaction=True): on_commit, locks
and the claim only show outside a test transaction."""

import datetime
import time

import pytest
from django.db import transaction
from django.utils import timezone

from core import outbox
from core.exceptions import ApplicationError
from core.models import OutboxMessage, OutboxStatus
from tests.concurrency import in_parallel

pytestmark = pytest.mark.django_db(transaction=True)

calls: list[dict] = []


class Unrecoverable(Exception):
    pass


def _record(**payload):
    calls.append(payload)


def _refuse(**payload):
    raise ApplicationError("Отчёт не может быть сформирован: аудит удалён.")


def _declared(**payload):
    raise Unrecoverable("the document's template is gone")


def _flaky(**payload):
    calls.append(payload)
    raise ConnectionError("SMTP went away")


def _slow(**payload):
    calls.append(payload)
    time.sleep(1.0)


@pytest.fixture(autouse=True)
def handlers(settings):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    calls.clear()
    outbox.register("tests.record", _record)
    outbox.register("tests.refuse", _refuse)
    outbox.register("tests.declared", _declared, expected=(Unrecoverable,))
    outbox.register("tests.flaky", _flaky, max_attempts=2)
    outbox.register("tests.slow", _slow)
    yield
    for name in ("tests.record", "tests.refuse", "tests.declared", "tests.flaky", "tests.slow"):
        outbox._handlers.pop(name, None)


def test_scheduling_outside_a_transaction_is_a_programming_error():
    with pytest.raises(outbox.OutboxError, match=r"inside transaction\.atomic"):
        outbox.schedule("tests.record", key="1")
    assert not OutboxMessage.objects.exists()


def test_an_unknown_handler_is_refused_at_once():
    with pytest.raises(outbox.OutboxError, match="Unknown outbox handler"), transaction.atomic():
        outbox.schedule("tests.nobody", key="1")


def test_without_a_broker_the_message_is_delivered_in_process_right_after_the_commit():
    with transaction.atomic():
        message = outbox.schedule("tests.record", key="audit:7", payload={"audit_id": 7})
        assert calls == []  # nothing runs before the commit
    assert calls == [{"audit_id": 7}]
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE
    assert message.attempts == 1
    assert outbox.status_of("tests.record", "audit:7") == "done"


def test_a_rolled_back_transaction_leaves_no_message_and_runs_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.schedule("tests.record", key="audit:7", payload={"audit_id": 7})
        raise RuntimeError("the service refused")
    assert not OutboxMessage.objects.exists()
    assert calls == []


def test_scheduling_the_same_key_again_returns_the_message_and_runs_nothing_more():
    with transaction.atomic():
        first = outbox.schedule("tests.record", key="k", payload={"n": 1})
    with transaction.atomic():
        second = outbox.schedule("tests.record", key="k", payload={"n": 2})
    assert second.pk == first.pk
    assert second.payload == {"n": 1}
    assert calls == [{"n": 1}]
    assert OutboxMessage.objects.count() == 1


def test_again_resets_a_done_message_to_pending_and_runs_it_with_the_new_payload():
    with transaction.atomic():
        outbox.schedule("tests.record", key="k", payload={"n": 1})
    with transaction.atomic():
        message = outbox.schedule("tests.record", key="k", payload={"n": 2}, again=True)
        assert message.status == OutboxStatus.PENDING
    assert calls == [{"n": 1}, {"n": 2}]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DONE, 1)


def test_again_leaves_a_pending_message_alone():
    with transaction.atomic():
        first = OutboxMessage.objects.create(handler="tests.record", key="k", payload={"n": 1})
    with transaction.atomic():
        second = outbox.schedule("tests.record", key="k", payload={"n": 2}, again=True)
    assert second.pk == first.pk and second.payload == {"n": 1}
    assert second.status == OutboxStatus.PENDING
    # In-process, a pending message is delivered after this commit, with its own payload:
    # scheduling it again locked its row, which may have made the first transaction's own
    # delivery skip it (test_two_transactions_scheduling_one_key_at_once_make_one_message).
    assert calls == [{"n": 1}]


def test_an_application_error_fails_the_message_with_its_text_and_the_commit_stands():
    with transaction.atomic():
        message = outbox.schedule("tests.refuse", key="k")
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert "аудит удалён" in message.last_error
    assert outbox.status_of("tests.refuse", "k") == "failed"


def test_an_error_the_handler_declares_fails_the_message_at_the_first_attempt():
    with transaction.atomic():
        message = outbox.schedule("tests.declared", key="k")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 1)
    assert "template is gone" in message.last_error


def test_an_unexpected_error_backs_off_then_fails_after_the_bounded_attempts():
    with transaction.atomic():
        message = outbox.schedule("tests.flaky", key="k", payload={"n": 1})
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.available_at > timezone.now()
    assert "SMTP went away" in message.last_error
    # The sweep does not take it before its backoff is over …
    assert outbox.sweep() == 0
    assert len(calls) == 1
    # … and runs it when it is due; the second attempt is the last one allowed.
    later = timezone.now() + datetime.timedelta(hours=2)
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    assert outbox.sweep(now=later) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 2)
    assert len(calls) == 2


def test_a_done_message_is_never_run_again():
    with transaction.atomic():
        message = outbox.schedule("tests.record", key="k")
    assert outbox.deliver(message.pk) is None
    assert outbox.sweep() == 0
    assert len(calls) == 1


def test_the_sweep_hands_over_a_running_message_whose_lease_ran_out():
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            handler="tests.record",
            key="k",
            payload={"n": 1},
            status=OutboxStatus.RUNNING,
            attempts=1,
            lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
        )
    assert outbox.sweep() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DONE, 2)
    assert calls == [{"n": 1}]


def test_the_sweep_leaves_a_running_message_with_a_live_lease_alone():
    with transaction.atomic():
        OutboxMessage.objects.create(
            handler="tests.record",
            key="k",
            status=OutboxStatus.RUNNING,
            attempts=1,
            lease_expires_at=timezone.now() + datetime.timedelta(minutes=5),
        )
    assert outbox.sweep() == 0
    assert calls == []


def test_a_handler_error_inside_the_request_path_never_reaches_the_caller():
    # In-process delivery runs in the request that committed: whatever the handler raises is
    # recorded on the row, the caller carries on.
    with transaction.atomic():
        outbox.schedule("tests.flaky", key="k")
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING


def test_the_sweep_command_reports_what_it_handed_over():
    from io import StringIO

    from django.core.management import call_command

    with transaction.atomic():
        OutboxMessage.objects.create(handler="tests.record", key="k", payload={"n": 3})
    out = StringIO()
    call_command("outbox_sweep", stdout=out)
    assert "1 message(s) handed over" in out.getvalue()
    assert calls == [{"n": 3}]


def test_the_beat_schedule_sweeps_every_minute():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["core: outbox sweep"]
    assert entry["task"] == "core.outbox_sweep"
    assert entry["schedule"] == 60.0


@pytest.mark.postgres
def test_two_deliveries_of_one_message_at_once_run_the_handler_once():
    with transaction.atomic():
        message = OutboxMessage.objects.create(handler="tests.slow", key="k", payload={"n": 1})
    results = in_parallel(lambda _: outbox.deliver(message.pk), count=2)
    assert calls == [{"n": 1}]
    assert sorted(map(str, results)) == ["None", "done"]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DONE, 1)


@pytest.mark.postgres
def test_two_transactions_scheduling_one_key_at_once_make_one_message():
    def schedule(_index):
        with transaction.atomic():
            pk = outbox.schedule("tests.record", key="same").pk
            time.sleep(0.3)
        return pk

    ids = in_parallel(schedule, count=2)
    assert len(set(ids)) == 1
    assert OutboxMessage.objects.count() == 1
    assert len(calls) == 1


def test_the_follow_up_selector_and_its_serializer_show_the_state():
    from django.template.loader import render_to_string

    from core.api.serializers import FollowUpSerializer
    from core.selectors import follow_up

    assert follow_up("tests.refuse", "k") is None
    with transaction.atomic():
        outbox.schedule("tests.refuse", key="k")
    state = follow_up("tests.refuse", "k")
    assert (state.status, state.is_pending) == ("failed", False)
    assert "аудит удалён" in state.error
    assert FollowUpSerializer(state).data["status"] == "failed"
    html = render_to_string("includes/follow_up.html", {"follow_up": state})
    assert "follow-up-failed" in html and "аудит удалён" in html
