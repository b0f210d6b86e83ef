"""§4.3 of the recommendations: who may form a 5S team. Errors stop the save, the 10:1 ratio
only warns."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from agencies.choices import AgencyKind
from agencies.models import FiveSTeam, TeamMembership
from agencies.services import TeamComposition, team_create, team_update, working_group_update
from core.exceptions import ApplicationError
from tests.agencies.factories import AgencyFactory, CuratorFactory, PersonFactory, make_team

pytestmark = pytest.mark.django_db


def composition(agencies, people, **kwargs):
    return TeamComposition(
        name=kwargs.pop("name", "5S-команда"),
        agencies=agencies,
        leader=people[0],
        members=people[1:],
        period_start=datetime.date(2026, 3, 1),
        **kwargs,
    )


def trained(agency, count):
    return [PersonFactory(agency=agency) for _ in range(count)]


def test_five_trained_people_of_one_agency_form_a_team(administrator):
    agency = AgencyFactory(staff_headcount=40)
    people = trained(agency, 5)
    team, warnings = team_create(actor=administrator, composition=composition([agency], people))
    assert set(team.members.all()) == set(people)
    assert team.leader == people[0]
    assert warnings == []


def test_team_of_four_is_refused_and_nothing_is_saved(administrator):
    agency = AgencyFactory(staff_headcount=40)
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([agency], trained(agency, 4)))
    assert "не менее 5 сотрудников" in error.value.details["members"]
    assert "сейчас — 4" in error.value.details["members"]
    assert not FiveSTeam.objects.exists()
    assert not TeamMembership.objects.exists()


def test_untrained_members_are_named_in_the_refusal(administrator):
    agency = AgencyFactory(staff_headcount=40)
    people = trained(agency, 4) + [
        PersonFactory(agency=agency, full_name="Необученный Иван", trained_on=None)
    ]
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([agency], people))
    assert "Необученный Иван" in error.value.details["members"]
    assert "обучение" in error.value.details["members"]
    assert not FiveSTeam.objects.exists()


def test_untrained_leader_is_refused(administrator):
    agency = AgencyFactory(staff_headcount=40)
    people = [PersonFactory(agency=agency, trained_on=None)] + trained(agency, 4)
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([agency], people))
    assert "Лидер 5S-команды должен пройти обучение" in error.value.details["leader"]


def test_a_working_group_member_cannot_join_a_team(administrator, working_group):
    agency = working_group.head.agency
    agency.staff_headcount = 40
    agency.save()
    people = trained(agency, 4) + [working_group.head]
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([agency], people))
    assert working_group.head.full_name in error.value.details["members"]
    assert "рабочей группы" in error.value.details["members"]


def test_a_subdivision_under_fifty_cannot_have_its_own_team(administrator):
    subdivision = AgencyFactory(kind=AgencyKind.APPARATUS_SUBDIVISION, staff_headcount=30)
    with pytest.raises(ApplicationError) as error:
        team_create(
            actor=administrator, composition=composition([subdivision], trained(subdivision, 5))
        )
    assert "нескольких СППО" in error.value.details["agencies"]


def test_small_subdivisions_of_one_curator_form_a_joint_team(administrator):
    curator = CuratorFactory()
    first, second = (
        AgencyFactory(kind=AgencyKind.APPARATUS_SUBDIVISION, staff_headcount=20, curator=curator)
        for _ in range(2)
    )
    people = trained(first, 3) + trained(second, 2)
    team, _warnings = team_create(
        actor=administrator, composition=composition([first, second], people)
    )
    assert set(team.agencies.all()) == {first, second}
    assert team.curator == curator


def test_subdivisions_of_different_curators_cannot_share_a_team(administrator):
    first = AgencyFactory(kind=AgencyKind.APPARATUS_SUBDIVISION, staff_headcount=20)
    second = AgencyFactory(kind=AgencyKind.APPARATUS_SUBDIVISION, staff_headcount=20)
    people = trained(first, 3) + trained(second, 2)
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([first, second], people))
    assert "одним заместителем" in error.value.details["agencies"]


def test_an_executive_body_cannot_join_a_joint_team(administrator):
    curator = CuratorFactory()
    body = AgencyFactory(kind=AgencyKind.EXECUTIVE_BODY, staff_headcount=20, curator=curator)
    subdivision = AgencyFactory(
        kind=AgencyKind.APPARATUS_SUBDIVISION, staff_headcount=20, curator=curator
    )
    people = trained(body, 3) + trained(subdivision, 2)
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([body, subdivision], people))
    assert "только СППО" in error.value.details["agencies"]


def test_people_of_another_agency_are_refused(administrator):
    agency, other = AgencyFactory(staff_headcount=40), AgencyFactory()
    people = trained(agency, 4) + [PersonFactory(agency=other, full_name="Чужой Пётр")]
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([agency], people))
    assert "Чужой Пётр" in error.value.details["members"]


def test_a_team_below_the_ten_to_one_ratio_is_saved_with_a_warning(administrator):
    agency = AgencyFactory(staff_headcount=120)
    team, warnings = team_create(
        actor=administrator, composition=composition([agency], trained(agency, 6))
    )
    assert team.pk is not None
    assert len(warnings) == 1
    assert "10:1" in warnings[0]
    assert "не менее 12 человек в 5S-команде" in warnings[0]


@pytest.mark.parametrize(
    ("headcount", "words"), [(210, "не менее 21 человека"), (220, "не менее 22 человек")]
)
def test_the_ratio_warning_speaks_proper_russian_plurals(administrator, headcount, words):
    agency = AgencyFactory(staff_headcount=headcount)
    _team, warnings = team_create(
        actor=administrator, composition=composition([agency], trained(agency, 6))
    )
    assert f"{words} в 5S-команде, сейчас — 6." in warnings[0]


def test_the_ratio_does_not_apply_below_fifty_staff(administrator):
    agency = AgencyFactory(staff_headcount=49)
    _team, warnings = team_create(
        actor=administrator, composition=composition([agency], trained(agency, 5))
    )
    assert warnings == []


def test_an_agency_gets_only_one_team(administrator):
    agency = AgencyFactory(staff_headcount=40)
    make_team(agency)
    with pytest.raises(ApplicationError) as error:
        team_create(actor=administrator, composition=composition([agency], trained(agency, 5)))
    assert "уже есть 5S-команда" in error.value.details["agencies"]


def test_storage_keeper_must_work_in_the_team_agency(administrator):
    agency = AgencyFactory(staff_headcount=40)
    with pytest.raises(ApplicationError) as error:
        team_create(
            actor=administrator,
            composition=composition([agency], trained(agency, 5), storage_keeper=PersonFactory()),
        )
    assert "зону временного хранения" in error.value.details["storage_keeper"]


def test_leader_of_another_agency_cannot_change_a_team(team_a, team_leader_b):
    people = list(team_a.members.all())
    with pytest.raises(PermissionDenied):
        team_update(
            actor=team_leader_b,
            team=team_a,
            composition=composition(list(team_a.agencies.all()), people),
        )


def test_team_member_cannot_form_a_team(team_member_a, agency_a):
    with pytest.raises(PermissionDenied):
        team_create(actor=team_member_a, composition=composition([agency_a], trained(agency_a, 5)))


def test_working_group_refuses_members_of_5s_teams(administrator, working_group, team_a):
    team_person = team_a.leader
    with pytest.raises(ApplicationError) as error:
        working_group_update(
            actor=administrator,
            group=working_group,
            head=working_group.head,
            members=[team_person],
        )
    assert team_person.full_name in error.value.details["members"]
    assert not working_group.members.filter(pk=team_person.pk).exists()
