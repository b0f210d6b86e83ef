"""Ordering a report against a real Redis that the test stops and starts, and a real Celery
worker that it kills with SIGKILL mid-render (issue 10, «Tests that see production»).

The Redis is the test's own redis-server on 127.0.0.1:6394 (database 4), never the machine's
6379. Locally a missing redis-server skips these tests; in CI (CI=true) it fails them. The
worker tests share the test database with the worker process, so they need PostgreSQL.
"""

import os
import time

import pytest
from django.conf import settings as django_settings

from core import outbox
from core.models import OutboxMessage, OutboxStatus
from reports.choices import DocumentStatus
from reports.models import GeneratedDocument
from tests import brokers
from tests.reports.factories import signed_audit

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PORT = 6394
DB = 4
BROKER_URL = f"redis://127.0.0.1:{PORT}/{DB}"
QUEUE = brokers.QUEUE
ORDER = {"kind": "summary", "month": "2026-03", "format": "xlsx"}


redis_server = brokers.redis_server_fixture(PORT, DB)
broker = brokers.broker_fixture()


@pytest.fixture
def signed(checklist, agency_a, team):
    import datetime

    return signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 4))


def _worker(tmp_path, *, lease_seconds, render_sleep=0):
    """A real `celery worker` process on the test's Redis, the test database and the test's
    private media root; its renders sleep `render_sleep` seconds and are logged to `renders`
    (tests.reports.slow_render)."""
    return brokers.Worker(
        tmp_path / "worker.log",
        broker_url=BROKER_URL,
        include="tests.reports.slow_render",
        lease_seconds=lease_seconds,
        environment={
            "TEST_PRIVATE_MEDIA_ROOT": str(django_settings.PRIVATE_MEDIA_ROOT),
            "TEST_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "REPORTS_RENDER_LOG": str(tmp_path / "renders.txt"),
            "REPORTS_RENDER_SLEEP": str(render_sleep),
        },
    )


def _wait_for(predicate, *, what):
    brokers.wait_for(predicate, timeout=90, what=what)


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
    worker = _worker(tmp_path, lease_seconds=60)
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
    first = _worker(tmp_path, lease_seconds=lease, render_sleep=3)
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
    second = _worker(tmp_path, lease_seconds=lease, render_sleep=1)
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
