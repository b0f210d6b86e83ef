"""The production path of background work: a task sent through Redis is run by a real Celery
worker. Locally without CELERY_BROKER_URL this is skipped; CI sets it, so there it must pass."""

import os
import subprocess
import sys
import uuid

import pytest
from celery import Celery
from django.conf import settings

pytestmark = pytest.mark.redis


@pytest.fixture
def broker_url():
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must give CELERY_BROKER_URL (Redis) to the test suite.")
        pytest.skip("no CELERY_BROKER_URL: tasks run in-process here")
    return url


def test_a_task_travels_through_redis_to_a_worker_and_back(broker_url, tmp_path):
    queue = f"ci-{uuid.uuid4().hex[:8]}"
    environment = {
        **os.environ,
        "CELERY_RESULT_BACKEND": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    environment["DJANGO_SETTINGS_MODULE"] = "fives_portal.settings.local"
    environment.pop("DATABASE_URL", None)
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "fives_portal",
            "worker",
            "--pool",
            "solo",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        client = Celery("ci-client", broker=broker_url, backend=broker_url)
        result = client.send_task("core.ping", queue=queue)
        try:
            assert result.get(timeout=60) == "pong"
        finally:
            result.forget()
            client.close()
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
        print((tmp_path / "worker.log").read_text())
