"""An accepted improvement proposal becomes a corrective action of the agency's Appendix 30
plan (§9.1 item 3, Appendix 36; §9.3): agencies refers to it by a generic reference that audits
registers (agencies.proposals.outcomes), never by importing audits."""

import pytest

from agencies.models import Proposal
from agencies.proposals.choices import Stage
from audits.models import CorrectiveAction, CorrectiveActionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(audit, agency_a):
    plan = CorrectiveActionPlan.objects.create(audit=audit)
    return CorrectiveAction.objects.create(
        plan=plan, step=2, number=1, remark="Нет маркировки полок", action="Подписать полки"
    )


def _at_standardise(client, agency):
    proposal_id = client.post(
        "/api/v1/proposals/",
        {"agency": agency.pk, "what": "Подписать полки", "where": "архив", "problem": "Поиск"},
        format="json",
    ).json()["id"]
    Proposal.objects.filter(pk=proposal_id).update(stage=Stage.STANDARDISE)
    return f"/api/v1/proposals/{proposal_id}/"


def test_a_proposal_links_to_a_corrective_action_of_its_agency(
    api_client, team_leader_a, agency_a, action
):
    client = api_client(team_leader_a)
    url = _at_standardise(client, agency_a)
    response = client.patch(
        url, {"outcome_kind": "corrective_action", "outcome_id": action.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["outcome_id"] == action.pk
    assert body["outcome_reference"] == str(action)
    assert Proposal.objects.get().outcome == action
    assert client.post(url + "advance/").json()["state"] == "standardised"


def test_another_agencys_action_or_an_unregistered_kind_is_refused(
    api_client, team_leader_b, agency_a, agency_b, action
):
    client = api_client(team_leader_b)
    url = _at_standardise(client, agency_b)
    wrong = client.patch(
        url, {"outcome_kind": "corrective_action", "outcome_id": action.pk}, format="json"
    )
    assert wrong.status_code == 400
    assert "outcome_id" in wrong.json()["errors"]
    unregistered = client.patch(url, {"outcome_kind": "standard", "outcome_id": 1}, format="json")
    assert unregistered.status_code == 400
    free = client.patch(
        url, {"outcome_kind": "standard", "outcome_reference": "5S-стандарт № 2"}, format="json"
    )
    assert free.status_code == 200
    assert free.json()["outcome_id"] is None
    assert Proposal.objects.get().outcome is None


def test_the_page_offers_the_agencys_actions_and_links_the_chosen_one(
    api_client, login, team_leader_a, agency_a, action
):
    url = _at_standardise(api_client(team_leader_a), agency_a)
    proposal = Proposal.objects.get()
    page = login(team_leader_a)
    assert (
        f"corrective_action:{action.pk}" in page.get(proposal.get_absolute_url()).content.decode()
    )
    response = page.post(
        proposal.get_absolute_url(),
        {
            "advance": "1",
            "outcome_kind": "",
            "outcome_reference": "",
            "outcome_target": f"corrective_action:{action.pk}",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "standardised"
    assert proposal.outcome == action
    assert proposal.outcome_kind == "corrective_action"
    assert url
