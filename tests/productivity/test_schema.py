"""The OpenAPI schema agrees with what every productivity endpoint answers (issue 10 item 10:
`kvc_base` is a number in responses but was documented as a string enum; the measurement POST
answers 201 but was documented as 200; the observations were untyped). Each response is
validated against the schema the portal publishes at /api/schema/."""

import jsonschema
import pytest
import yaml

from productivity.reference import manual_examples
from tests.productivity.factories import CorrectiveActionFactory, WorkplaceFactory, complete_study

pytestmark = pytest.mark.django_db

BASE = "/api/v1/productivity"


def _json_schema(node):
    """OpenAPI 3.0 → JSON Schema: `nullable` and boolean `exclusiveMinimum`."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("exclusiveMinimum", None) is True:
        node["exclusiveMinimum"] = node.pop("minimum")
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


@pytest.fixture
def schema(api_client, administrator):
    document = yaml.safe_load(api_client(administrator).get("/api/schema/").content)
    return {"paths": document["paths"], "components": _json_schema(document["components"])}


def check(schema, template, method, response):
    """The response's status is documented for the operation and its body validates."""
    operation = schema["paths"][template][method]
    documented = operation["responses"]
    assert str(response.status_code) in documented, (template, method, response.status_code)
    content = documented[str(response.status_code)].get("content")
    if response.status_code == 204:
        assert content is None and not response.content
        return
    body_schema = _json_schema(content["application/json"]["schema"])
    jsonschema.validate(
        response.json(),
        {**body_schema, "components": schema["components"]},
        cls=jsonschema.Draft202012Validator,
    )


def test_calculator_responses_match_the_schema(schema, api_client, governor):
    client = api_client(governor)
    example = manual_examples()["growth_example"]
    growth = client.post(
        f"{BASE}/growth/",
        {
            "cycle_before": example["cycle_before"],
            "cycle_after": example["cycle_after"],
            "available_before": example["available_before"],
            "available_after": example["available_after"],
        },
        format="json",
    )
    check(schema, f"{BASE}/growth/", "post", growth)
    piece = client.post(
        f"{BASE}/piece-rate/",
        {
            "cycle_time_s": 48,
            "manual_time_s": 24,
            "shift_h": 8,
            "available_h": 7.5,
            "hourly_rate": 60,
        },
        format="json",
    )
    check(schema, f"{BASE}/piece-rate/", "post", piece)
    headcount = client.post(
        f"{BASE}/headcount/",
        {"available_h": 7, "programme": 840, "operations": [{"cycle_time_s": 30}]},
        format="json",
    )
    check(schema, f"{BASE}/headcount/", "post", headcount)


def test_workplace_responses_match_the_schema(schema, api_client, team_leader_a, agency_a):
    client = api_client(team_leader_a)
    created = client.post(
        f"{BASE}/workplaces/",
        {"agency": agency_a.pk, "name": "Сборка", "hourly_rate": 60, "kvc_base": 0.5},
        format="json",
    )
    check(schema, f"{BASE}/workplaces/", "post", created)
    assert created.json()["kvc_base"] == 0.5  # a JSON number, as v1 has always written it
    pk = created.json()["id"]
    check(schema, f"{BASE}/workplaces/", "get", client.get(f"{BASE}/workplaces/"))
    check(schema, f"{BASE}/workplaces/{{id}}/", "get", client.get(f"{BASE}/workplaces/{pk}/"))
    patched = client.patch(f"{BASE}/workplaces/{pk}/", {"worker_share": 0.4}, format="json")
    check(schema, f"{BASE}/workplaces/{{id}}/", "patch", patched)
    put = client.put(
        f"{BASE}/workplaces/{pk}/",
        {"agency": agency_a.pk, "name": "Сборка 2", "hourly_rate": "61.50"},
        format="json",
    )
    check(schema, f"{BASE}/workplaces/{{id}}/", "put", put)


def test_study_responses_match_the_schema(schema, api_client, team_leader_a, agency_a):
    client = api_client(team_leader_a)
    workplace = WorkplaceFactory(agency=agency_a)
    complete_study(team_leader_a, workplace)
    action = CorrectiveActionFactory(plan__audit__agency=agency_a)
    created = client.post(
        f"{BASE}/studies/",
        {"workplace": workplace.pk, "title": "Т", "corrective_action": action.pk},
        format="json",
    )
    check(schema, f"{BASE}/studies/", "post", created)
    pk = created.json()["id"]
    measured = client.post(
        f"{BASE}/studies/{pk}/measurements/",
        {
            "phase": "before",
            "shift_h": 8,
            "operations": [{"name": "Сборка", "cycle_times_s": [48, 50], "manual_times_s": [24]}],
        },
        format="json",
    )
    check(schema, f"{BASE}/studies/{{id}}/measurements/", "post", measured)
    check(schema, f"{BASE}/studies/", "get", client.get(f"{BASE}/studies/"))
    check(schema, f"{BASE}/studies/{{id}}/", "get", client.get(f"{BASE}/studies/{pk}/"))
    patched = client.patch(f"{BASE}/studies/{pk}/", {"title": "Новое"}, format="json")
    check(schema, f"{BASE}/studies/{{id}}/", "patch", patched)
    put = client.put(f"{BASE}/studies/{pk}/", {"title": "Ещё"}, format="json")
    check(schema, f"{BASE}/studies/{{id}}/", "put", put)
    check(schema, f"{BASE}/studies/{{id}}/", "delete", client.delete(f"{BASE}/studies/{pk}/"))


def test_the_request_schema_of_a_study_update_is_the_write_serializer(schema):
    patch = schema["paths"][f"{BASE}/studies/{{id}}/"]["patch"]["requestBody"]
    reference = patch["content"]["application/json"]["schema"]["$ref"]
    properties = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]["properties"]
    assert set(properties) == {"workplace", "title", "improvement", "corrective_action"}


def test_results_response_matches_the_schema(schema, api_client, team_leader_a, agency_a):
    complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    response = api_client(team_leader_a).get(f"{BASE}/results/")
    check(schema, f"{BASE}/results/", "get", response)
