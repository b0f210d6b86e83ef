"""A sorting form sent twice (a double click, a resubmit after «back») makes one record; a
client retrying a POST with the same Idempotency-Key gets the first answer again (issue 10
item 5). Identical forms or bodies sent on purpose stay two records (shared/API.md)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import calendar
from core.idempotency import FORM_TOKEN_FIELD
from sorting.models import (
    ClassifierEntry,
    ListApproval,
    RedTag,
    SortingListLine,
    SortingRound,
    StorageAdmission,
    StorageCheck,
)
from tests.concurrency import THREADS, in_parallel
from tests.sorting.factories import action, decide, make_round, make_tag, reason, unneeded_list


def _tag_form(agency, token=None, **overrides):
    data = {
        "agency": agency.pk,
        "marked_on": calendar.today().isoformat(),
        "marked_by": "Членова М.И.",
        "room": "305",
        "item_name": "Старый монитор",
        "quantity": "1",
        "reason": reason(0).pk,
        "action": action(4).pk,
        "move_deadline": (calendar.today() + datetime.timedelta(days=2)).isoformat(),
        "responsible_for_moving": "Членова М.И.",
    }
    if token:
        data[FORM_TOKEN_FIELD] = token
    data.update(overrides)
    return data


def test_the_tag_form_carries_a_one_time_token(login, team_member_a):
    page = login(team_member_a).get(reverse("sorting:tag-create")).content.decode()
    assert f'name="{FORM_TOKEN_FIELD}"' in page


def test_a_double_click_on_the_tag_form_makes_one_tag(login, team_member_a, agency_a):
    client = login(team_member_a)
    first = client.post(reverse("sorting:tag-create"), _tag_form(agency_a, "t-1"))
    second = client.post(reverse("sorting:tag-create"), _tag_form(agency_a, "t-1"), follow=True)
    tag = RedTag.objects.get()
    assert first.status_code == 302 and first["Location"] == tag.get_absolute_url()
    assert second.redirect_chain == [(tag.get_absolute_url(), 302)]
    assert "Эта форма уже отправлена" in second.content.decode()


def test_two_identical_tags_marked_on_purpose_are_two_tags(login, team_member_a, agency_a):
    client = login(team_member_a)
    client.post(reverse("sorting:tag-create"), _tag_form(agency_a, "t-1"))
    client.post(reverse("sorting:tag-create"), _tag_form(agency_a, "t-2"))
    assert sorted(RedTag.objects.values_list("number", flat=True)) == [1, 2]


def test_a_refused_tag_form_can_be_corrected_and_sent_with_the_same_token(
    login, team_member_a, agency_a
):
    client = login(team_member_a)
    refused = client.post(
        reverse("sorting:tag-create"), _tag_form(agency_a, "t-1", action=reason(1).pk)
    )
    assert refused.status_code == 200 and not RedTag.objects.exists()
    assert client.post(reverse("sorting:tag-create"), _tag_form(agency_a, "t-1")).status_code == (
        302
    )
    assert RedTag.objects.count() == 1


@pytest.fixture
def decided(team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    return sorting_round, tag


def _forms(agency_a, sorting_round, tag, team_member_a):
    """(who, url, data, what is counted) for every sorting form that makes a record."""
    from sorting.choices import EntryKind, ItemCategory
    from tests.sorting.factories import entry

    loose = make_tag(team_member_a, agency_a, item_name="Без списка")
    return [
        (
            "team_leader_a",
            reverse("sorting:round-create") + f"?agency={agency_a.pk}",
            {"date_from": calendar.today().isoformat(), "rooms": "201"},
            lambda: SortingRound.objects.count(),
        ),
        (
            "team_member_a",
            reverse("sorting:rarely-needed-add", args=[sorting_round.pk]),
            {
                "lines-TOTAL_FORMS": "1",
                "lines-INITIAL_FORMS": "0",
                "lines-0-room": "12",
                "lines-0-item_name": "Калькулятор",
                "lines-0-quantity": "1",
                "lines-0-regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 0).pk,
            },
            lambda: SortingListLine.objects.count(),
        ),
        (
            "team_leader_a",
            reverse("sorting:list-approve", args=[unneeded_list(sorting_round).pk]),
            {
                "role": "chief_accountant",
                "full_name": "Бухгалтерова Б.Б.",
                "position": "Главный бухгалтер",
                "agreed_on": calendar.today().isoformat(),
            },
            lambda: ListApproval.objects.count(),
        ),
        (
            "keeper_a",
            reverse("sorting:zone-admit", args=[agency_a.pk]),
            {"red_tag": tag.pk, "admitted_on": calendar.today().isoformat()},
            lambda: StorageAdmission.objects.count(),
        ),
        (
            "team_leader_a",
            reverse("sorting:classifier"),
            {"category": "unneeded", "kind": "state", "text": "дубликаты документов"},
            lambda: ClassifierEntry.objects.filter(team__isnull=False).count(),
        ),
        (
            "team_member_a",
            reverse("sorting:tag-add-to-round", args=[loose.pk]),
            {"add_to_round": sorting_round.pk},
            lambda: SortingListLine.objects.count(),
        ),
    ]


@pytest.mark.parametrize(
    "index", range(6), ids=["round", "rarely-needed", "approval", "admit", "classifier", "list"]
)
def test_every_sorting_form_sent_twice_makes_one_record(
    request, login, agency_a, decided, team_member_a, keeper_a, index
):
    sorting_round, tag = decided
    who, url, data, count = _forms(agency_a, sorting_round, tag, team_member_a)[index]
    client = login(request.getfixturevalue(who))
    before = count()
    first = client.post(url, {**data, FORM_TOKEN_FIELD: "t-1"})
    after_first = count()
    second = client.post(url, {**data, FORM_TOKEN_FIELD: "t-1"})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert after_first == before + 1
    assert count() == after_first
    # The repeat is recognised, not refused as a duplicate by a rule.
    said = list(get_messages(second.wsgi_request))
    assert str(said[-1]) == "Эта форма уже отправлена: повторная отправка ничего не изменила."
    assert not [message for message in said if message.level_tag == "error"]


def test_the_weekly_check_sent_twice_is_recorded_once(login, keeper_a, agency_a, decided):
    from sorting.services import storage_admit

    _round, tag = decided
    admission = storage_admit(actor=keeper_a, tag=tag)
    client = login(keeper_a)
    url = reverse("sorting:zone-check", args=[agency_a.pk])
    page = client.get(url).content.decode()
    assert f'name="{FORM_TOKEN_FIELD}"' in page
    data = {
        FORM_TOKEN_FIELD: "t-1",
        "checked_on": calendar.today().isoformat(),
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-admission": admission.pk,
        "form-0-present": "on",
        "form-0-matches_list": "on",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert StorageCheck.objects.count() == 1


# --- API ---------------------------------------------------------------------------------------


def _payload(agency, **overrides):
    data = {
        "agency": agency.pk,
        "marked_by": "5S-команда",
        "room": "410",
        "item_name": "Факс Panasonic",
        "quantity": 1,
        "reason": reason(1).pk,
        "action": action(3).pk,
    }
    data.update(overrides)
    return data


def test_a_retried_red_tag_post_with_its_key_answers_the_same_tag(
    api_client, team_member_a, agency_a
):
    client = api_client(team_member_a)
    first = client.post(
        "/api/v1/red-tags/", _payload(agency_a), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    retry = client.post(
        "/api/v1/red-tags/", _payload(agency_a), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry.json()["number"] == 1
    assert retry["Location"] == first["Location"] == first.json()["url"]
    assert RedTag.objects.count() == 1


def test_identical_red_tags_sent_on_purpose_are_two_tags(api_client, team_member_a, agency_a):
    client = api_client(team_member_a)
    numbers = [
        client.post("/api/v1/red-tags/", _payload(agency_a), format="json", **headers).json()[
            "number"
        ]
        for headers in ({}, {}, {"HTTP_IDEMPOTENCY_KEY": "a"}, {"HTTP_IDEMPOTENCY_KEY": "b"})
    ]
    assert numbers == [1, 2, 3, 4]


def test_a_key_reused_for_another_tag_is_refused(api_client, team_member_a, agency_a):
    client = api_client(team_member_a)
    client.post("/api/v1/red-tags/", _payload(agency_a), format="json", HTTP_IDEMPOTENCY_KEY="k")
    other = client.post(
        "/api/v1/red-tags/",
        _payload(agency_a, item_name="Другое"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert other.status_code == 422
    assert RedTag.objects.count() == 1


def test_retried_sorting_posts_make_one_record(
    api_client, team_leader_a, keeper_a, agency_a, decided
):
    sorting_round, tag = decided
    leader = api_client(team_leader_a)
    bodies = [
        (
            leader,
            "/api/v1/sorting-rounds/",
            {"agency": agency_a.pk, "date_from": calendar.today().isoformat(), "rooms": "1"},
            SortingRound,
        ),
        (
            leader,
            f"/api/v1/sorting-lists/{unneeded_list(sorting_round).pk}/approvals/",
            {
                "role": "chief_accountant",
                "full_name": "Б.Б.",
                "position": "Бухгалтер",
                "agreed_on": calendar.today().isoformat(),
            },
            ListApproval,
        ),
        (
            api_client(keeper_a),
            "/api/v1/storage-admissions/",
            {"red_tag": tag.pk},
            StorageAdmission,
        ),
    ]
    for client, url, body, model in bodies:
        before = model.objects.count()
        first = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="k")
        second = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="k")
        assert first.status_code == second.status_code == 201, (url, first.json())
        assert second.json() == first.json()
        assert model.objects.count() == before + 1, url


def test_the_schema_documents_the_idempotency_key(api_client, administrator):
    schema = api_client(administrator).get("/api/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/red-tags/"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in parameters)


# --- Concurrency on PostgreSQL ---------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_double_submissions_of_the_tag_form_make_one_tag(team_member_a, agency_a):
    from sorting.services import classifier_load

    classifier_load()
    assert connection.vendor == "postgresql"
    data = _tag_form(agency_a, "t-1")

    def post(_index):
        client = Client()
        client.force_login(team_member_a)
        response = client.post(reverse("sorting:tag-create"), data)
        return response.status_code, response["Location"]

    results = in_parallel(post)
    tag = RedTag.objects.get()
    assert results == [(302, tag.get_absolute_url())] * THREADS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_retries_of_a_red_tag_post_make_one_tag(team_member_a, agency_a):
    from rest_framework.test import APIClient

    from sorting.services import classifier_load

    classifier_load()
    body = _payload(agency_a)

    def post(_index):
        client = APIClient()
        client.force_authenticate(team_member_a)
        response = client.post("/api/v1/red-tags/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")
        return response.status_code, response.json()["number"]

    assert in_parallel(post) == [(201, 1)] * THREADS
    assert RedTag.objects.count() == 1
