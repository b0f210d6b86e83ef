import datetime

import pytest

from agencies.models import FiveSTeam
from tests.agencies.factories import AgencyFactory, PersonFactory, make_team

pytestmark = pytest.mark.django_db


def form_data(team, people, **overrides):
    data = {
        "name": team.name,
        "agencies": [a.pk for a in team.agencies.all()],
        "leader": team.leader_id,
        "members": [p.pk for p in people],
        "period_start": "2026-01-01",
    }
    data.update(overrides)
    return data


def test_leader_changes_team_composition(login, team_leader_a, team_a, agency_a):
    newcomer = PersonFactory(agency=agency_a, full_name="Новикова Нина Николаевна")
    members = [m.person for m in team_a.memberships.all() if m.person_id != team_a.leader_id]
    response = login(team_leader_a).post(
        f"/agencies/teams/{team_a.pk}/edit/", form_data(team_a, [*members, newcomer]), follow=True
    )
    assert response.status_code == 200
    assert "Состав 5S-команды сохранён." in response.content.decode()
    assert team_a.members.filter(pk=newcomer.pk).exists()


def test_rule_violations_are_shown_in_russian_and_nothing_is_saved(
    login, team_leader_a, team_a, agency_a
):
    untrained = PersonFactory(agency=agency_a, full_name="Неучёнов Пётр", trained_on=None)
    before = set(team_a.memberships.values_list("person_id", flat=True))
    response = login(team_leader_a).post(
        f"/agencies/teams/{team_a.pk}/edit/", form_data(team_a, [untrained])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "не менее 5 сотрудников" in page
    assert "Неучёнов Пётр" in page
    assert "не соответствует требованиям пункта 4.3" in page
    assert set(team_a.memberships.values_list("person_id", flat=True)) == before


def test_malformed_dates_are_refused_with_a_message(login, team_leader_a, team_a):
    response = login(team_leader_a).post(
        f"/agencies/teams/{team_a.pk}/edit/", form_data(team_a, [], period_start="32.13.2026")
    )
    assert "Введите правильную дату" in response.content.decode()
    team_a.refresh_from_db()
    assert team_a.period_start == datetime.date(2026, 1, 1)


def test_ratio_warning_is_shown_after_saving(login, administrator):
    agency = AgencyFactory(staff_headcount=200)
    people = [PersonFactory(agency=agency) for _ in range(6)]
    response = login(administrator).post(
        f"/agencies/{agency.pk}/teams/new/",
        {
            "name": "Команда",
            "agencies": [agency.pk],
            "leader": people[0].pk,
            "members": [p.pk for p in people[1:]],
            "period_start": "2026-03-01",
        },
        follow=True,
    )
    page = response.content.decode()
    assert FiveSTeam.objects.filter(agencies=agency).exists()
    assert "10:1" in page
    assert "не менее 20" in page


def test_agency_list_takes_a_fixed_number_of_queries(
    login, governor, django_assert_max_num_queries
):
    for _ in range(30):
        make_team(AgencyFactory(), size=5)
    client = login(governor)
    with django_assert_max_num_queries(8):
        response = client.get("/agencies/")
    assert response.content.decode().count("/agencies/") >= 30


def test_agency_page_takes_a_fixed_number_of_queries(
    login, governor, team_a, agency_a, django_assert_max_num_queries
):
    for _ in range(30):
        PersonFactory(agency=agency_a)
    client = login(governor)
    with django_assert_max_num_queries(12):
        assert client.get(f"/agencies/{agency_a.pk}/").status_code == 200


def test_employee_list_filter_narrows_the_agencies(login, governor, agency_a, agency_b):
    page = login(governor).get("/agencies/?q=Департамент А").content.decode()
    assert "Департамент А" in page
    assert "Департамент Б" not in page


def test_person_form_records_training(login, team_leader_a, agency_a):
    response = login(team_leader_a).post(
        f"/agencies/{agency_a.pk}/people/new/",
        {"full_name": "Учёнова Ульяна", "position": "Консультант", "trained_on": "2026-02-10"},
    )
    assert response.status_code == 302
    assert agency_a.people.get(full_name="Учёнова Ульяна").trained_on == datetime.date(2026, 2, 10)


def test_person_form_without_a_name_saves_nothing(login, team_leader_a, agency_a):
    count = agency_a.people.count()
    response = login(team_leader_a).post(
        f"/agencies/{agency_a.pk}/people/new/", {"full_name": "", "position": "Консультант"}
    )
    assert "Обязательное поле" in response.content.decode()
    assert agency_a.people.count() == count


def test_working_group_form_refuses_team_members(login, group_head, working_group, team_a):
    response = login(group_head).post(
        "/agencies/working-group/edit/",
        {"name": working_group.name, "head": working_group.head_id, "members": [team_a.leader_id]},
    )
    assert "Члены 5S-команд не могут входить в рабочую группу" in response.content.decode()
    assert not working_group.members.filter(pk=team_a.leader_id).exists()
