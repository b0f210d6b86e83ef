"""The harness of the broker tests (issue 10, «Tests that see production»): a redis-server of the
test module's own that the test stops and starts, the Celery app pointed at it, and real
`celery worker` processes on the test database that a test can kill with SIGKILL.

Each test module keeps its own port and database number (xdist may run the modules side by
side), never the machine's 6379:

    redis_server = brokers.redis_server_fixture(PORT, DB)
    broker = brokers.broker_fixture()

Locally a missing redis-server skips the tests; in CI (CI=true) it fails them.
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

QUEUE = "celery"


class RedisServer:
    """One redis-server of the test's own, on `port`, with nothing kept on disk; `url` is its
    database `db`."""

    def __init__(self, executable, port, db):
        self.executable = executable
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/{db}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.answers():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)

    def queued(self):
        """How many tasks wait in the Celery queue."""
        return self.client().llen(QUEUE)


def redis_server_fixture(port, db):
    """The module-scoped `redis_server` fixture: the module's own redis-server on `port`."""

    @pytest.fixture(scope="module", name="redis_server")
    def redis_server():
        executable = shutil.which("redis-server")
        if executable is None:
            if os.environ.get("CI"):
                pytest.fail("CI needs redis-server for the broker-down and worker-killed tests.")
            pytest.skip("redis-server is not installed")
        server = RedisServer(executable, port, db)
        if server.answers():
            pytest.fail(f"something else listens on 127.0.0.1:{port}")
        server.start()
        yield server
        server.stop()

    return redis_server


def _reset_pools(app):
    # Drop the app's references only: kombu keeps one pool per broker URL for the process, and
    # closing it would break every later test that publishes to that URL.
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def broker_fixture():
    """The `broker` fixture: the web side publishes to the module's `redis_server` (emptied
    first), as in production; afterwards the app is put back and the server is up again."""

    @pytest.fixture(name="broker")
    def broker(redis_server, settings, monkeypatch):
        from fives_portal.celery import app

        url = redis_server.url
        # Celery reads CELERY_BROKER_URL from the environment before its configuration.
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        if not redis_server.answers():
            redis_server.start()
        redis_server.client().flushdb()
        saved = (app.conf.broker_url, app.conf.task_always_eager)
        settings.CELERY_BROKER_URL = url
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        _reset_pools(app)
        yield redis_server
        app.conf.broker_url, app.conf.task_always_eager = saved
        _reset_pools(app)
        if not redis_server.answers():
            redis_server.start()

    return broker


def database_url():
    """The test database as a DATABASE_URL, for a worker process to share it."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A real `celery worker` process (solo pool) on `broker_url` and the test database, with
    the tasks of `include` loaded and `environment` added; it logs to `log_path`."""

    def __init__(self, log_path, *, broker_url, include, lease_seconds, environment=None):
        self.log = log_path.open("a")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fives_portal.settings.test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "OUTBOX_LEASE_SECONDS": str(lease_seconds),
            **(environment or {}),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "fives_portal", "worker", "--pool", "solo"]
            + ["--include", include, "--without-gossip"]
            + ["--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
            cwd=django_settings.BASE_DIR,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        """kill -9 the worker and every process of its session."""
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


def wait_for(predicate, *, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
