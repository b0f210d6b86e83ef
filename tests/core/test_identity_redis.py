"""Remembered identities (core.identity) in a real Redis, outside a test transaction, as the
web workers of production share them: a committed membership change is seen by the next
request, and a Redis that goes down only means the database is asked.

The Redis is this module's own redis-server on 127.0.0.1:6396; locally a missing
redis-server skips these tests, in CI (CI=true) it fails them."""

import pytest
from django.test import override_settings

from tests import brokers
from tests.agencies.factories import AgencyFactory
from tests.core.test_identity import _api, _identity_queries, _visible_agencies

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

redis_server = brokers.redis_server_fixture(6396, 0)


@pytest.fixture
def shared_cache(redis_server):
    if not redis_server.answers():
        redis_server.start()
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
        }
    }
    with override_settings(CACHES=caches):
        from django.core.cache import cache

        cache.clear()
        yield redis_server


def test_a_committed_change_reaches_the_next_request_and_redis_down_costs_only_queries(
    shared_cache, team_a, team_leader_a
):
    get = _api(team_leader_a)
    assert _visible_agencies(get) == ["Департамент А"]
    assert _identity_queries(get) == []  # from Redis
    team_a.agencies.add(AgencyFactory(short_name="Департамент В"))  # committed at once
    assert _visible_agencies(get) == ["Департамент А", "Департамент В"]

    shared_cache.stop()
    try:
        assert _visible_agencies(get) == ["Департамент А", "Департамент В"]
        assert len(_identity_queries(get)) >= 3
    finally:
        shared_cache.start()
