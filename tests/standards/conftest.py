import datetime

import pytest

from core.roles import Role
from standards.register import services
from standards.register.models import StandardKind
from tests.agencies.factories import PersonFactory, UserFactory


@pytest.fixture
def kinds(db):
    services.reference_load()
    return list(StandardKind.objects.order_by("order"))


@pytest.fixture
def head_a(agency_a):
    """The head of agency A (approves, L1139)."""
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE], email="head@example.org")
    person = PersonFactory(agency=agency_a, user=user, full_name="Руководов Роман Романович")
    agency_a.head = person
    agency_a.save()
    return user


def approved_standard(agency, kind, *, leader, head, on=datetime.date(2026, 1, 15), text="Текст"):
    standard = services.standard_create(actor=leader, agency=agency, kind=kind, text=text)
    version = standard.versions.get()
    services.version_agree(actor=leader, version=version, today=on)
    services.version_approve(actor=head, version=version, today=on)
    standard.refresh_from_db()
    return standard
