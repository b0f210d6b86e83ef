"""Fixtures of the «Set in order» tests.

head_a: the head of agency A (Agency.head) with an account; rooms_a: rooms «101», «102» and the
single-workplace «103» of agency A; room_b: a room of agency B."""

import pytest

from agencies.models import Room
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory


@pytest.fixture
def head_a(agency_a):
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(
        agency=agency_a,
        user=user,
        full_name="Руководов Роман Романович",
        position="Директор департамента",
    )
    agency_a.save(update_fields=["head"])
    return user


@pytest.fixture
def rooms_a(agency_a):
    return [
        Room.objects.create(agency=agency_a, name="101"),
        Room.objects.create(agency=agency_a, name="102"),
        Room.objects.create(agency=agency_a, name="103", single_workplace=True),
    ]


@pytest.fixture
def room_b(agency_b):
    return Room.objects.create(agency=agency_b, name="201")
