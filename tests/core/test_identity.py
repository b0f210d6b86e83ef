"""A user's roles, Person and agencies are remembered between requests (core.identity) and
forgotten the moment anything they derive from changes: a role given or taken, a person moved,
a team's agencies or members changed, an agency's head or curator replaced."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken

from agencies.models import TeamMembership
from core import identity
from core.roles import Role
from tests.agencies.factories import AgencyFactory
from tests.core.test_pdf_cache import UNREACHABLE_CACHE
from tests.core.test_settings import run_manage

pytestmark = pytest.mark.django_db

IDENTITY_TABLES = ("auth_user_groups", "agencies_person", "agencies_teammembership")


def _api(user):
    _, token = AuthToken.objects.create(user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")

    def get(path="/api/v1/agencies/"):
        return client.get(path)

    return get


def _visible_agencies(get):
    response = get()
    assert response.status_code == 200, response.content
    return sorted(row["short_name"] for row in response.json()["results"])


def _identity_queries(get):
    with CaptureQueriesContext(connection) as queries:
        assert get().status_code == 200
    return [q["sql"] for q in queries if any(table in q["sql"] for table in IDENTITY_TABLES)]


def test_the_second_request_does_not_ask_the_database_who_the_user_is(team_leader_a):
    get = _api(team_leader_a)
    assert len(_identity_queries(get)) >= 3  # groups, person, team agencies
    assert _identity_queries(get) == []


def test_a_role_given_or_taken_away_counts_from_the_next_request(no_role):
    get = _api(no_role)
    assert get().status_code == 403
    no_role.groups.add(Group.objects.get_or_create(name=Role.GOVERNOR_OFFICE)[0])
    assert get().status_code == 200
    no_role.groups.clear()
    assert get().status_code == 403


def test_a_person_moved_to_another_agency_reads_that_agency(team_member_a, agency_b):
    get = _api(team_member_a)
    assert _visible_agencies(get) == ["Департамент А"]
    TeamMembership.objects.filter(person__user=team_member_a).delete()
    person = team_member_a.person
    person.agency = agency_b
    person.save()
    assert _visible_agencies(get) == ["Департамент Б"]


def test_a_team_given_another_agency_or_a_new_member_is_seen_at_once(team_a, team_leader_a):
    get = _api(team_leader_a)
    assert _visible_agencies(get) == ["Департамент А"]
    team_a.agencies.add(AgencyFactory(short_name="Департамент В"))
    assert _visible_agencies(get) == ["Департамент А", "Департамент В"]


def test_leaving_a_team_that_covers_another_agency_ends_reading_it(team_a, team_member_a):
    other = AgencyFactory(short_name="Департамент В")
    team_a.agencies.add(other)
    get = _api(team_member_a)
    assert _visible_agencies(get) == ["Департамент А", "Департамент В"]
    TeamMembership.objects.filter(team=team_a, person__user=team_member_a).delete()
    assert _visible_agencies(get) == ["Департамент А"]


def test_an_agency_saved_without_its_head_or_curator_forgets_nothing(team_leader_a, agency_a):
    get = _api(team_leader_a)
    get()
    agency_a.save(update_fields=["steps_completed"])
    assert _identity_queries(get) == []
    agency_a.head = team_leader_a.person
    agency_a.save(update_fields=["head"])
    assert _identity_queries(get) != []


def test_a_change_is_forgotten_again_once_its_transaction_commits(
    team_a, django_capture_on_commit_callbacks
):
    """A request that read the database between the save and the commit saw the old
    memberships; the second renewal drops what it remembered."""
    with django_capture_on_commit_callbacks() as callbacks:
        team_a.agencies.add(AgencyFactory())
    assert identity._renew_generation in callbacks


def test_the_account_flags_are_never_remembered(team_leader_a):
    get = _api(team_leader_a)
    assert get().status_code == 200
    team_leader_a.is_active = False
    team_leader_a.save()
    assert get().status_code == 401


def test_an_unreachable_cache_means_the_database_is_asked(team_leader_a, caplog):
    with override_settings(CACHES=UNREACHABLE_CACHE):
        get = _api(team_leader_a)
        assert _visible_agencies(get) == ["Департамент А"]
        assert len(_identity_queries(get)) >= 3
    assert "Identity cache unreachable" in caplog.text


@pytest.mark.parametrize(
    ("cache_url", "seconds"),
    [("locmemcache://", "0"), ("redis://127.0.0.1:6379/13", "300")],
)
def test_identities_are_remembered_only_in_a_cache_every_process_shares(cache_url, seconds):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.IDENTITY_CACHE_SECONDS)",
        DJANGO_SETTINGS_MODULE="fives_portal.settings.local",
        CACHE_URL=cache_url,
    )
    assert result.stdout.strip().splitlines()[-1] == seconds, result.stderr


def test_a_migration_forgets_every_identity(team_leader_a):
    """A release that changes the models migrates first: the new code never reads what the
    previous release remembered."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    get = _api(team_leader_a)
    get()
    config = apps.get_app_config("agencies")
    post_migrate.send(
        sender=config,
        app_config=config,
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    assert _identity_queries(get) != []
