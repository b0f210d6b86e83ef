"""The deployment plan of a joint 5S team (issue 14, Deliver 2): a team of several СППО of one
curating deputy governor (§4.3, L411, L413) has one plan per plan year for all of them
(Appendix 10, L3637: the plan «касается конкретного СППО или нескольких СППО»), which every
СППО of the team reads, lists and edits, and which their curator approves (L555, L3637). The
page and the PDF name the team and its СППО (the heading, L3593–L3595)."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.deployment import services
from agencies.deployment.models import DeploymentPlan
from core.exceptions import ApplicationError
from core.roles import Role
from tests.agencies.deployment.helpers import fill_within_maxima, make_joint_team
from tests.agencies.factories import AgencyFactory, PersonFactory, UserFactory, make_team

D = datetime.date
URL = "/api/v1/deployment-plans/"


@pytest.fixture
def today(monkeypatch):
    from core import calendar

    day = D(2027, 1, 20)
    monkeypatch.setattr(calendar, "today", lambda: day)
    return day


@pytest.fixture
def joint(db):
    return make_joint_team("Совместная")


@pytest.fixture
def leader(joint):
    return joint[0].leader.user


def _user(agency, username, role):
    return PersonFactory(agency=agency, user=UserFactory(username=username, roles=[role])).user


@pytest.fixture
def member_2(joint):
    """A team member who works in the second СППО."""
    team, _first, second, _curator = joint
    user = _user(second, "member_2", Role.TEAM_MEMBER)
    team.memberships.create(person=user.person)
    return user


@pytest.fixture
def employee_2(joint):
    """An employee of the second СППО, not in the team."""
    return _user(joint[2], "employee_2", Role.EMPLOYEE)


@pytest.fixture
def head_2(joint):
    """The second СППО's own head: reads the team's plan, does not approve it (L555)."""
    second = joint[2]
    user = _user(second, "head_2", Role.EMPLOYEE)
    second.head = user.person
    second.save()
    return user


@pytest.fixture
def plan(template, joint, leader):
    return services.plan_create(actor=leader, agency=joint[1], year=2026)


# --- one plan per joint team and year ----------------------------------------------------------


def test_the_team_makes_one_plan_for_its_sppo_and_a_second_is_refused_naming_the_team(
    api_client, template, joint, leader
):
    team, first, second, _curator = joint
    client = api_client(leader)
    created = client.post(URL, {"agency": first.pk, "year": 2026}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["team"] == team.pk and sorted(body["team_agencies"]) == [first.pk, second.pk]
    refused = client.post(URL, {"agency": second.pk, "year": 2026}, format="json")
    assert refused.status_code == 400
    error = refused.json()
    assert set(error) == {"detail", "errors"} and list(error["errors"]) == ["year"]
    assert "2026" in error["detail"] and "5S-команда Совместная" in error["detail"]
    assert error["detail"].count("5S-команд") == 1
    assert client.post(URL, {"agency": first.pk, "year": 2026}, format="json").status_code == 400
    # Another plan year of the same team is its own plan.
    assert client.post(URL, {"agency": second.pk, "year": 2027}, format="json").status_code == 201
    assert DeploymentPlan.objects.filter(team=team).count() == 2


def test_a_plan_made_before_the_team_was_joined_counts_as_the_teams(template, joint, leader, plan):
    """A plan of one of the team's СППО (even recorded without the team) blocks a second."""
    DeploymentPlan.objects.filter(pk=plan.pk).update(team=None)
    with pytest.raises(ApplicationError) as refused:
        services.plan_create(actor=leader, agency=joint[2], year=2026)
    assert "2026" in str(refused.value.details["year"])


def test_a_single_agencys_plan_is_still_one_per_agency(
    api_client, template, team_leader_a, agency_a
):
    """The joint rule does not touch an ОИВ ЯО's own team (the per-agency message stays)."""
    client = api_client(team_leader_a)
    assert client.post(URL, {"agency": agency_a.pk, "year": 2026}, format="json").status_code == 201
    refused = client.post(URL, {"agency": agency_a.pk, "year": 2026}, format="json")
    assert refused.status_code == 400 and "ОИВ ЯО / СППО" in refused.json()["detail"]


# --- every СППО of the team sees and edits it ------------------------------------------------


def test_the_plan_is_listed_for_each_sppo_of_the_team(
    api_client, plan, joint, governor, employee_2, head_2
):
    _team, first, second, curator = joint
    other = AgencyFactory(curator=curator)
    for agency in (first, second):
        listed = api_client(governor).get(URL, {"agency": agency.pk}).json()
        assert [row["id"] for row in listed["results"]] == [plan.pk]
    assert api_client(governor).get(URL, {"agency": other.pk}).json()["count"] == 0
    for reader in (employee_2, head_2, get_user_model().objects.get(username="curator_Совместная")):
        client = api_client(reader)
        assert [row["id"] for row in client.get(URL).json()["results"]] == [plan.pk]
        assert client.get(URL, {"agency": second.pk}).json()["count"] == 1
        assert client.get(f"{URL}{plan.pk}/").status_code == 200


