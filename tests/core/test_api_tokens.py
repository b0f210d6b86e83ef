"""API tokens (issue 13 item 2): the login contract of ../shared/API.md kept, tokens stored
hashed, expiring after the configured time, listed and revoked by their owner, and revoked by
any change of the password and by deactivation."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.agencies.factories import UserFactory
from tests.conftest import PASSWORD

LOGIN = "/api/v1/auth/token/"
TOKENS = "/api/v1/auth/tokens/"
NEW_PASSWORD = "another-secret-456"


def log_in(username, password=PASSWORD):
    return APIClient().post(LOGIN, {"username": username, "password": password}, format="json")


def token_of(username):
    response = log_in(username)
    assert response.status_code == 200, response.content
    return response.json()["token"]


def with_token(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def works(token):
    status = with_token(token).get(TOKENS).status_code
    assert status in (200, 401)
    return status == 200


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


def test_login_answers_the_contract_with_an_expiry_added(alice):
    before = timezone.now()
    body = log_in("alice").json()
    assert set(body) == {"token", "expiry"}
    expiry = datetime.datetime.fromisoformat(body["expiry"])
    ttl = datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    assert before + ttl <= expiry <= timezone.now() + ttl
    assert works(body["token"])


def test_a_wrong_login_is_a_400_with_a_message(alice):
    response = log_in("alice", "wrong")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] and "token" not in response.json()


def test_the_token_is_stored_only_as_a_digest(alice):
    token = token_of("alice")
    stored = AuthToken.objects.get(user=alice)
    assert token not in (stored.digest, stored.token_key)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM knox_authtoken")
        assert not any(token in str(value) for row in cursor.fetchall() for value in row)


def test_every_login_gets_its_own_token(alice):
    first, second = token_of("alice"), token_of("alice")
    assert first != second
    assert works(first) and works(second)


def test_a_token_expires_after_the_configured_time(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = token_of("alice")
    ttl = datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    with time_machine.travel(start + ttl - datetime.timedelta(minutes=1), tick=False):
        assert works(token)
    with time_machine.travel(start + ttl + datetime.timedelta(seconds=1), tick=False):
        response = with_token(token).get(TOKENS)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        # Renewing is logging in again.
        assert works(token_of("alice"))


def test_a_client_revokes_the_token_it_is_using(alice):
    current, other = token_of("alice"), token_of("alice")
    assert with_token(current).delete(LOGIN).status_code == 204
    assert not works(current)
    assert works(other)


def test_revoking_the_current_token_needs_a_token(alice):
    client = APIClient()
    client.force_login(alice)
    response = client.delete(LOGIN)
    assert response.status_code == 400
    assert "токеном" in response.json()["detail"]


def test_a_client_lists_only_its_own_tokens(alice, bob):
    current, other = token_of("alice"), token_of("alice")
    token_of("bob")
    rows = with_token(current).get(TOKENS).json()["results"]
    assert len(rows) == 2
    assert [row["current"] for row in rows].count(True) == 1
    assert set(rows[0]) == {"id", "created", "expiry", "current"}
    assert not any(current in str(row) or other in str(row) for row in rows)


def test_a_client_revokes_one_of_its_tokens_but_not_anothers(alice, bob):
    current, other = token_of("alice"), token_of("alice")
    bobs = token_of("bob")
    rows = with_token(current).get(TOKENS).json()["results"]
    other_id = next(row["id"] for row in rows if not row["current"])
    bobs_id = with_token(bobs).get(TOKENS).json()["results"][0]["id"]
    assert with_token(current).delete(f"{TOKENS}{bobs_id}/").status_code == 404
    assert with_token(current).get(f"{TOKENS}{bobs_id}/").status_code == 404
    assert with_token(current).delete(f"{TOKENS}nonsense/").status_code == 404
    assert works(bobs)
    assert with_token(current).delete(f"{TOKENS}{other_id}/").status_code == 204
    assert not works(other) and works(current)


def test_a_client_revokes_all_its_tokens(alice, bob):
    tokens = [token_of("alice") for _n in range(3)]
    bobs = token_of("bob")
    assert with_token(tokens[0]).delete(TOKENS).status_code == 204
    assert not any(works(token) for token in tokens)
    assert works(bobs)


def test_the_token_list_needs_a_login(db):
    response = APIClient().get(TOKENS)
    assert response.status_code == 401


# --- any password change and deactivation revoke the tokens ------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_old_token_stops_working_after_a_password_change(alice, bob):
    old, bobs = token_of("alice"), token_of("bob")
    alice.set_password(NEW_PASSWORD)
    alice.save()
    assert not works(old)
    assert works(bobs)
    assert log_in("alice").status_code == 400
    assert works(token_of_new("alice"))


def token_of_new(username):
    return log_in(username, NEW_PASSWORD).json()["token"]


def test_a_password_change_saved_with_update_fields_revokes_too(alice):
    old = token_of("alice")
    alice.set_password(NEW_PASSWORD)
    alice.save(update_fields=["password"])
    assert not works(old)


def test_saving_a_user_without_changing_the_password_keeps_the_tokens(alice):
    token = token_of("alice")
    alice.first_name = "Алиса"
    alice.save()
    alice.last_login = timezone.now()
    alice.save(update_fields=["last_login"])
    assert works(token)


def test_deactivation_revokes_the_tokens(alice):
    token = token_of("alice")
    alice.is_active = False
    alice.save()
    assert not AuthToken.objects.filter(user=alice).exists()
    alice.is_active = True
    alice.save()
    assert not works(token)


def test_the_changepassword_command_revokes_the_tokens(alice):
    token = token_of("alice")
    with mock.patch("getpass.getpass", return_value=NEW_PASSWORD):
        call_command("changepassword", "alice", stdout=mock.MagicMock())
    assert not works(token)
    assert works(token_of_new("alice"))


def test_a_password_set_in_the_admin_revokes_the_tokens(alice, admin_client):
    token = token_of("alice")
    response = admin_client.post(
        f"/admin/auth/user/{alice.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content
    assert not works(token)


def test_a_request_reads_only_the_token_it_presents(alice):
    """knox would load every token of the login on every request; ten logins of a scripted
    client cost the same as one."""
    tokens = [token_of("alice") for _ in range(10)]
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert works(tokens[0])
    # (the endpoint itself lists the live tokens; knox's scan had no other condition)
    assert not [q for q in queries if 'WHERE "knox_authtoken"."user_id" =' in q["sql"]]


def test_expired_tokens_are_deleted_daily_and_live_ones_kept(alice, bob):
    from core.tasks import delete_expired_tokens
    from fives_portal.celery import app

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old = token_of("alice")
    ttl = datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    with time_machine.travel(start + ttl + datetime.timedelta(minutes=1), tick=False):
        fresh = token_of("alice")
        others = token_of("bob")
        assert delete_expired_tokens() == 1
        assert AuthToken.objects.count() == 2
        assert works(fresh) and works(others) and not works(old)
    entry = app.conf.beat_schedule["core: expired API tokens"]
    assert entry["task"] == "core.delete_expired_tokens"


def test_a_token_login_leaves_no_session_behind(team_leader_a):
    """axes makes a session to log the login; a REST client must not get its cookie, or every
    later request would read that empty session (issue 18's load test)."""
    from axes.models import AccessLog
    from django.contrib.sessions.models import Session

    response = log_in("leader_a")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
    assert AccessLog.objects.filter(username="leader_a", path_info=LOGIN).exists()


def test_a_token_asked_for_from_a_signed_in_browser_keeps_its_session(client, team_leader_a):
    client.force_login(team_leader_a)
    response = client.post(
        LOGIN, {"username": "leader_a", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200
    assert client.get("/").status_code == 200
    assert client.session.get("_auth_user_id") == str(team_leader_a.pk)
