"""Ordering a report against a real Redis that the test stops and starts, and a real Celery
worker that it kills with SIGKILL mid-render (issue 10, «Tests that see production»).

The Redis is the test's own redis-server on 127.0.0.1:6394 (database 4), never the machine's
6379. Locally a missing redis-server skips these tests; in CI (CI=true) it fails them. The
worker tests share the test database with the worker process, so they need PostgreSQL.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection

from core import outbox
from core.models import OutboxMessage, OutboxStatus
from reports.choices import DocumentStatus
from reports.models import GeneratedDocument
from tests.reports.factories import signed_audit

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PORT = 6394
BROKER_URL = f"redis://127.0.0.1:{PORT}/4"
QUEUE = "celery"
ORDER = {"kind": "summary", "month": "2026-03", "format": "xlsx"}


class RedisServer:
    """One redis-server of the test's own, on PORT, with nothing kept on disk."""

    def __init__(self, executable):
        self.executable = executable
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.executable, "--port", str(PORT), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
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
    # Drop the app's references only: kombu keeps one pool per broker URL for the process.
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def broker(redis_server, settings, monkeypatch):
    """The web side publishes to the test's Redis, as in production."""
    from fives_portal.celery import app

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
    if not redis_server.answers():
        redis_server.start()


@pytest.fixture
def signed(checklist, agency_a, team):
    import datetime

    return signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 4))


def _database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A real `celery worker` process on the test's Redis, the test database and the test's
    private media root; its renders sleep `render_sleep` seconds and are logged to `renders`
    (tests.reports.slow_render)."""

    def __init__(self, tmp_path, *, lease_seconds, render_sleep=0):
        self.log = (tmp_path / "worker.log").open("a")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fives_portal.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": BROKER_URL,
            "OUTBOX_LEASE_SECONDS": str(lease_seconds),
            "TEST_PRIVATE_MEDIA_ROOT": str(django_settings.PRIVATE_MEDIA_ROOT),
            "TEST_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "REPORTS_RENDER_LOG": str(tmp_path / "renders.txt"),
            "REPORTS_RENDER_SLEEP": str(render_sleep),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "fives_portal", "worker", "--pool", "solo"]
            + ["--include", "tests.reports.slow_render", "--without-gossip"]
            + ["--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
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


def _wait_for(predicate, *, timeout=90, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _document_status(pk):
    return GeneratedDocument.objects.values_list("status", flat=True).get(pk=pk)


def _message(document_id):
    return OutboxMessage.objects.get(
        handler="reports.generate_document", key=f"document:{document_id}"
    )


def _renders(tmp_path):
    log = tmp_path / "renders.txt"
    return log.read_text().splitlines() if log.exists() else []


def _made_once(document):
    """One file, one transition to done in the document's history."""
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE
    assert document.history.filter(status=DocumentStatus.DONE).count() == 1
    folder = os.path.dirname(document.file.path)
    assert os.listdir(folder) == [os.path.basename(document.file.path)]


def test_with_the_broker_down_ordering_answers_with_what_was_saved(
    broker, signed, api_client, login, governor
):
    broker.stop()
    started = time.monotonic()
    response = api_client(governor).post("/api/v1/reports/", ORDER, format="json")
    assert time.monotonic() - started < 3
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    message = _message(body["id"])
    assert (message.status, message.dispatched_at) == (OutboxStatus.PENDING, None)

    # Re-ordering, by the API and by the page, finds the same order and its one message.
    again = api_client(governor).post("/api/v1/reports/", ORDER, format="json")
    assert again.status_code == 202 and again.json() == body
    page = login(governor).post("/reports/documents/order/", ORDER)
    assert page.status_code == 302 and page["Location"] == f"/reports/documents/{body['id']}/"
    shown = login(governor).get(page["Location"])
    assert shown.status_code == 200 and "В очереди" in shown.content.decode()
    assert GeneratedDocument.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert outbox.sweep() == 0  # Redis still down: nothing handed over, nothing lost

    broker.start()
    # A re-order once the broker is back hands the stuck message over at once.
    assert api_client(governor).post("/api/v1/reports/", ORDER, format="json").json() == body
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.dispatched_at is not None
    assert broker.client().llen(QUEUE) == 1
    assert outbox.sweep() == 0  # handed over once
    assert broker.client().llen(QUEUE) == 1


def test_the_sweep_hands_an_order_made_while_the_broker_was_down_over_once(
    broker, signed, api_client, governor
):
    broker.stop()
    body = api_client(governor).post("/api/v1/reports/", ORDER, format="json").json()
    broker.start()
    assert outbox.sweep() == 1
    assert outbox.sweep() == 0
    assert broker.client().llen(QUEUE) == 1
    assert _message(body["id"]).dispatched_at is not None


@pytest.mark.postgres
def test_after_an_outage_the_document_is_made_exactly_once(
    broker, signed, api_client, governor, tmp_path
):
    broker.stop()
    body = api_client(governor).post("/api/v1/reports/", ORDER, format="json").json()
    broker.start()
    assert outbox.sweep() == 1
    worker = Worker(tmp_path, lease_seconds=60)
    try:
        _wait_for(lambda: _message(body["id"]).status == OutboxStatus.DONE, what="the delivery")
        assert outbox.sweep() == 0
        time.sleep(1)  # anything sent twice would have run by now
    finally:
        worker.stop()
        print((tmp_path / "worker.log").read_text())
    document = GeneratedDocument.objects.get(pk=body["id"])
    _made_once(document)
    assert _renders(tmp_path) == ["summary:xlsx"]
    download = api_client(governor).get(f"/api/v1/reports/{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


@pytest.mark.postgres
def test_a_worker_killed_mid_report_leaves_the_document_made_exactly_once(
    broker, signed, api_client, governor, tmp_path
):
    lease = 4
    body = api_client(governor).post("/api/v1/reports/", ORDER, format="json").json()
    first = Worker(tmp_path, lease_seconds=lease, render_sleep=3)
    try:
        _wait_for(lambda: _document_status(body["id"]) == DocumentStatus.RUNNING, what="render")
        first.kill()  # kill -9 in the middle of the render
    finally:
        first.stop()
    assert _renders(tmp_path) == []
    message = _message(body["id"])
    assert (message.status, message.attempts) == (OutboxStatus.RUNNING, 1)
    assert _document_status(body["id"]) == DocumentStatus.RUNNING
    # The poll shows the order as still being made, not done and not lost.
    detail = api_client(governor).get(f"/api/v1/reports/{body['id']}/").json()
    assert detail["status"] == "running" and detail["download_url"] is None

    # The lease runs out; the sweep hands the message over again; a new worker makes it.
    time.sleep(lease + 0.5)
    second = Worker(tmp_path, lease_seconds=lease, render_sleep=1)
    try:
        assert outbox.sweep() == 1
        _wait_for(lambda: _message(body["id"]).status == OutboxStatus.DONE, what="redelivery")
        assert outbox.sweep() == 0
        time.sleep(1)
    finally:
        second.stop()
        print((tmp_path / "worker.log").read_text())
    document = GeneratedDocument.objects.get(pk=body["id"])
    _made_once(document)
    assert document.attempts == 2
    assert _renders(tmp_path) == ["summary:xlsx"]
    assert _message(body["id"]).attempts == 2


def test_the_document_follow_up_is_acknowledged_late_and_given_back_when_a_worker_dies():
    from core.tasks import deliver_outbox as task

    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert django_settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
