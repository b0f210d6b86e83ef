"""Every page and endpoint of the foundation, for every role: who gets it and who is refused.

Codes: 200 allowed; 302 anonymous sent to the login page; 403 signed in but not allowed;
404 the object is outside what the user may see (its existence is not disclosed).
"""

import pytest

from tests.agencies.factories import PersonFactory

ROLES = [
    "anonymous",
    "no_role",
    "employee_a",
    "team_member_a",
    "team_leader_a",
    "team_leader_b",
    "auditor",
    "group_head",
    "governor",
    "administrator",
]
SIGNED_IN = set(ROLES) - {"anonymous"}
WITH_ROLE = SIGNED_IN - {"no_role"}
SEES_AGENCY_A = {
    "employee_a",
    "team_member_a",
    "team_leader_a",
    "auditor",
    "group_head",
    "governor",
    "administrator",
}
REGION_READERS_NOT_CHANGING = {"auditor", "group_head", "governor"}


def expect(allowed, *, hidden=(), forbidden=None, anonymous=302):
    """Build the expected status per role: allowed → 200, hidden → 404, anonymous → 302 (or
    401 for the API), everyone else → 403."""
    result = {}
    for role in ROLES:
        if role == "anonymous":
            result[role] = anonymous
        elif role in allowed:
            result[role] = 200
        elif role in hidden:
            result[role] = 404
        else:
            result[role] = 403 if forbidden is None or role in forbidden else 404
    return result


MATRIX = {
    "/": expect(SIGNED_IN),
    "/agencies/": expect(SIGNED_IN),
    "/agencies/{agency_a}/": expect(SEES_AGENCY_A, hidden={"team_leader_b", "no_role"}),
    "/agencies/teams/{team_a}/": expect(SEES_AGENCY_A, hidden={"team_leader_b", "no_role"}),
    "/agencies/teams/{team_a}/edit/": expect(
        {"team_leader_a", "administrator"}, hidden={"team_leader_b", "no_role"}
    ),
    "/agencies/{agency_a}/teams/new/": expect(
        {"team_leader_a", "administrator"}, hidden={"team_leader_b", "no_role"}
    ),
    "/agencies/{agency_a}/people/new/": expect(
        {"team_leader_a", "administrator"}, hidden={"team_leader_b", "no_role"}
    ),
    "/agencies/people/{person_a}/edit/": expect(
        {"team_leader_a", "administrator"}, hidden={"team_leader_b", "no_role"}
    ),
    "/agencies/working-group/": expect(WITH_ROLE),
    "/agencies/working-group/edit/": expect({"group_head", "administrator"}),
    "/api/v1/agencies/": expect(WITH_ROLE, anonymous=401),
    "/api/v1/agencies/{agency_a}/": expect(SEES_AGENCY_A, hidden={"team_leader_b"}, anonymous=401),
    "/api/v1/people/": expect(WITH_ROLE, anonymous=401),
    "/api/v1/teams/": expect(WITH_ROLE, anonymous=401),
    "/api/v1/teams/{team_a}/": expect(SEES_AGENCY_A, hidden={"team_leader_b"}, anonymous=401),
    "/api/schema/": expect(SIGNED_IN, anonymous=401),
    "/api/docs/": expect(SIGNED_IN, anonymous=401),
}


@pytest.fixture
def world(team_a, team_b, employee_a, working_group, governor, administrator, no_role):
    return {
        "agency_a": team_a.agencies.get().pk,
        "team_a": team_a.pk,
        "person_a": PersonFactory(agency=team_a.agencies.get()).pk,
    }


def user_for(role, request):
    if role == "anonymous":
        return None
    return request.getfixturevalue(role)


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_every_role_gets_exactly_what_it_may_see(url_template, world, request, client):
    url = url_template.format(**world)
    seen = {}
    for role in ROLES:
        user = user_for(role, request)
        client.logout()
        if user is not None:
            client.force_login(user)
        seen[role] = client.get(url).status_code
    assert seen == MATRIX[url_template]


def test_admin_site_is_for_administrators_only(world, request, client):
    for role in ROLES:
        client.logout()
        user = user_for(role, request)
        if user is not None:
            client.force_login(user)
        status = client.get("/admin/").status_code
        assert status == (200 if role == "administrator" else 302), role


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("team_leader_b", 404),
        ("team_member_a", 403),
        ("employee_a", 403),
        ("governor", 403),
        ("auditor", 403),
        ("group_head", 403),
    ],
)
def test_refused_roles_cannot_change_a_team_by_post(role, status, world, request, client, team_a):
    client.force_login(request.getfixturevalue(role))
    before = set(team_a.memberships.values_list("person_id", flat=True))
    response = client.post(f"/agencies/teams/{team_a.pk}/edit/", {"name": "Захват", "members": []})
    assert response.status_code == status
    team_a.refresh_from_db()
    assert team_a.name != "Захват"
    assert set(team_a.memberships.values_list("person_id", flat=True)) == before


def test_governor_office_cannot_change_the_working_group(world, governor, client, working_group):
    client.force_login(governor)
    response = client.post(
        "/agencies/working-group/edit/", {"name": "x", "head": working_group.head_id}
    )
    assert response.status_code == 403
    working_group.refresh_from_db()
    assert working_group.name != "x"
