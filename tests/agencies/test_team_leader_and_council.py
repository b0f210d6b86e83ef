"""The two §4.2–4.3 composition rules added by issue 12 item 6 (seed 003 L379–415):
- members (and the secretary) of the council at the Governor (L163) may not be on a 5S team
  (L415);
- the leader's position is at least head of department in a СППО, committee chairman in an
  ОИВ ЯО with committees, head of department in one without (L379), checked when the leader is
  set, with the message citing the rule."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from agencies import team_rules
from agencies.choices import AgencyKind, CouncilRole, PositionLevel
from agencies.models import FiveSTeam, Person, TeamMembership
from agencies.services import TeamComposition, person_save, team_create, team_update
from core.exceptions import ApplicationError
from tests.agencies.factories import AgencyFactory, CuratorFactory, PersonFactory

pytestmark = pytest.mark.django_db

EXECUTIVE = AgencyKind.EXECUTIVE_BODY
SUBDIVISION = AgencyKind.APPARATUS_SUBDIVISION


def _composition(agencies, people, **kwargs):
    return TeamComposition(
        name=kwargs.pop("name", "5S-команда"),
        agencies=agencies,
        leader=people[0],
        members=people[1:],
        period_start=datetime.date(2026, 3, 1),
        **kwargs,
    )


def _people(agency, count, **leader_fields):
    return [PersonFactory(agency=agency, **leader_fields)] + [
        PersonFactory(agency=agency) for _ in range(count - 1)
    ]


# --- The pure rule (L379) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "committees", "level", "allowed"),
    [
        # СППО: not below head of department.
        (SUBDIVISION, False, PositionLevel.BELOW_DEPARTMENT_HEAD, False),
        (SUBDIVISION, False, PositionLevel.DEPARTMENT_HEAD, True),
        (SUBDIVISION, False, PositionLevel.HEAD, True),
        # ОИВ ЯО with committees: not below committee chairman.
        (EXECUTIVE, True, PositionLevel.DEPARTMENT_HEAD, False),
        (EXECUTIVE, True, PositionLevel.COMMITTEE_CHAIR, True),
        (EXECUTIVE, True, PositionLevel.DEPUTY_HEAD, True),
        # ОИВ ЯО without committees: not below head of department.
        (EXECUTIVE, False, PositionLevel.BELOW_DEPARTMENT_HEAD, False),
        (EXECUTIVE, False, PositionLevel.DEPARTMENT_HEAD, True),
        # A level not given cannot be shown to satisfy the rule.
        (EXECUTIVE, False, "", False),
    ],
)
def test_the_leaders_level_rule_at_its_boundaries(kind, committees, level, allowed):
    assert (
        team_rules.leader_level_sufficient(level, agency_kind=kind, has_committees=committees)
        is allowed
    )


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Начальник отдела кадров", PositionLevel.DEPARTMENT_HEAD),
        ("Заместитель начальника отдела", PositionLevel.BELOW_DEPARTMENT_HEAD),
        ("Председатель комитета по туризму", PositionLevel.COMMITTEE_CHAIR),
        ("Директор департамента", PositionLevel.HEAD),
        ("Начальник управления", PositionLevel.HEAD),
        ("Консультант", PositionLevel.BELOW_DEPARTMENT_HEAD),
        ("", ""),
    ],
)
def test_a_title_names_its_level(title, level):
    assert team_rules.position_level_from_title(title) == level


# --- The leader, through the service ---------------------------------------------------------


def test_a_leader_below_committee_chairman_is_refused_where_there_are_committees(administrator):
    agency = AgencyFactory(staff_headcount=40, has_committees=True)
    people = _people(agency, 5, full_name="Отделов Олег", position_level="department_head")
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=_composition([agency], people))
    message = error.value.details["leader"]
    assert "не ниже начальника отдела в СППО или председателя комитета в ОИВ ЯО" in message
    assert "пункт 4.2" in message and "«Председатель комитета»" in message
    assert "Отделов Олег" in message
    assert not FiveSTeam.objects.exists() and not TeamMembership.objects.exists()


def test_a_committee_chairman_leads_where_there_are_committees(administrator):
    agency = AgencyFactory(staff_headcount=40, has_committees=True)
    people = _people(agency, 5, position_level=PositionLevel.COMMITTEE_CHAIR)
    team, _warnings = team_create(actor=administrator, composition=_composition([agency], people))
    assert team.leader == people[0]


def test_a_head_of_department_leads_a_subdivisions_team_but_not_a_deputy(administrator):
    curator = CuratorFactory()
    agencies = [
        AgencyFactory(kind=SUBDIVISION, staff_headcount=20, curator=curator) for _ in range(2)
    ]
    below = _people(agencies[0], 5, position_level=PositionLevel.BELOW_DEPARTMENT_HEAD)
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=_composition(agencies, below))
    assert "«Начальник отдела»" in error.value.details["leader"]
    assert not FiveSTeam.objects.exists()
    below[0].position_level = PositionLevel.DEPARTMENT_HEAD
    team, _warnings = team_create(actor=administrator, composition=_composition(agencies, below))
    assert team.leader == below[0]


def test_the_level_is_checked_when_the_leader_is_set_not_on_every_change(administrator):
    agency = AgencyFactory(staff_headcount=40)
    people = _people(agency, 6)
    team, _warnings = team_create(actor=administrator, composition=_composition([agency], people))
    # The leader's level is later recorded lower: the team's other changes still save ...
    Person.objects.filter(pk=people[0].pk).update(
        position_level=PositionLevel.BELOW_DEPARTMENT_HEAD
    )
    people[0].refresh_from_db()
    team_update(
        actor=administrator, team=team, composition=_composition([agency], people, name="Новое")
    )
    # ... but a new leader below the level is refused and the old one stays.
    newcomer = people[1]
    Person.objects.filter(pk=newcomer.pk).update(position_level="")
    newcomer.refresh_from_db()
    reordered = [newcomer, people[0], *people[2:]]
    with pytest.raises(ApplicationError) as error:
        team_update(actor=administrator, team=team, composition=_composition([agency], reordered))
    assert "«не указан»" in error.value.details["leader"]
    team.refresh_from_db()
    assert team.leader == people[0] and team.name == "Новое"


# --- The council (L163, L415) ----------------------------------------------------------------


@pytest.mark.parametrize("role", [CouncilRole.MEMBER, CouncilRole.SECRETARY])
def test_a_council_member_cannot_join_a_team(administrator, role):
    agency = AgencyFactory(staff_headcount=40)
    people = _people(agency, 4) + [
        PersonFactory(agency=agency, full_name="Советов С.С.", council_role=role)
    ]
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=_composition([agency], people))
    assert "члены совета при Губернаторе области" in error.value.details["members"]
    assert "Советов С.С." in error.value.details["members"]
    assert not FiveSTeam.objects.exists() and not TeamMembership.objects.exists()


def test_a_council_member_cannot_lead_a_team(administrator):
    agency = AgencyFactory(staff_headcount=40)
    people = _people(agency, 5, council_role=CouncilRole.MEMBER)
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=_composition([agency], people))
    assert "совета" in error.value.details["members"]


def test_a_team_member_cannot_be_put_on_the_council(team_a, team_leader_a, administrator):
    member = team_a.memberships.exclude(person=team_a.leader).first().person
    with pytest.raises(ApplicationError) as error:
        person_save(actor=administrator, person=member, data={"council_role": CouncilRole.MEMBER})
    assert "council_role" in error.value.details
    member.refresh_from_db()
    assert member.council_role == ""


def test_the_council_has_one_secretary():
    agency = AgencyFactory()
    PersonFactory(agency=agency, council_role=CouncilRole.SECRETARY)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(agency=agency, council_role=CouncilRole.SECRETARY)
    PersonFactory(agency=agency, council_role=CouncilRole.MEMBER)


def test_the_team_page_shows_the_council_refusal_and_saves_nothing(login, administrator):
    agency = AgencyFactory(staff_headcount=40)
    people = _people(agency, 4) + [
        PersonFactory(agency=agency, full_name="Советов С.С.", council_role=CouncilRole.MEMBER)
    ]
    response = login(administrator).post(
        reverse("agencies:team-create", args=[agency.pk]),
        {
            "name": "5S-команда",
            "agencies": [agency.pk],
            "leader": people[0].pk,
            "members": [p.pk for p in people],
            "period_start": "2026-03-01",
        },
    )
    assert response.status_code == 200
    assert "члены совета при Губернаторе области" in response.content.decode()
    assert not FiveSTeam.objects.exists()


def test_the_person_form_sets_the_level_and_the_council(login, administrator):
    agency = AgencyFactory()
    person = PersonFactory(agency=agency, position_level="")
    response = login(administrator).post(
        reverse("agencies:person-edit", args=[person.pk]),
        {
            "full_name": person.full_name,
            "position": "Председатель комитета",
            "position_level": PositionLevel.COMMITTEE_CHAIR,
            "council_role": CouncilRole.SECRETARY,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.position_level, person.council_role) == ("committee_chair", "secretary")


def test_the_api_shows_the_level_and_the_council(api_client, governor):
    person = PersonFactory(council_role=CouncilRole.MEMBER)
    answer = api_client(governor).get(f"/api/v1/people/{person.pk}/")
    if answer.status_code == 404:  # people are listed, not fetched one by one
        rows = api_client(governor).get("/api/v1/people/").json()
        rows = rows.get("results", rows)
        row = next(r for r in rows if r["id"] == person.pk)
    else:
        row = answer.json()
    assert (row["position_level"], row["council_role"]) == ("department_head", "member")


# --- The demo keeps the rules ----------------------------------------------------------------


def test_the_demo_has_a_council_off_the_teams_and_leaders_senior_enough():
    call_command("load_demo", quiet=True)
    assert Person.objects.filter(council_role=CouncilRole.SECRETARY).count() == 1
    council = set(Person.objects.exclude(council_role="").values_list("pk", flat=True))
    assert len(council) == 3
    assert not TeamMembership.objects.filter(person__in=council).exists()
    for team in FiveSTeam.objects.select_related("leader__agency"):
        leader = team.leader
        assert team_rules.leader_level_sufficient(
            leader.position_level,
            agency_kind=leader.agency.kind,
            has_committees=leader.agency.has_committees,
        ), team.name
