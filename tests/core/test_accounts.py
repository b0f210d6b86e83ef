"""Accounts (issue 13 item 6): password change and reset by e-mail in the portal's pages, the
session idle timeout with its warning, and the demo data refused under production settings."""

import datetime
import io
import os
import re
import secrets

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from tests.agencies.factories import UserFactory
from tests.conftest import PASSWORD
from tests.core.test_settings import run_manage

NEW_PASSWORD = "Nov-parol-2026-zima"


@pytest.fixture
def alice(db):
    user = UserFactory(username="alice")
    user.email = "alice@region.example"
    user.save()
    return user


def _signed_in(client, password=PASSWORD, username="alice"):
    return client.login(username=username, password=password)


# --- password change --------------------------------------------------------------------------


def test_the_password_change_page_needs_a_login(client, db):
    response = client.get("/accounts/password_change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_person_changes_their_password_and_stays_signed_in(alice):
    client = Client()
    assert _signed_in(client)
    AuthToken.objects.create(user=alice)
    page = client.get("/accounts/password_change/")
    assert page.status_code == 200
    assert 'name="old_password"' in page.content.decode()
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password_change/done/"
    assert client.get("/").status_code == 200  # still signed in
    assert "REST" in client.get(response["Location"]).content.decode()
    assert not AuthToken.objects.filter(user=alice).exists()
    assert Client().login(username="alice", password=NEW_PASSWORD)
    assert not Client().login(username="alice", password=PASSWORD)


def test_a_wrong_old_password_changes_nothing(alice):
    client = Client()
    _signed_in(client)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_every_signed_in_page_links_to_the_password_change(alice):
    client = Client()
    _signed_in(client)
    assert 'href="/accounts/password_change/"' in client.get("/").content.decode()


# --- password reset by e-mail -----------------------------------------------------------------


def test_the_login_page_links_to_the_password_reset(client, db):
    assert 'href="/accounts/password_reset/"' in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_password_is_reset_through_the_link_sent_by_e_mail(alice, settings):
    settings.PORTAL_BASE_URL = "https://5s.region.example"
    AuthToken.objects.create(user=alice)
    client = Client()
    # The Host header does not make the link: a forged one cannot send the person elsewhere.
    response = client.post(
        "/accounts/password_reset/", {"email": "ALICE@region.example"}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@region.example"]
    assert "alice" in message.body and "evil.example" not in message.body
    link = re.search(r"https://5s\.region\.example(/accounts/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/reset/done/"
    assert Client().login(username="alice", password=NEW_PASSWORD)
    assert not AuthToken.objects.filter(user=alice).exists()
    # The link works once.
    again = client.get(link, follow=True).content.decode()
    assert "Ссылка недействительна" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(alice):
    response = Client().post("/accounts/password_reset/", {"email": "nobody@region.example"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_resets_to_one_address_are_limited_per_hour_whether_or_not_it_has_an_account(
    alice, settings, time_machine
):
    settings.PASSWORD_RESET_LIMIT = 2
    time_machine.move_to(datetime.datetime(2026, 11, 30, 10, 15, tzinfo=datetime.UTC))
    client = Client()
    for _ in range(2):
        response = client.post("/accounts/password_reset/", {"email": "alice@region.example"})
        assert response.status_code == 302
    assert len(mail.outbox) == 2
    # The third within the hour: refused with the wait, nothing sent; case does not matter.
    refused = client.post("/accounts/password_reset/", {"email": " ALICE@region.example"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(45 * 60)
    assert "через 45 минут" in refused.content.decode()
    assert len(mail.outbox) == 2
    # An unknown address is counted the same way, so the answers do not reveal accounts.
    for _ in range(2):
        assert (
            client.post("/accounts/password_reset/", {"email": "x@region.example"}).status_code
            == 302
        )
    assert (
        client.post("/accounts/password_reset/", {"email": "x@region.example"}).status_code == 429
    )
    # The next hour starts afresh.
    time_machine.move_to(datetime.datetime(2026, 11, 30, 11, 0, 1, tzinfo=datetime.UTC))
    assert (
        client.post("/accounts/password_reset/", {"email": "alice@region.example"}).status_code
        == 302
    )
    assert len(mail.outbox) == 3


def test_the_reset_pages_speak_english_too(alice):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Password recovery" in client.get("/accounts/password_reset/").content.decode()
    assert "Forgot your password?" in client.get("/accounts/login/").content.decode()


# --- session idle timeout ---------------------------------------------------------------------


def _start(moment):
    client = Client()
    with time_machine.travel(moment, tick=False):
        assert _signed_in(client)
        assert client.get("/").status_code == 200
    return client


def test_an_idle_session_ends_after_the_configured_time(alice):
    start = timezone.now()
    minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
    client = _start(start)
    with time_machine.travel(start + datetime.timedelta(minutes=minutes - 1), tick=False):
        assert client.get("/").status_code == 200  # activity: the clock starts again
    later = start + datetime.timedelta(minutes=2 * minutes - 2)
    with time_machine.travel(later, tick=False):
        assert client.get("/notices/").status_code == 200
    with time_machine.travel(later + datetime.timedelta(minutes=minutes, seconds=5), tick=False):
        response = client.get("/notices/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/notices/"
        page = client.get(response["Location"]).content.decode()
        assert f"не было запросов {minutes} мин" in page
        assert client.get("/").status_code == 302  # signed out for good


def test_the_idle_timeout_is_a_setting(alice, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    start = timezone.now()
    client = _start(start)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        assert client.get("/").status_code == 302


def test_the_warning_asks_the_time_left_without_counting_as_activity(alice):
    start = timezone.now()
    minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
    client = _start(start)
    with time_machine.travel(start + datetime.timedelta(minutes=minutes - 2), tick=False):
        status = client.get("/accounts/session/").json()
        assert status == {"authenticated": True, "remaining": 120, "timeout": minutes * 60}
    with time_machine.travel(start + datetime.timedelta(minutes=minutes, seconds=5), tick=False):
        ended = client.get("/accounts/session/")
        assert ended.status_code == 401 and ended.json()["authenticated"] is False
        assert client.get("/").status_code == 302


def test_continue_working_counts_as_activity(alice):
    start = timezone.now()
    minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
    client = Client(enforce_csrf_checks=True)
    with time_machine.travel(start, tick=False):
        _signed_in(client)
        page = client.get("/").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    with time_machine.travel(start + datetime.timedelta(minutes=minutes - 1), tick=False):
        assert client.post("/accounts/session/").status_code == 403  # CSRF still applies
        answer = client.post("/accounts/session/", HTTP_X_CSRFTOKEN=token).json()
        assert answer["remaining"] == minutes * 60
    with time_machine.travel(start + datetime.timedelta(minutes=minutes + 5), tick=False):
        assert client.get("/").status_code == 200


def test_signed_in_pages_carry_the_warning_script_and_its_settings(alice):
    client = Client()
    _signed_in(client)
    page = client.get("/").content.decode()
    assert '<script src="/static/js/session.js"></script>' in page
    assert f'data-idle-timeout="{settings.SESSION_IDLE_TIMEOUT_MINUTES * 60}"' in page
    assert 'data-session-url="/accounts/session/"' in page
    assert 'id="idle-warning"' in page and "Продолжить работу" in page
    anonymous = Client().get("/accounts/login/").content.decode()
    assert "session.js" not in anonymous
    assert (settings.BASE_DIR / "static" / "js" / "session.js").is_file()


# --- demo data never under production settings ------------------------------------------------

DEMO_COMMANDS = ["load_demo", "load_demo_audits", "load_demo_sorting", "load_demo_productivity"]


@pytest.mark.parametrize("command", DEMO_COMMANDS)
def test_demo_commands_refuse_when_demo_data_is_not_allowed(command, db, settings):
    settings.DEMO_DATA_ALLOWED = False
    users = get_user_model().objects.count()
    with pytest.raises(CommandError, match="production"):
        call_command(command, stdout=io.StringIO())
    assert get_user_model().objects.count() == users
    assert not get_user_model().objects.filter(is_superuser=True).exists()


def test_production_settings_do_not_allow_demo_data():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEMO_DATA_ALLOWED)",
        DJANGO_SETTINGS_MODULE="fives_portal.settings.production",
        DATABASE_URL="postgres://portal:secret@db:5432/fives_portal",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="5s.region.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("command", DEMO_COMMANDS)
def test_load_demo_run_with_production_settings_stops_before_touching_the_database(command):
    # The database named here does not exist: the refusal comes before any connection.
    result = run_manage(
        command,
        DJANGO_SETTINGS_MODULE="fives_portal.settings.production",
        DATABASE_URL="postgres://portal:secret@nowhere.invalid:5432/fives_portal",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="5s.region.example",
    )
    assert result.returncode != 0
    assert "Демонстрационные данные не загружаются с настройками production" in result.stderr
    assert "OperationalError" not in result.stderr


def test_the_embedded_set_up_still_loads_the_demo(db):
    call_command("load_demo", quiet=True, stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith("test")
