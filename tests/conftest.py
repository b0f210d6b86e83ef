"""Shared fixtures: the named roles every permission test uses.

agency_a / agency_b are two executive bodies with a 5S team each. Users:
  team_leader_a, team_member_a, employee_a  — work in agency A;
  team_leader_b                               — leads agency B's team;
  auditor, auditor2, auditor3, group_head     — the working group;
  governor                                    — the governor's office (reads only);
  administrator, no_role (signed in, no role), and anonymous (the plain `client`).
demo_region loads `manage.py load_demo` for the demo-data tests of each app.
"""

import io
import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from core.roles import Role
from tests.agencies.factories import (
    AgencyFactory,
    PersonFactory,
    UserFactory,
    make_team,
    make_working_group,
)

PASSWORD = "secret-pass-123"


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def agency_a(db):
    return AgencyFactory(short_name="Департамент А", full_name="Департамент А Ярославской области")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(short_name="Департамент Б", full_name="Департамент Б Ярославской области")


def _person_with_user(agency, username, role, **kwargs):
    user = UserFactory(username=username, roles=[role])
    return PersonFactory(agency=agency, user=user, full_name=kwargs.get("full_name", username))


@pytest.fixture
def team_a(agency_a):
    leader = _person_with_user(
        agency_a, "leader_a", Role.TEAM_LEADER, full_name="Лидеров Лев Львович"
    )
    team = make_team(agency_a, leader=leader, size=5)
    member = _person_with_user(
        agency_a, "member_a", Role.TEAM_MEMBER, full_name="Членова Мария Ивановна"
    )
    team.memberships.create(person=member)
    return team


@pytest.fixture
def team_b(agency_b):
    leader = _person_with_user(
        agency_b, "leader_b", Role.TEAM_LEADER, full_name="Другов Борис Борисович"
    )
    return make_team(agency_b, leader=leader, size=5)


@pytest.fixture
def team_leader_a(team_a):
    return team_a.leader.user


@pytest.fixture
def team_member_a(team_a):
    return team_a.memberships.get(person__user__username="member_a").person.user


@pytest.fixture
def employee_a(agency_a):
    return _person_with_user(agency_a, "employee_a", Role.EMPLOYEE).user


@pytest.fixture
def team_leader_b(team_b):
    return team_b.leader.user


@pytest.fixture
def working_group(db):
    home = AgencyFactory(short_name="Аппарат", full_name="Аппарат Правительства области")
    head = _person_with_user(
        home, "group_head", Role.WORKING_GROUP_HEAD, full_name="Главнов Глеб Глебович"
    )
    auditors = [
        _person_with_user(home, name, Role.WORKING_GROUP_AUDITOR, full_name=full)
        for name, full in [
            ("auditor", "Аудиторов Антон Антонович"),
            ("auditor2", "Проверкина Полина Павловна"),
            ("auditor3", "Оценщиков Олег Олегович"),
        ]
    ]
    return make_working_group(head, auditors)


@pytest.fixture
def group_head(working_group):
    return working_group.head.user


@pytest.fixture
def auditor(working_group):
    return working_group.memberships.get(person__user__username="auditor").person.user


@pytest.fixture
def auditor2(working_group):
    return working_group.memberships.get(person__user__username="auditor2").person.user


@pytest.fixture
def auditor3(working_group):
    return working_group.memberships.get(person__user__username="auditor3").person.user


@pytest.fixture
def governor(db):
    return UserFactory(username="governor", roles=[Role.GOVERNOR_OFFICE])


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", roles=[Role.ADMINISTRATOR], is_staff=True)


@pytest.fixture
def no_role(db):
    return UserFactory(username="no_role")


@pytest.fixture
def demo_region(db):
    # A transactional (browser) test on the same worker flushes the roles' data migration.
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    call_command("load_demo", quiet=True, stdout=io.StringIO())


@pytest.fixture
def login():
    """login(user) -> a Django test client signed in as that user."""
    return _client_for


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture(autouse=True, scope="session")
def _celery_configured():
    """Celery reads its configuration from Django's settings once, when first asked. Ask now,
    with the suite's settings: a test that overrides CELERY_* settings for a moment must not be
    the one whose values every later test of the worker process inherits."""
    from fives_portal.celery import app

    assert app.conf.task_always_eager


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters (core.ratelimit) live in the cache: one test's requests must not
    # count against the next one's.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # PRIVATE_MEDIA_ROOT first: changing MEDIA_ROOT then makes the file storages forget the
    # location they cached.
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    settings.MEDIA_ROOT = str(tmp_path / "media")


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (row locks, concurrency) skip on the embedded SQLite locally;
    CI always points DATABASE_URL at PostgreSQL, so there they run."""
    if "postgres" in os.environ.get("DATABASE_URL", "") or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _no_session_left_on_the_test_database(django_db_setup, django_db_blocker):
    """At the end of the run the test database is dropped, and PostgreSQL refuses while another
    session holds it. A worker process a test killed (tests/core/test_outbox_broker.py kills one
    with SIGKILL on purpose) can leave its backend behind for a moment; CI once failed on that at
    teardown. Such sessions are ended here, and named, so a real leak still shows in the log."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 80) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        leftovers = cursor.fetchall()
        for pid, *about in leftovers:
            print(f"\nending a session left on the test database: {pid} {about}")
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
