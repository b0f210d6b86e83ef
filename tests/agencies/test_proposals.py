"""Improvement proposals (§9.1 item 3, seed 003 L1429–1447; Appendix 36): any employee
submits one (L1435), the 5S team takes it through identify → analyse («5 почему», L1403) →
options → decide → standardise (L1437–1445), with who and when per stage."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Proposal, ProposalStep
from agencies.proposals import rules, services
from agencies.proposals.choices import Stage
from core.models import Notice

pytestmark = pytest.mark.django_db

BODY = {"what": "Подписать полки в архиве", "where": "каб. 101", "problem": "Долго ищем дела"}


def _submit(client, agency):
    return client.post("/api/v1/proposals/", {"agency": agency.pk, **BODY}, format="json")


def test_the_stages_follow_the_regulation_in_order():
    assert rules.next_stage(Stage.IDENTIFY) == Stage.ANALYSE
    assert rules.next_stage(Stage.DECIDE) == Stage.STANDARDISE
    assert rules.next_stage(Stage.STANDARDISE) is None
    assert rules.stage_number(Stage.STANDARDISE) == 5


def test_an_employee_submits_and_the_team_takes_it_to_standardised(
    api_client, employee_a, team_leader_a, team_member_a, agency_a
):
    response = _submit(api_client(employee_a), agency_a)
    assert response.status_code == 201, response.json()
    proposal = response.json()
    assert proposal["stage"] == "identify"
    assert proposal["author"] is not None
    # The leader is responsible for the first stage and is told of the proposal.
    assert proposal["steps"][0]["responsible"] == agency_a.teams.get().leader_id
    assert Notice.objects.filter(kind="agencies.proposal_submitted").count() == 1
    url = f"/api/v1/proposals/{proposal['id']}/"
    team = api_client(team_member_a)
    # The employee does not run the stages.
    assert api_client(employee_a).post(url + "advance/").status_code == 403
    assert team.post(url + "advance/").json()["stage"] == "analyse"
    # The analysis needs its «5 почему» record and root cause.
    refused = team.post(url + "advance/")
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"whys", "root_cause"}
    team.patch(
        url,
        {
            "whys": [{"question": "Почему долго?", "answer": "Полки не подписаны"}],
            "root_cause": "Нет стандарта подписи",
        },
        format="json",
    )
    assert team.post(url + "advance/").json()["stage"] == "options"
    team.patch(url, {"options": "Этикетки; цветные папки"}, format="json")
    assert team.post(url + "advance/").json()["stage"] == "decide"
    team.patch(url, {"decision": "Этикетки до 01.04", "accepted": True}, format="json")
    at_standardise = team.post(url + "advance/").json()
    assert at_standardise["stage"] == "standardise"
    assert at_standardise["state"] == "open"
    team.patch(
        url,
        {"outcome_kind": "standard", "outcome_reference": "5S-стандарт № 3 «Архив»"},
        format="json",
    )
    done = team.post(url + "advance/").json()
    assert done["state"] == "standardised"
    assert [step["done_on"] is not None for step in done["steps"]] == [True] * 5
    assert team.post(url + "advance/").status_code == 409
    assert Notice.objects.filter(kind="agencies.proposal_closed").count() == 1


def test_a_proposal_not_accepted_ends_at_the_decision(api_client, team_leader_a, agency_a):
    client = api_client(team_leader_a)
    proposal = Proposal.objects.get(pk=_submit(client, agency_a).json()["id"])
    Proposal.objects.filter(pk=proposal.pk).update(stage=Stage.DECIDE)
    client.patch(
        f"/api/v1/proposals/{proposal.pk}/",
        {"decision": "Нецелесообразно", "accepted": False},
        format="json",
    )
    answer = client.post(f"/api/v1/proposals/{proposal.pk}/advance/").json()
    assert answer["state"] == "rejected"
    assert answer["stage"] == "decide"


def test_who_and_when_of_a_stage_are_named_and_the_person_told(
    api_client, team_leader_a, team_member_a, agency_a
):
    client = api_client(team_leader_a)
    proposal_id = _submit(client, agency_a).json()["id"]
    member = team_member_a.person
    response = client.post(
        f"/api/v1/proposals/{proposal_id}/plan/",
        {"stage": "identify", "responsible": member.pk, "due_on": "2026-12-01"},
        format="json",
    )
    assert response.status_code == 200
    step = ProposalStep.objects.get(proposal_id=proposal_id, stage="identify")
    assert step.responsible == member
    assert Notice.objects.filter(kind="agencies.proposal_step_assigned").count() == 1
    # The overdue reminder runs once per stage, person and date.
    import datetime

    today = datetime.date(2026, 12, 2)
    assert services.proposal_reminders_send(today=today) == 1
    assert services.proposal_reminders_send(today=today) == 0


def test_people_of_another_agency_and_the_governor_cannot_submit(
    api_client, team_leader_b, governor, agency_a
):
    # An agency the user may not see is not a valid choice of the body (400).
    assert _submit(api_client(team_leader_b), agency_a).status_code == 400
    assert _submit(api_client(governor), agency_a).status_code == 403
    assert not Proposal.objects.exists()


def test_the_service_refuses_a_stranger_and_saves_nothing(team_leader_b, agency_a):
    with pytest.raises(PermissionDenied):
        services.proposal_submit(actor=team_leader_b, agency=agency_a, **BODY)
    assert not Proposal.objects.exists()


def test_another_agencys_proposal_is_not_found(api_client, employee_a, team_leader_b, agency_a):
    proposal_id = _submit(api_client(employee_a), agency_a).json()["id"]
    assert api_client(team_leader_b).get(f"/api/v1/proposals/{proposal_id}/").status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_board_and_counts_stay_constant_as_proposals_grow(
    api_client, login, administrator, employee_a, agency_a, agency_b
):
    api = api_client(administrator)
    page = login(administrator)
    submitter = api_client(employee_a)
    _submit(submitter, agency_a)
    api.get("/api/v1/proposals/")  # the user's roles are read once per request object
    counts = []
    for _round in range(3):
        for _ in range(2):
            _submit(submitter, agency_a)
        counts.append(
            (
                _queries(api, "/api/v1/proposals/"),
                _queries(api, "/api/v1/proposal-counts/"),
                _queries(page, f"/agencies/{agency_a.pk}/proposals/"),
                _queries(page, "/agencies/proposals/"),
            )
        )
    assert counts[0] == counts[1] == counts[2]
    rows = {row["agency"]: row for row in api.get("/api/v1/proposal-counts/").json()}
    assert rows[agency_a.pk]["total"] == 7
    assert rows[agency_a.pk]["identify"] == 7
    assert rows[agency_b.pk]["total"] == 0


def test_the_pages_answer_by_role(login, employee_a, team_leader_b, governor, no_role, agency_a):
    employee = login(employee_a)
    assert employee.get(f"/agencies/{agency_a.pk}/proposals/new/").status_code == 200
    response = employee.post(f"/agencies/{agency_a.pk}/proposals/new/", BODY)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert employee.get(proposal.get_absolute_url()).status_code == 200
    # Only the team runs the stages: the employee's POST is refused.
    assert employee.post(proposal.get_absolute_url(), {"advance": "1"}).status_code == 403
    assert login(governor).get(f"/agencies/{agency_a.pk}/proposals/").status_code == 200
    assert login(governor).get(f"/agencies/{agency_a.pk}/proposals/new/").status_code == 403
    assert login(team_leader_b).get(proposal.get_absolute_url()).status_code == 404
    assert login(team_leader_b).get(f"/agencies/{agency_a.pk}/proposals/").status_code == 404
    assert login(no_role).get("/agencies/proposals/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_write_paths_outside_a_test_transaction(api_client, employee_a, team_leader_a, agency_a):
    """Submitting (its notice sent by the outbox after the commit), closing a stage and
    recording a session run as they do in production (PostgreSQL in CI)."""
    proposal = _submit(api_client(employee_a), agency_a).json()
    assert proposal["stage"] == "identify"
    notice = Notice.objects.get(kind="agencies.proposal_submitted")
    assert notice.sent_at is not None
    advanced = api_client(team_leader_a).post(f"/api/v1/proposals/{proposal['id']}/advance/")
    assert advanced.json()["stage"] == "analyse"
    people = [person.pk for person in agency_a.people.all()[:7]]
    session = api_client(team_leader_a).post(
        "/api/v1/training-sessions/",
        {
            "agency": agency_a.pk,
            "date": "2026-03-02",
            "topic": "Применение 5S-стандартов",
            "duration_hours": "1",
            "attendees": people,
        },
        format="json",
    )
    assert session.status_code == 201


def test_the_board_filters_by_state(login, api_client, employee_a, team_leader_a, agency_a):
    client = api_client(employee_a)
    first = _submit(client, agency_a).json()["id"]
    _submit(client, agency_a)
    Proposal.objects.filter(pk=first).update(state="rejected")
    page = login(team_leader_a)
    board = page.get(f"/agencies/{agency_a.pk}/proposals/?state=rejected").content.decode()
    assert f"№ {first}:" in board
    assert board.count("board-card") == 1
    assert page.get(f"/agencies/{agency_a.pk}/proposals/?state=nonsense").status_code == 200
