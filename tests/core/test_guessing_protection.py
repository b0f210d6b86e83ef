"""Guessing protection (issue 13 item 1): wrong passwords lock the account — by username, not
by address — on the login page, the admin's login and the API token endpoint, for the
configured time; the answer says when to try again; an administrator can lift the lock; other
accounts, from the same address, are not affected."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.agencies.factories import UserFactory
from tests.conftest import PASSWORD

OFFICE = "10.1.2.3"  # every client below comes from the same office address
TOKEN_URL = "/api/v1/auth/token/"


def _page(username, password, path="/accounts/login/", language=None):
    client = Client(REMOTE_ADDR=OFFICE)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.post(path, {"username": username, "password": password})


def _token(username, password, **headers):
    return Client(REMOTE_ADDR=OFFICE).post(
        TOKEN_URL,
        {"username": username, "password": password},
        content_type="application/json",
        **headers,
    )


def _signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


@pytest.mark.django_db(transaction=True)
def test_thirty_wrong_passwords_lock_the_account_for_the_configured_time_only(alice, bob):
    limit, minutes = settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_LOCKOUT_MINUTES
    assert limit < 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        statuses = [_page("alice", f"guess-{n}").status_code for n in range(15)]
        statuses += [_token("alice", f"guess-{n}").status_code for n in range(15)]
        # Wrong passwords answer as before until the limit, then the account is locked.
        assert statuses[: limit - 1] == [200] * (limit - 1)
        assert statuses[limit - 1 : 15] == [429] * (16 - limit)
        assert statuses[15:] == [429] * 15
        # The right password no longer opens the page or gives a token.
        page = _page("alice", PASSWORD)
        assert page.status_code == 429 and not _signed_in(page)
        token = _token("alice", PASSWORD)
        assert token.status_code == 429 and "token" not in token.json()
        # Another account from the same address is not affected, on the page and the API.
        assert _signed_in(_page("bob", PASSWORD))
        assert _token("bob", PASSWORD).status_code == 200
    # Tries during the lock do not extend it: one minute before its end it still holds...
    with time_machine.travel(start + datetime.timedelta(minutes=minutes - 1), tick=False):
        assert _page("alice", PASSWORD).status_code == 429
    # ...and once the configured time has passed the right password works again.
    with time_machine.travel(start + datetime.timedelta(minutes=minutes, seconds=1), tick=False):
        assert _signed_in(_page("alice", PASSWORD))
        assert _token("alice", PASSWORD).status_code == 200


def test_the_page_says_when_to_try_again(alice):
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        response = _page("alice", f"guess-{n}")
    assert response.status_code == 429
    until = timezone.localtime(
        AccessAttempt.objects.get(username="alice").attempt_time
        + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    )
    text = response.content.decode()
    assert "учётная запись «alice» заблокирована" in text
    assert f"до {until:%H:%M} ({until:%d.%m.%Y})" in text
    assert 0 < int(response["Retry-After"]) <= settings.LOGIN_LOCKOUT_MINUTES * 60
    english = _page("alice", PASSWORD, language="en").content.decode()
    assert "account «alice» is locked until" in english
    assert f"{until:%H:%M}" in english


def test_the_token_endpoint_answers_json_saying_when(alice):
    for n in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert _token("alice", f"guess-{n}").status_code == 400
    response = _token("alice", "guess-last")
    assert response.status_code == 429
    body = response.json()
    assert "«alice»" in body["detail"] and "token" not in body
    until = datetime.datetime.fromisoformat(body["locked_until"])
    expected = AccessAttempt.objects.get(username="alice").attempt_time + datetime.timedelta(
        minutes=settings.LOGIN_LOCKOUT_MINUTES
    )
    assert until == expected
    english = _token("alice", PASSWORD, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert english.startswith("Too many failed sign-in attempts")


def test_the_admin_login_counts_and_refuses_too(alice):
    alice.is_staff = True
    alice.save()
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        response = _page("alice", f"guess-{n}", path="/admin/login/")
    assert response.status_code == 429
    assert _page("alice", PASSWORD, path="/admin/login/").status_code == 429
    assert _page("alice", PASSWORD).status_code == 429


def test_a_success_before_the_limit_starts_the_count_again(alice):
    for _round in range(3):
        for n in range(settings.LOGIN_FAILURE_LIMIT - 1):
            assert _page("alice", f"guess-{n}").status_code == 200
        assert _signed_in(_page("alice", PASSWORD))


def test_an_administrator_lifts_the_lock_in_the_admin(alice, administrator, login):
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        _page("alice", f"guess-{n}")
    assert _page("alice", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="alice")
    admin = login(administrator)
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "alice" in listing.content.decode()
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": [attempt.pk]},
    )
    assert response.status_code == 302
    assert _signed_in(_page("alice", PASSWORD))


def test_only_administrators_see_the_locks(alice, governor, login):
    governor.is_staff = True
    governor.save()
    _page("alice", "guess")
    assert login(governor).get("/admin/axes/accessattempt/").status_code == 403
    anonymous = Client().get("/admin/axes/accessattempt/")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
