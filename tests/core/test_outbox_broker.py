"""The outbox against a real Redis that the test stops and starts, and real Celery workers that
it kills (issue 10, «Tests that see production»).

The Redis is the test's own redis-server on 127.0.0.1:6391 (database 4), never the machine's
6379. Locally a missing redis-server skips these tests; in CI (CI=true) it fails them. The
worker tests share the test database with a worker process, so they need PostgreSQL.
"""

import datetime
import time

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage, OutboxStatus
from tests import brokers
from tests.core import outbox_handlers

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PORT = 6391
DB = 4
BROKER_URL = f"redis://127.0.0.1:{PORT}/{DB}"
QUEUE = brokers.QUEUE


redis_server = brokers.redis_server_fixture(PORT, DB)
broker = brokers.broker_fixture()


def _schedule(path, key, *, sleep=0):
    with transaction.atomic():
        return outbox.schedule(
            outbox_handlers.HANDLER,
            key=key,
            payload={"path": str(path), "text": key, "sleep": sleep},
        )


def _worker(log_path, *, lease_seconds):
    """A real `celery worker` process on the test's Redis and the test database."""
    return brokers.Worker(
        log_path,
        broker_url=BROKER_URL,
        include="tests.core.outbox_handlers",
        lease_seconds=lease_seconds,
    )


def _status(message):
    return OutboxMessage.objects.values_list("status", flat=True).get(pk=message.pk)


def test_with_the_broker_down_the_commit_succeeds_fast_and_the_message_waits(broker, tmp_path):
    broker.stop()
    started = time.monotonic()
    message = _schedule(tmp_path / "effects.txt", "down")  # commits, then fails to publish
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"publishing to a dead broker held the request for {elapsed:.1f} s"
    message.refresh_from_db()
    assert (message.status, message.dispatched_at, message.attempts) == ("pending", None, 0)
    # Nothing to do while Redis stays down: the sweep tries, fails, loses nothing.
    assert outbox.sweep() == 0
    message.refresh_from_db()
    assert (message.status, message.dispatched_at) == ("pending", None)

    broker.start()
    assert outbox.sweep() == 1
    message.refresh_from_db()
    assert message.status == "pending" and message.dispatched_at is not None
    assert broker.client().llen(QUEUE) == 1
    # Handed over once: the next sweeps leave it to the worker.
    assert outbox.sweep() == 0
    assert broker.client().llen(QUEUE) == 1


def test_the_health_check_reports_the_broker_down_without_failing(broker, client):
    assert client.get("/healthz/").json()["broker"] == "ok"  # and the URLconf is loaded
    broker.stop()
    started = time.monotonic()
    response = client.get("/healthz/")
    assert time.monotonic() - started < 1.5
    assert response.status_code == 200
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"
    broker.start()


@pytest.mark.postgres
def test_after_an_outage_the_swept_message_is_delivered_exactly_once(broker, tmp_path):
    effects = tmp_path / "effects.txt"
    broker.stop()
    message = _schedule(effects, "after-outage")
    broker.start()
    assert outbox.sweep() == 1
    worker = _worker(tmp_path / "worker.log", lease_seconds=60)
    try:
        brokers.wait_for(lambda: _status(message) == OutboxStatus.DONE, what="the delivery")
        assert outbox.sweep() == 0
        time.sleep(1)  # anything sent twice would have run by now
    finally:
        worker.stop()
        print((tmp_path / "worker.log").read_text())
    assert effects.read_text().splitlines() == ["after-outage"]


@pytest.mark.postgres
def test_a_worker_killed_mid_handler_leaves_the_effect_made_exactly_once(broker, tmp_path):
    effects = tmp_path / "effects.txt"
    lease = 4
    message = _schedule(effects, "killed", sleep=3)  # published right after the commit
    first = _worker(tmp_path / "worker.log", lease_seconds=lease)
    try:
        brokers.wait_for(
            lambda: _status(message) == OutboxStatus.RUNNING, what="the first delivery"
        )
        first.kill()  # kill -9 while the handler sleeps
    finally:
        first.stop()
    assert not effects.exists()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("running", 1)

    # The lease runs out; the sweep hands the message over again, and a new worker runs it.
    time.sleep(lease + 0.5)
    second = _worker(tmp_path / "worker.log", lease_seconds=lease)
    try:
        assert outbox.sweep() == 1
        brokers.wait_for(lambda: _status(message) == OutboxStatus.DONE, what="the second delivery")
        assert outbox.sweep() == 0
        time.sleep(1)
    finally:
        second.stop()
        print((tmp_path / "worker.log").read_text())
    assert effects.read_text().splitlines() == ["killed"]
    message.refresh_from_db()
    assert message.attempts == 2


def test_after_a_redis_restart_the_next_commit_is_handed_over_at_once(broker, tmp_path):
    first = _schedule(tmp_path / "effects.txt", "before-restart")
    broker.stop()
    broker.start()  # every pooled connection is now dead
    second = _schedule(tmp_path / "effects.txt", "after-restart")
    for message in (first, second):
        message.refresh_from_db()
        assert message.dispatched_at is not None, message.key
    assert broker.client().llen(QUEUE) == 1  # the restart lost the first (never persisted)
    # … and the sweep hands the lost one over again once it is overdue.
    long_ago = timezone.now() - datetime.timedelta(
        seconds=django_settings.OUTBOX_REDISPATCH_SECONDS
    )
    OutboxMessage.objects.filter(pk=first.pk).update(dispatched_at=long_ago)
    assert outbox.sweep() == 1
    assert broker.client().llen(QUEUE) == 2
