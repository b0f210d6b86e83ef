"""One FilterSet per list (productivity.filters), applied inside the selector and used by the
page and the API alike: a malformed filter (`?agency=²`, a 5,000-digit or a 20-digit id,
`-1.79e308`, an unknown state) was a server error on both; the API now answers 400 naming the
parameter and the page shows the message above the list."""

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError
from productivity import selectors
from tests.productivity.factories import StudyFactory, WorkplaceFactory, complete_study

pytestmark = pytest.mark.django_db

STUDIES = "/api/v1/productivity/studies/"
WORKPLACES = "/api/v1/productivity/workplaces/"
BAD_IDS = ["²", "9" * 5000, "99999999999999999999", "-1.79e308", "abc", "0"]


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize(("url", "parameter"), [(STUDIES, "agency"), (STUDIES, "workplace")])
def test_api_study_list_refuses_a_malformed_id_naming_the_parameter(
    api_client, governor, url, parameter, value
):
    response = api_client(governor).get(url, {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


@pytest.mark.parametrize("value", BAD_IDS)
def test_api_workplace_list_refuses_a_malformed_agency(api_client, governor, value):
    response = api_client(governor).get(WORKPLACES, {"agency": value})
    assert response.status_code == 400
    assert "agency" in response.json()["errors"]


def test_api_study_list_refuses_an_unknown_state(api_client, governor):
    response = api_client(governor).get(STUDIES, {"state": "zzz"})
    assert response.status_code == 400
    assert "state" in response.json()["errors"]


def test_filters_still_filter(api_client, governor, team_leader_a, agency_a, agency_b):
    study = complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    StudyFactory(workplace=WorkplaceFactory(agency=agency_b))
    client = api_client(governor)
    by_agency = client.get(STUDIES, {"agency": agency_a.pk}).json()
    assert [row["id"] for row in by_agency["results"]] == [study.pk]
    assert client.get(STUDIES, {"state": "complete"}).json()["count"] == 1
    assert client.get(STUDIES, {"state": "open"}).json()["count"] == 1
    assert client.get(STUDIES, {"workplace": study.workplace_id}).json()["count"] == 1
    assert client.get(WORKPLACES, {"agency": agency_b.pk}).json()["count"] == 1


def test_the_selector_applies_the_filterset(governor, agency_a, agency_b):
    StudyFactory(workplace=WorkplaceFactory(agency=agency_a))
    StudyFactory(workplace=WorkplaceFactory(agency=agency_b))
    assert selectors.study_list(user=governor, filters={"agency": agency_a.pk}).count() == 1
    with pytest.raises(ApplicationError) as caught:
        selectors.study_list(user=governor, filters={"agency": "²"})
    assert "agency" in caught.value.details


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize(
    ("name", "parameter"),
    [
        ("productivity:index", "agency"),
        ("productivity:index", "workplace"),
        ("productivity:workplace-list", "agency"),
    ],
)
def test_pages_show_a_malformed_filter_above_the_list(
    login, administrator, agency_a, name, parameter, value
):
    StudyFactory(workplace=WorkplaceFactory(agency=agency_a), title="Видимое исследование")
    response = login(administrator).get(reverse(name), {parameter: value})
    assert response.status_code == 200
    assert parameter in response.context["filter_errors"]
    assert 'class="field-error"' in response.content.decode()


@pytest.mark.parametrize("value", ["²", "9" * 5000, "99999999999999999999"])
def test_new_study_page_ignores_a_malformed_workplace(login, team_leader_a, agency_a, value):
    WorkplaceFactory(agency=agency_a)
    response = login(team_leader_a).get(reverse("productivity:study-create"), {"workplace": value})
    assert response.status_code == 200


def test_schema_documents_the_list_filters(api_client, administrator):
    import yaml

    schema = yaml.safe_load(api_client(administrator).get("/api/schema/").content)
    studies = {p["name"] for p in schema["paths"][STUDIES]["get"]["parameters"]}
    assert {"agency", "workplace", "state", "page"} <= studies
    workplaces = {p["name"] for p in schema["paths"][WORKPLACES]["get"]["parameters"]}
    assert {"agency", "page"} <= workplaces
