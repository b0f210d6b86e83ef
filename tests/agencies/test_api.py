import pytest
from knox.models import AuthToken

from tests.agencies.factories import AgencyFactory, PersonFactory, make_team

pytestmark = pytest.mark.django_db


def test_token_is_issued_for_valid_credentials_and_opens_the_api(client, team_leader_a):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "leader_a", "password": "secret-pass-123"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    # Stored only as a digest (issue 13): the token itself is nowhere in the database.
    assert AuthToken.objects.get(user=team_leader_a).digest != token
    listed = client.get("/api/v1/agencies/", HTTP_AUTHORIZATION=f"Token {token}")
    assert listed.status_code == 200
    assert [row["short_name"] for row in listed.json()["results"]] == ["Департамент А"]


def test_wrong_password_gets_no_token(client, team_leader_a):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "leader_a", "password": "wrong"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_anonymous_api_call_asks_for_a_token(client):
    response = client.get("/api/v1/agencies/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_leader_sees_only_people_of_their_agency(api_client, team_leader_a, team_b):
    response = api_client(team_leader_a).get("/api/v1/people/")
    agencies = {row["agency_name"] for row in response.json()["results"]}
    assert agencies == {"Департамент А"}


def test_people_filters_by_agency_training_and_working_group(
    api_client, governor, working_group, agency_a
):
    PersonFactory(agency=agency_a, full_name="Необученная Ольга", trained_on=None)
    client = api_client(governor)
    by_agency = client.get(f"/api/v1/people/?agency={agency_a.pk}").json()["results"]
    assert {row["full_name"] for row in by_agency} == {"Необученная Ольга"}
    untrained = client.get("/api/v1/people/?trained=false").json()["results"]
    assert [row["full_name"] for row in untrained] == ["Необученная Ольга"]
    group = client.get("/api/v1/people/?working_group=true").json()["results"]
    assert {row["full_name"] for row in group} == {
        m.person.full_name for m in working_group.memberships.select_related("person")
    }


def test_teams_list_their_members_with_the_leader(api_client, team_leader_a, team_a):
    rows = api_client(team_leader_a).get("/api/v1/teams/").json()["results"]
    assert len(rows) == 1
    assert rows[0]["leader"] == team_a.leader_id
    assert team_a.leader_id in rows[0]["members"]
    assert len(rows[0]["members"]) == 6


def test_lists_are_paginated(api_client, governor):
    AgencyFactory.create_batch(60)
    first = api_client(governor).get("/api/v1/agencies/").json()
    assert first["count"] == 60
    assert len(first["results"]) == 50
    assert first["next"]


def test_api_lists_take_a_fixed_number_of_queries(
    api_client, governor, django_assert_max_num_queries
):
    for _ in range(25):
        make_team(AgencyFactory(), size=5)
    client = api_client(governor)
    for url in ("/api/v1/agencies/", "/api/v1/people/", "/api/v1/teams/"):
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200


def test_no_role_user_is_refused_by_the_api(api_client, no_role):
    assert api_client(no_role).get("/api/v1/agencies/").status_code == 403


def test_openapi_schema_documents_the_foundation_endpoints(api_client, governor):
    response = api_client(governor).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/agencies/", "/api/v1/people/", "/api/v1/teams/", "/api/v1/auth/token/"):
        assert path in paths


def test_a_signed_in_employee_reads_their_own_record_to_find_their_sheets(
    api_client, auditor, working_group, django_assert_max_num_queries
):
    """GET /api/v1/people/me/: the id is the person_id of the auditor's score sheets, so a
    field client opens its own sheets instead of trying every auditor's."""
    from agencies.models import Person

    own = Person.objects.get(user=auditor)
    client = api_client(auditor)
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/people/me/")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["full_name"], body["agency_name"]) == (
        own.pk,
        "Аудиторов Антон Антонович",
        "Аппарат",
    )


def test_an_account_without_an_employee_record_gets_a_clear_404(api_client, governor):
    client = api_client(governor)
    response = client.get("/api/v1/people/me/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Учётная запись не связана с сотрудником ОИВ ЯО / СППО."
    english = client.get("/api/v1/people/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] == "This account is not linked to an employee of an agency."


def test_who_am_i_needs_a_sign_in(client):
    assert client.get("/api/v1/people/me/").status_code == 401
