"""core.idempotency: a form token or an Idempotency-Key makes a repeated submission one record,
and nothing else does (two identical bodies sent on purpose are two records).

The views here create admin log entries (a model without any uniqueness), so a duplicate would
show as a second row; they are mounted by this module's own URLconf.
"""

import datetime

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.messages import get_messages
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.template import Context, Template
from django.test import Client
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.http import require_POST
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core import idempotency
from core.idempotency import (
    FORM_TOKEN_FIELD,
    HEADER,
    IdempotencyRecord,
    IdempotentCreateMixin,
    idempotent_action,
    idempotent_form,
)
from tests.concurrency import THREADS, in_parallel


def _log(user, name):
    return LogEntry.objects.create(user=user, action_flag=ADDITION, object_repr=name)


@require_POST
@idempotent_form
def create_view(request):
    name = request.POST.get("name", "")
    if not name:
        return HttpResponse("the form again, with its error", status=200)
    entry = _log(request.user, name)
    if name == "refused-but-redirected":
        entry.delete()
        idempotency.forget(request)
        return HttpResponseRedirect("/form-page/")
    return HttpResponseRedirect(f"/entries/{entry.pk}/")


class EntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = LogEntry
        fields = ["id", "object_repr"]


class EntryViewSet(IdempotentCreateMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = EntrySerializer
    queryset = LogEntry.objects.all()

    def perform_create(self, serializer):
        if serializer.validated_data["object_repr"] == "refuse":
            raise serializers.ValidationError({"object_repr": ["refused"]})
        serializer.save(user=self.request.user, action_flag=ADDITION)

    @action(detail=False, methods=["post"])
    @idempotent_action
    def twice(self, request):
        entries = [_log(request.user, request.data["name"]) for _ in range(2)]
        return Response([e.pk for e in entries], status=status.HTTP_200_OK)


router = SimpleRouter()
router.register("entries", EntryViewSet, basename="entry")
urlpatterns = [path("create/", create_view), path("api/", include(router.urls))]

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def client_a(login, team_member_a):
    return login(team_member_a)


def _names():
    return sorted(LogEntry.objects.values_list("object_repr", flat=True))


# --- Pages -----------------------------------------------------------------------------------


def test_template_tag_issues_a_fresh_hidden_token_with_every_form():
    rendered = Template("{% load idempotency %}{% form_token %}|{% form_token %}").render(Context())
    first, second = rendered.split("|")
    assert first.startswith(f'<input type="hidden" name="{FORM_TOKEN_FIELD}" value="')
    assert first != second


def test_form_sent_twice_with_its_token_makes_one_record_and_shows_it_again(client_a):
    data = {"name": "Стул", FORM_TOKEN_FIELD: "token-1"}
    first = client_a.post("/create/", data)
    second = client_a.post("/create/", data)
    entry = LogEntry.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/entries/{entry.pk}/"
    assert [str(m) for m in get_messages(second.wsgi_request)] == [
        "Эта форма уже отправлена: повторная отправка ничего не изменила."
    ]


def test_identical_forms_with_their_own_tokens_are_two_records(client_a):
    client_a.post("/create/", {"name": "Стул", FORM_TOKEN_FIELD: "token-1"})
    client_a.post("/create/", {"name": "Стул", FORM_TOKEN_FIELD: "token-2"})
    assert _names() == ["Стул", "Стул"]


def test_form_without_a_token_behaves_as_before(client_a):
    client_a.post("/create/", {"name": "Стул"})
    client_a.post("/create/", {"name": "Стул"})
    assert _names() == ["Стул", "Стул"]
    assert not IdempotencyRecord.objects.exists()


def test_refused_form_leaves_its_token_free_for_the_corrected_one(client_a):
    refused = client_a.post("/create/", {"name": "", FORM_TOKEN_FIELD: "token-1"})
    assert refused.status_code == 200
    assert not IdempotencyRecord.objects.exists()
    corrected = client_a.post("/create/", {"name": "Стул", FORM_TOKEN_FIELD: "token-1"})
    assert corrected.status_code == 302 and _names() == ["Стул"]


def test_a_view_that_forgets_the_token_lets_it_be_sent_again(client_a):
    data = {"name": "refused-but-redirected", FORM_TOKEN_FIELD: "token-1"}
    assert client_a.post("/create/", data)["Location"] == "/form-page/"
    assert not IdempotencyRecord.objects.exists()
    assert client_a.post("/create/", {"name": "Стул", FORM_TOKEN_FIELD: "token-1"}).status_code == (
        302
    )
    assert _names() == ["Стул"]


def test_the_same_token_from_another_user_is_another_submission(client_a, login, team_leader_a):
    data = {"name": "Стул", FORM_TOKEN_FIELD: "token-1"}
    client_a.post("/create/", data)
    login(team_leader_a).post("/create/", data)
    assert _names() == ["Стул", "Стул"]


def test_an_expired_token_is_a_new_submission(client_a):
    data = {"name": "Стул", FORM_TOKEN_FIELD: "token-1"}
    client_a.post("/create/", data)
    IdempotencyRecord.objects.update(
        created_at=timezone.now() - idempotency.IDEMPOTENCY_TTL - datetime.timedelta(minutes=1)
    )
    client_a.post("/create/", data)
    assert _names() == ["Стул", "Стул"]
    assert IdempotencyRecord.objects.count() == 1


def test_a_malformed_token_is_ignored(client_a):
    data = {"name": "Стул", FORM_TOKEN_FIELD: "x" * 300}
    client_a.post("/create/", data)
    client_a.post("/create/", data)
    assert _names() == ["Стул", "Стул"]


def test_purge_deletes_only_expired_records(client_a):
    client_a.post("/create/", {"name": "a", FORM_TOKEN_FIELD: "old"})
    client_a.post("/create/", {"name": "b", FORM_TOKEN_FIELD: "new"})
    IdempotencyRecord.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert idempotency.purge_expired() == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]


