"""Settings come from the environment; malformed values stop start-up with a clear message."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(
        [*MANAGE, *args], env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("DATABASE_URL", "mysqlx://nowhere", "DATABASE_URL must be a sqlite:/// or postgres://"),
        ("DATABASE_URL", "postgres://u@h:port/db", "DATABASE_URL has a malformed value"),
        ("CONN_MAX_AGE", "sixty", "CONN_MAX_AGE has a malformed value"),
        ("CELERY_BROKER_URL", "amqp://guest@localhost//", "CELERY_BROKER_URL must be a redis://"),
    ],
)
def test_malformed_environment_stops_start_up_naming_the_variable(variable, value, message):
    result = run_manage("check", **{variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="fives_portal.settings.production",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/fives",
    )
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set in production." in result.stderr


def test_production_refuses_sqlite():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="fives_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
    )
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL in production." in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(secrets.token_urlsafe(60))
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="fives_portal.settings.production",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/fives",
        SECRET_KEY_FILE=str(secret),
        ALLOWED_HOSTS="5s.region.example",
    )
    assert result.returncode == 0, result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "fives_portal.settings.production",
    "DATABASE_URL": "postgres://portal:secret@db:5432/fives_portal",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "ALLOWED_HOSTS": "5s.region.example",
}


def test_deploy_check_of_production_settings_reports_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(60),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


HTTPS_REDIRECTS = """
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory
middleware = SecurityMiddleware(lambda request: None)
for path in ("/healthz/", "/", "/api/v1/summary/"):
    response = middleware.process_request(RequestFactory().get(path, HTTP_HOST="5s.region.example"))
    print(path, response and response.status_code, response and response["Location"])
"""


def test_production_redirects_to_https_except_the_health_check():
    # The compose file's health check and a load balancer call the container over plain HTTP.
    result = run_manage(
        "shell", "-c", HTTPS_REDIRECTS, SECRET_KEY=secrets.token_urlsafe(60), **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert "/healthz/ None None" in lines
    assert "/ 301 https://5s.region.example/" in lines
    assert "/api/v1/summary/ 301 https://5s.region.example/api/v1/summary/" in lines


def test_local_settings_run_embedded_with_in_process_tasks():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.TIME_ZONE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.db.backends.sqlite3",
        "True",
        "Europe/Moscow",
    ]
