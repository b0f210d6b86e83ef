"""The embedded set-up (`make run`: runserver, local settings, a SQLite file) takes concurrent
writes (issue 10, fault 9: 37 of 56 parallel writes answered 500 «database is locked», as a
debug page). The server runs as `make run` runs it, in a subprocess on its own SQLite file, and
is written to by 60 threads at once."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
WRITERS = 60

SETUP = """
from django.contrib.auth import get_user_model
from knox.models import AuthToken
from agencies.models import Agency
user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 20)
agency = Agency.objects.create(kind="executive_body", full_name="Департамент Я", short_name="Я",
                               staff_headcount=60)
print(agency.pk, AuthToken.objects.create(user=user)[1])
"""


def _environment(database):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "DEBUG", "TEST_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="fives_portal.settings.local",
        DATABASE_URL=f"sqlite:///{database}",
        CELERY_BROKER_URL="",
        MEDIA_ROOT=str(database.parent / "media"),
        PRIVATE_MEDIA_ROOT=str(database.parent / "private-media"),
    )
    return environment


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(environment, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def embedded_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embedded")
    environment = _environment(folder / "db.sqlite3")
    _manage(environment, "migrate", "--no-input", "-v0")
    agency_id, token = _manage(environment, "shell", "-c", SETUP).split()[-2:]
    port = _free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("the embedded server did not start: " + (folder / "server.log").read_text())
    yield {"url": url, "agency": int(agency_id), "token": token, "log": folder / "server.log"}
    server.terminate()
    server.wait(timeout=20)
    log.close()


def _post(server, body):
    request = urllib.request.Request(
        f"{server['url']}/api/v1/rooms/",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Token {server['token']}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_sixty_simultaneous_writes_all_succeed(embedded_server):
    bodies = [{"agency": embedded_server["agency"], "name": f"каб. {n}"} for n in range(WRITERS)]
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        answers = list(pool.map(lambda body: _post(embedded_server, body), bodies))
    log = embedded_server["log"].read_text()
    assert "database is locked" not in log
    assert [status for status, _ in answers] == [201] * WRITERS, [
        body[:300] for status, body in answers if status != 201
    ]


def test_the_same_write_sent_at_once_makes_one_record_and_no_server_error(embedded_server):
    body = {"agency": embedded_server["agency"], "name": "Архив"}
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = sorted(pool.map(lambda _: _post(embedded_server, body)[0], range(20)))
    assert statuses == [201] + [400] * 19


def test_the_embedded_server_shows_no_debug_page_and_serves_its_static_files(embedded_server):
    try:
        urllib.request.urlopen(f"{embedded_server['url']}/no-such-page/", timeout=10)
    except urllib.error.HTTPError as error:
        page = error.read().decode()
        assert error.code == 404
    assert "Traceback" not in page and "DEBUG = True" not in page
    assert "Страница не найдена" in page or "Вход" in page
    with urllib.request.urlopen(f"{embedded_server['url']}/static/css/portal.css") as response:
        assert response.status == 200


@pytest.mark.parametrize(("debug", "expected"), [(None, "False"), ("true", "True")])
def test_local_settings_debug_is_off_unless_the_developer_sets_it(tmp_path, debug, expected):
    environment = _environment(tmp_path / "db.sqlite3")
    if debug is not None:
        environment["DEBUG"] = debug
    out = _manage(
        environment,
        "shell",
        "-c",
        "from django.conf import settings as s; o = s.DATABASES['default']['OPTIONS']; "
        "print(s.DEBUG, o['transaction_mode'], 'journal_mode=WAL' in o['init_command'])",
    )
    assert out.strip().splitlines()[-1].split() == [expected, "IMMEDIATE", "True"]