# --- API -------------------------------------------------------------------------------------


def test_same_key_and_body_replays_the_first_response_without_a_second_write(
    api_client, team_member_a
):
    client = api_client(team_member_a)
    first = client.post(
        "/api/entries/", {"object_repr": "Стул"}, format="json", **{"HTTP_IDEMPOTENCY_KEY": "key-1"}
    )
    second = client.post(
        "/api/entries/", {"object_repr": "Стул"}, format="json", **{"HTTP_IDEMPOTENCY_KEY": "key-1"}
    )
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json() == {"id": LogEntry.objects.get().pk, "object_repr": "Стул"}
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first


def test_same_key_with_another_body_is_refused_with_422(api_client, team_member_a):
    client = api_client(team_member_a)
    client.post("/api/entries/", {"object_repr": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    other = client.post(
        "/api/entries/", {"object_repr": "Шкаф"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["detail"]
    assert _names() == ["Стул"]


def test_identical_bodies_without_a_key_or_with_two_keys_are_two_records(api_client, team_member_a):
    client = api_client(team_member_a)
    client.post("/api/entries/", {"object_repr": "Стул"}, format="json")
    client.post("/api/entries/", {"object_repr": "Стул"}, format="json")
    client.post("/api/entries/", {"object_repr": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="1")
    client.post("/api/entries/", {"object_repr": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="2")
    assert _names() == ["Стул"] * 4


def test_a_refused_request_leaves_its_key_free(api_client, team_member_a):
    client = api_client(team_member_a)
    refused = client.post(
        "/api/entries/", {"object_repr": "refuse"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert refused.status_code == 400
    assert not IdempotencyRecord.objects.exists()
    retried = client.post(
        "/api/entries/", {"object_repr": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert retried.status_code == 201 and _names() == ["Стул"]


@pytest.mark.parametrize("key", ["", "x" * 256, "ключ", "two words"])
def test_a_malformed_key_is_a_400_naming_the_header(api_client, team_member_a, key):
    response = api_client(team_member_a).post(
        "/api/entries/", {"object_repr": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert HEADER in response.json()
    assert not LogEntry.objects.exists()


def test_keys_belong_to_their_user(api_client, team_member_a, team_leader_a):
    for user in (team_member_a, team_leader_a):
        response = api_client(user).post(
            "/api/entries/", {"object_repr": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
        )
        assert response.status_code == 201
    assert LogEntry.objects.count() == 2


def test_an_action_replays_its_response_too(api_client, team_member_a):
    client = api_client(team_member_a)
    first = client.post(
        "/api/entries/twice/", {"name": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    second = client.post(
        "/api/entries/twice/", {"name": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert LogEntry.objects.count() == 2


# --- Concurrency, outside a test transaction, on PostgreSQL ------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_duplicate_form_posts_make_one_record(team_member_a):
    assert connection.vendor == "postgresql"

    def post(_index):
        client = Client()
        client.force_login(team_member_a)
        response = client.post("/create/", {"name": "Стул", FORM_TOKEN_FIELD: "token-1"})
        return response.status_code, response["Location"]

    results = in_parallel(post)
    entry = LogEntry.objects.get()
    assert results == [(302, f"/entries/{entry.pk}/")] * THREADS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_duplicate_api_posts_make_one_record_and_one_answer(team_member_a):
    from rest_framework.test import APIClient

    assert connection.vendor == "postgresql"

    def post(_index):
        client = APIClient()
        client.force_authenticate(team_member_a)
        response = client.post(
            "/api/entries/", {"object_repr": "Стул"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
        )
        return response.status_code, response.json()

    results = in_parallel(post)
    entry = LogEntry.objects.get()
    assert results == [(201, {"id": entry.pk, "object_repr": "Стул"})] * THREADS
