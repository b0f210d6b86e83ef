"""Fixtures of the stock tests.

head_a: the head of agency A (Agency.head) with an account; keeper_a: the employee responsible
for agency A's storage place; place_a: a storage place in room «101» of agency A.
"""

import pytest

from agencies.models import Room
from core.roles import Role
from standards.stock.models import StockItem, StockPlace
from tests.agencies.factories import PersonFactory, UserFactory


@pytest.fixture
def head_a(agency_a):
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    person = PersonFactory(
        agency=agency_a,
        user=user,
        full_name="Руководов Роман Романович",
        position="Директор департамента",
    )
    agency_a.head = person
    agency_a.save(update_fields=["head"])
    return user


@pytest.fixture
def keeper_a(agency_a):
    user = UserFactory(username="keeper_a", roles=[Role.EMPLOYEE])
    PersonFactory(
        agency=agency_a, user=user, full_name="Запасова Зоя Зиновьевна", position="Специалист"
    )
    return user


@pytest.fixture
def room_a(agency_a):
    return Room.objects.create(agency=agency_a, name="101")


@pytest.fixture
def place_a(agency_a, room_a, keeper_a, team_a):
    return StockPlace.objects.create(
        agency=agency_a,
        room=room_a,
        name="Шкаф канцтоваров",
        responsible=keeper_a.person,
        lead_days=2,
    )


@pytest.fixture
def paper_a(place_a):
    return StockItem.objects.create(
        place=place_a, name="Бумага А4, пачка", minimum=5, maximum=20, count=12
    )


@pytest.fixture
def room_b(agency_b):
    return Room.objects.create(agency=agency_b, name="201")


@pytest.fixture
def place_b(agency_b, room_b, team_b):
    return StockPlace.objects.create(agency=agency_b, room=room_b, name="Склад Б")
