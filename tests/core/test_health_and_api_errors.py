"""/healthz/ reports the database and the broker separately; every response under /api/ is
JSON, errors included (../shared/API.md «Responses and errors»)."""

import datetime
import json

import pytest
from django.db import transaction
from django.db.utils import OperationalError
from django.test import Client
from django.utils import timezone

from core.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_healthz_counts_the_pending_outbox_and_the_oldest_ones_age(client):
    with transaction.atomic():
        OutboxMessage.objects.create(
            handler="h", key="1", created_at=timezone.now() - datetime.timedelta(minutes=5)
        )
        OutboxMessage.objects.create(handler="h", key="2")
        OutboxMessage.objects.create(handler="h", key="3", status="done")
    outbox = client.get("/healthz/").json()["outbox"]
    assert outbox["pending"] == 2
    assert 299 <= outbox["oldest_pending_seconds"] <= 330


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from core import views

    def broken_cursor():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert "outbox" not in response.json()


def test_healthz_with_a_broker_that_does_not_answer_is_200_and_says_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


def test_healthz_database_part_checks_only_the_database(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = client.get("/healthz/", {"part": "database"})
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


def test_an_unknown_api_path_is_a_json_404(client, api_client, governor):
    for answer in (client.get("/api/v1/no-such-thing/"), api_client(governor).get("/api/v2/")):
        assert answer.status_code == 404
        assert answer["Content-Type"] == "application/json"
        assert "detail" in answer.json()


def test_an_unknown_page_is_the_portals_html_404(login, governor):
    response = login(governor).get("/no-such-page/")
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


def test_an_unknown_id_in_the_api_is_a_json_404(api_client, governor):
    response = api_client(governor).get("/api/v1/agencies/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_method_the_api_does_not_allow_is_a_json_405(api_client, administrator):
    response = api_client(administrator).delete("/api/v1/agencies/")
    assert response.status_code == 405
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/audits/null/reschedule/", "/api/v1/audits/text/it-score/"]
)
def test_a_malformed_id_in_an_api_path_is_a_json_404(api_client, group_head, path):
    response = api_client(group_head).post(path, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_server_error_under_the_api_is_json(governor, monkeypatch):
    from agencies.api import views

    def explode(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.AgencyViewSet, "get_queryset", explode)
    client = Client(raise_request_exception=False)
    client.force_login(governor)
    response = client.get("/api/v1/agencies/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_a_server_error_on_a_page_is_the_portals_html_500(governor, monkeypatch):
    from agencies import views

    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "agency_list", explode)
    client = Client(raise_request_exception=False)
    client.force_login(governor)
    response = client.get("/agencies/")
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()


def test_json_nested_fifty_thousand_levels_deep_is_a_400(api_client, team_leader_a):
    body = "[" * 50_000 + "]" * 50_000
    response = api_client(team_leader_a).generic(
        "POST", "/api/v1/rooms/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nests deeper" in response.json()["detail"]


def test_json_nested_beyond_the_limit_but_parseable_is_a_400(api_client, team_leader_a):
    body = json.dumps(
        {"name": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
    )
    response = api_client(team_leader_a).generic(
        "POST", "/api/v1/rooms/", body, content_type="application/json"
    )
    assert response.status_code == 400


def test_ordinary_json_still_parses(api_client, team_leader_a, agency_a):
    response = api_client(team_leader_a).generic(
        "POST",
        "/api/v1/rooms/",
        json.dumps({"agency": agency_a.pk, "name": "101"}),
        content_type="application/json",
    )
    assert response.status_code == 201


def test_nan_is_not_json(api_client, team_leader_a, agency_a):
    response = api_client(team_leader_a).generic(
        "POST",
        "/api/v1/rooms/",
        f'{{"agency": {agency_a.pk}, "name": "101", "area": NaN}}',
        content_type="application/json",
    )
    assert response.status_code == 400


def _api_routes(resolver=None, prefix=""):
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _api_routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and prefix.startswith("api/"):
            yield prefix + str(entry.pattern)


def test_no_api_route_answers_a_malformed_id_with_a_server_error_or_html(api_client, administrator):
    import re

    client = api_client(administrator)
    answers = []
    for route in _api_routes():
        if "(?P<format>" in route or ("<" not in route and "(?P" not in route):
            continue
        path = re.sub(r"\(\?P<\w+>[^)]*\)", "null", route).replace("^", "").replace("$", "")
        path = "/" + re.sub(r"<(?:(\w+):)?\w+>", "null", path)
        for method in ("get", "post"):
            response = getattr(client, method)(path, {}, format="json")
            answers.append((method, path, response.status_code, response["Content-Type"]))
    assert len(answers) > 40, "the route walk found too few routes to mean anything"
    bad = [a for a in answers if a[2] >= 500 or not a[3].startswith("application/json")]
    assert bad == []
