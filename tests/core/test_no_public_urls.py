"""Nothing in the portal is public: every route of every app, as the URL resolver lists it,
refuses an anonymous visitor (the login page, the language switch and the health check
excepted). New routes are covered the day they are added."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {
    "login",
    "logout",
    "set_language",
    "healthz",
    "api-token",
    # Recovering a forgotten password happens before signing in (issue 13 item 6).
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # The field sheet's service worker (issue 17 item 1): a script with no data, which the
    # browser re-fetches to update the worker even after the session has ended offline.
    "field-service-worker",
}
DUMMY = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _routes(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns == "admin":
                continue
            yield from _routes(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def _concrete(route):
    if "^" in route or "(?P" in route:
        # A regex route (DRF format suffixes): fill named groups with a plausible value.
        route = re.sub(r"\(\?P<format>[^)]*\)", "json", route)
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
        route = route.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
        return route
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: DUMMY.get(m.group(1) or "str", "x"), route)


ROUTES = sorted({(_concrete(route), name) for route, name in _routes() if name not in PUBLIC})


def test_the_resolver_lists_the_routes_of_every_app():
    paths = [path for path, _name in ROUTES]
    for prefix in ("agencies/", "api/v1/agencies/"):
        assert any(path.startswith(prefix) for path in paths), prefix


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), ROUTES)
def test_anonymous_visitor_is_refused(path, name, client):
    for method in (client.get, client.post):
        response = method("/" + path)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], (path, response["Location"])
        else:
            assert response.status_code in (401, 403, 405), (path, response.status_code)
