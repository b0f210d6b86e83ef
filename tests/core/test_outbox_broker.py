"""The outbox against a real Redis that the test stops and starts, and real Celery workers that
it kills (issue 10, «Tests that see production»).

The Redis is the test's own redis-server on 127.0.0.1:6391 (database 4), never the machine's
6379. Locally a missing redis-server skips these tests; in CI (CI=true) it fails them. The
worker tests share the test database with a worker process, so they need PostgreSQL.
"""

import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage, OutboxStatus
from tests.core import outbox_handlers

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PORT = 6391
BROKER_URL = f"redis://127.0.0.1:{PORT}/4"
QUEUE = "celery"


class RedisServer:
    """One redis-server of the test's own, on PORT, with nothing kept on disk."""

    def __init__(self, executable):
        self.executable = executable
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                self.executable,
                "--port",
                str(PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.answers():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {PORT}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @staticmethod
    def answers():
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def client(self):
        import redis

        return redis.Redis.from_url(BROKER_URL)


@pytest.fixture(scope="module")
def redis_server():
    executable = shutil.which("redis-server")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs redis-server for the broker-down and worker-killed tests.")
        pytest.skip("redis-server is not installed")
    server = RedisServer(executable)
    if server.answers():
        pytest.fail(f"something else listens on 127.0.0.1:{PORT}")
    server.start()
    yield server
    server.stop()


def _reset_pools(app):
    # Drop the app's references only: kombu keeps one pool per broker URL for the process, and
    # closing it would break every later test that publishes to that URL.
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def broker(redis_server, settings, monkeypatch):
    """The web side publishes to the test's Redis, as in production."""
    from fives_portal.celery import app

    # Celery reads CELERY_BROKER_URL from the environment before its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", BROKER_URL)
    if not redis_server.answers():
        redis_server.start()
    redis_server.client().flushdb()
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    settings.CELERY_BROKER_URL = BROKER_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = BROKER_URL
    app.conf.task_always_eager = False
    _reset_pools(app)
    yield redis_server
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_pools(app)


def _schedule(path, key, *, sleep=0):
    with transaction.atomic():
        return outbox.schedule(
            outbox_handlers.HANDLER,
            key=key,
            payload={"path": str(path), "text": key, "sleep": sleep},
        )


def _database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A real `celery worker` process on the test's Redis and the test database."""

    def __init__(self, log_path, *, lease_seconds):
        self.log = log_path.open("a")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fives_portal.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": BROKER_URL,
            "OUTBOX_LEASE_SECONDS": str(lease_seconds),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "fives_portal",
                "worker",
                "--pool",
                "solo",
                "--include",
                "tests.core.outbox_handlers",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=django_settings.BASE_DIR,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def _wait_for(predicate, *, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


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
    worker = Worker(tmp_path / "worker.log", lease_seconds=60)
    try:
        _wait_for(lambda: _status(message) == OutboxStatus.DONE, what="the delivery")
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
    first = Worker(tmp_path / "worker.log", lease_seconds=lease)
    try:
        _wait_for(lambda: _status(message) == OutboxStatus.RUNNING, what="the first delivery")
        first.kill()  # kill -9 while the handler sleeps
    finally:
        first.stop()
    assert not effects.exists()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("running", 1)

    # The lease runs out; the sweep hands the message over again, and a new worker runs it.
    time.sleep(lease + 0.5)
    second = Worker(tmp_path / "worker.log", lease_seconds=lease)
    try:
        assert outbox.sweep() == 1
        _wait_for(lambda: _status(message) == OutboxStatus.DONE, what="the second delivery")
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
