"""Fixtures of the step-3 tests (§7, L950–1070).

head_a: the head of agency A; housekeeper_a, inventory_a: the persons responsible for
housekeeping and for the inventory; chief_a: the head of a department (signs schedules);
cleaner_a: an employee of room «101» named in its schedule; rooms 101, 102 of agency A and
201 of agency B; the Appendix 22 classifier loaded."""

import datetime

import pytest

from agencies.models import Room
from core.roles import Role
from standards.shine import services
from standards.shine.choices import AnalysisKind
from standards.shine.models import ContaminationType
from tests.agencies.factories import PersonFactory, UserFactory


def _employee(agency, username, full_name, position="Консультант"):
    user = UserFactory(username=username, roles=[Role.EMPLOYEE], email=f"{username}@example.org")
    PersonFactory(agency=agency, user=user, full_name=full_name, position=position)
    return user


@pytest.fixture
def classifier(db):
    services.contamination_load()
    return {t.name: t for t in ContaminationType.objects.filter(agency=None)}


@pytest.fixture
def head_a(agency_a):
    user = _employee(agency_a, "head_a", "Руководов Роман Романович", "Директор департамента")
    agency_a.head = user.person
    agency_a.save(update_fields=["head"])
    return user


@pytest.fixture
def housekeeper_a(agency_a):
    return _employee(
        agency_a, "house_a", "Хозяйкина Ольга Петровна", "Начальник хозяйственного отдела"
    )


@pytest.fixture
def inventory_a(agency_a):
    return _employee(agency_a, "inv_a", "Инвентарёв Иван Ильич", "Завхоз")


@pytest.fixture
def chief_a(agency_a):
    return _employee(agency_a, "chief_a", "Отделов Олег Олегович", "Начальник отдела")


@pytest.fixture
def cleaner_a(agency_a):
    return _employee(agency_a, "cleaner_a", "Чистова Анна Андреевна")


@pytest.fixture
def room_a(agency_a):
    return Room.objects.create(agency=agency_a, name="101")


@pytest.fixture
def room_a2(agency_a):
    return Room.objects.create(agency=agency_a, name="102")


@pytest.fixture
def room_b(agency_b):
    return Room.objects.create(agency=agency_b, name="201")


SAFETY = "Работать в резиновых перчатках; перед уборкой обесточить оборудование."


def plan_row(**kwargs):
    row = {
        "activity": "Протереть пыль с поверхностей шкафов",
        "frequency": "еженедельно",
        "time_from": datetime.time(8, 30),
        "time_to": datetime.time(8, 45),
        "equipment": "салфетки, стремянка",
        "responsible": "Консультант Чистова А.А.",
        "safety": SAFETY,
    }
    row.update(kwargs)
    return row


@pytest.fixture
def plan_data(team_a, housekeeper_a, inventory_a, room_a, room_a2):
    return {
        "department": "Отдел кадров",
        "rooms": [room_a, room_a2],
        "compilers": [team_a.leader],
        "leader": team_a.leader,
        "housekeeping": housekeeper_a.person,
        "inventory_officer": inventory_a.person,
        "inventory_phone": "+7 (4852) 40-00-01",
        "rows": [plan_row(), plan_row(activity="Вымыть полы", frequency="ежедневно")],
    }


@pytest.fixture
def plan_a(team_leader_a, agency_a, plan_data):
    return services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)


Q1 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))


@pytest.fixture
def schedule_data(room_a, chief_a, cleaner_a):
    return {
        "room": room_a,
        "department": "Отдел кадров",
        "period_start": Q1[0],
        "period_end": Q1[1],
        "department_head": chief_a.person,
        "staff": [cleaner_a.person],
        "rows": [
            {
                "work": "Протереть пыль с поверхностей шкафов",
                "frequency": "еженедельно",
                "dates": [datetime.date(2026, 1, 9), datetime.date(2026, 1, 16)],
            },
            {
                "work": "Вымыть полы",
                "frequency": "ежемесячно",
                "dates": [datetime.date(2026, 2, 2)],
            },
        ],
    }


@pytest.fixture
def schedule_a(team_leader_a, agency_a, schedule_data):
    return services.schedule_create(actor=team_leader_a, agency=agency_a, data=schedule_data)


@pytest.fixture
def analysis_data(team_a, housekeeper_a, team_member_a, room_a, classifier):
    return {
        "kind": AnalysisKind.CLEANING_PLACES,
        "date": datetime.date(2026, 1, 12),
        "analysts": [team_a.leader, team_member_a.person],
        "leader": team_a.leader,
        "housekeeping": housekeeper_a.person,
        "controller": team_member_a.person,
        "rows": [
            {
                "room": room_a,
                "place": "Короб для проводов у окна",
                "contamination": classifier["Пыль"],
                "cause": "Короб не закрыт крышкой",
                "action": "Вычистить, закрыть короб крышкой",
                "planned_on": datetime.date(2026, 1, 20),
                "responsible": "Чистова А.А.",
            }
        ],
    }


@pytest.fixture
def analysis_a(team_leader_a, agency_a, analysis_data):
    return services.analysis_create(actor=team_leader_a, agency=agency_a, data=analysis_data)