def test_outside_the_team_the_plan_is_not_seen(api_client, login, plan, curator_free_sppo):
    outsider = curator_free_sppo
    assert api_client(outsider).get(URL).json()["count"] == 0
    assert api_client(outsider).get(f"{URL}{plan.pk}/").status_code == 404
    assert login(outsider).get(plan.get_absolute_url()).status_code == 404


@pytest.fixture
def curator_free_sppo(joint):
    """The leader of another СППО of the same curator with its own team: not in the joint team."""
    _team, _first, _second, curator = joint
    agency = AgencyFactory(curator=curator, short_name="Отдельный СППО")
    leader = _user(agency, "leader_other", Role.TEAM_LEADER)
    make_team(agency, leader=leader.person)
    return leader


def test_a_member_from_the_second_sppo_edits_the_plan_an_employee_does_not(
    api_client, plan, member_2, employee_2
):
    activity = plan.activities.get(section="4.1", number=7)
    url = f"{URL}{plan.pk}/activities/{activity.pk}/"
    body = {"planned_start": "2026-02-02", "planned_end": "2026-02-15"}
    assert api_client(employee_2).patch(url, body, format="json").status_code == 403
    changed = api_client(member_2).patch(url, body, format="json")
    assert changed.status_code == 200 and changed.json()["planned_end"] == "2026-02-15"


def test_can_edit_plan_covers_each_sppo_of_the_team(plan, joint, template):
    """The team of any СППО of the joint team edits; checked on a user whose person works in
    the second СППО only and whose own team lists only it (agency_ids_of would not reach the
    first)."""
    from agencies.deployment import permissions

    second = joint[2]
    own = _user(second, "leader_own", Role.TEAM_LEADER)
    make_team(second, leader=own.person)
    assert not permissions.can_edit(own, plan.agency)
    assert permissions.can_edit_plan(own, plan)


def test_the_curator_approves_the_joint_plan_not_the_heads(
    api_client, plan, joint, head_2, today, leader
):
    _team, first, _second, curator = joint
    first.head = PersonFactory(agency=first, user=UserFactory(username="head_1"))
    first.save()
    fill_within_maxima(plan)
    url = f"{URL}{plan.pk}/approve/"
    assert api_client(head_2).post(url, {}, format="json").status_code == 403
    assert api_client(first.head.user).post(url, {}, format="json").status_code == 403
    assert api_client(leader).post(url, {}, format="json").status_code == 403
    approved = api_client(curator.person.user).post(url, {}, format="json")
    assert approved.status_code == 200, approved.json()
    plan.refresh_from_db()
    assert plan.approver == curator.person and not plan.on_behalf


# --- the page and the PDF name the team and its СППО ------------------------------------------


def test_the_page_and_the_pdf_name_the_team_and_its_sppo(login, plan, employee_2, leader):
    from pypdf import PdfReader

    page = login(employee_2).get(plan.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="joint-team"' in html and "5S-команда Совместная:" in html
    assert "Совместная СППО 1" in html and "Совместная СППО 2" in html
    listed = login(employee_2).get(reverse("agencies:deployment-plans")).content.decode()
    assert "Совместная СППО 2" in listed and "совместный план, 5S-команда Совместная" in listed
    response = login(leader).get(reverse("agencies:deployment-plan-pdf", args=[plan.pk]))
    assert response.status_code == 200
    text = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        ).split()
    )
    assert (
        "План развёртывания системы 5S в Совместная структурное подразделение 1; Совместная "
        "структурное подразделение 2 (совместный план: 5S-команда Совместная) на 2026 год"
    ) in text
    assert "5S-команда 5S-команда" not in text and "5S-команда «5S-команда" not in text


def test_a_heading_names_the_5s_team_once_whatever_its_name(plan):
    """A team name that says «5S-команда» is shown as it is; another gets the words once."""
    from agencies.deployment.documents import plan_title

    for name, shown in (
        ("5S-команда Совместная", "(совместный план: 5S-команда Совместная)"),
        ("Объединённая 5s команда: А, Б", "(совместный план: Объединённая 5s команда: А, Б)"),
        ("Альфа", "(совместный план: 5S-команда «Альфа»)"),
    ):
        plan.team.name = name
        title = plan_title(plan)
        assert shown in title
        assert title.casefold().count("5s") == 2  # «системы 5S» and the team's once


# --- two СППО of the team at the same moment (PostgreSQL) ------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_plans_for_two_sppo_of_the_team_make_one():
    """The lock on the team's row serialises the two creates: one 201, one 400."""
    from rest_framework.test import APIClient

    from tests.agencies.deployment.helpers import load_template
    from tests.concurrency import outcomes_in_parallel

    load_template()
    team, first, second, _curator = make_joint_team("Параллельная")

    def create(index):
        client = APIClient()
        client.force_authenticate(get_user_model().objects.get(pk=team.leader.user_id))
        agency = (first, second)[index]
        return client.post(URL, {"agency": agency.pk, "year": 2026}, format="json").status_code

    assert sorted(outcomes_in_parallel(create, count=2)) == [201, 400]
    assert DeploymentPlan.objects.filter(year=2026).count() == 1
