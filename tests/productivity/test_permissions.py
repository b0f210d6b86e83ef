"""Every write service of the productivity app refuses a user without the right, with nothing
saved (issue 11 item 9: removing the permission checks from workplace create/update left every
test green). tests/productivity/permission_mutations.py deletes each check in turn and runs these
tests: at least one must fail for each."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from productivity import services
from productivity.choices import Phase
from productivity.models import Measurement, Operation, Study, Workplace
from tests.productivity.factories import WorkplaceFactory, complete_study, measurement_data

pytestmark = pytest.mark.django_db

# Everyone but agency A's team (leader and members) and the administrators.
OUTSIDERS = ["employee_a", "team_leader_b", "governor", "auditor", "group_head", "no_role"]


@pytest.fixture
def workplace_a(agency_a):
    return WorkplaceFactory(agency=agency_a, name="Участок сборки", hourly_rate=Decimal(60))


@pytest.fixture
def study_a(team_leader_a, workplace_a):
    return complete_study(team_leader_a, workplace_a)


def _snapshot():
    return (
        list(Workplace.objects.order_by("pk").values()),
        list(Study.objects.order_by("pk").values()),
        list(Measurement.objects.order_by("pk").values()),
        list(Operation.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_create_a_workplace_of_agency_a(request, role, agency_a):
    user = request.getfixturevalue(role)
    data = services.WorkplaceData(agency=agency_a, name="Место", hourly_rate=Decimal(60))
    with pytest.raises(PermissionDenied):
        services.workplace_create(actor=user, data=data)
    assert not Workplace.objects.exists()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_change_a_workplace_of_agency_a(request, role, study_a, workplace_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    data = services.WorkplaceData(
        agency=workplace_a.agency, name="Чужое имя", hourly_rate=Decimal(99), kst_mode="formula"
    )
    with pytest.raises(PermissionDenied):
        services.workplace_update(actor=user, workplace=workplace_a, data=data)
    assert _snapshot() == before


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_create_a_study_of_agency_a(request, role, workplace_a):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.study_create(actor=user, workplace=workplace_a, title="Т")
    assert not Study.objects.exists()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_change_a_study_of_agency_a(request, role, study_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.study_update(
            actor=user, study=study_a, title="Чужое", improvement="Чужое улучшение"
        )
    assert _snapshot() == before


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_delete_a_study_of_agency_a(request, role, study_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.study_delete(actor=user, study=study_a)
    assert _snapshot() == before


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_record_a_measurement_of_agency_a(request, role, study_a):
    user = request.getfixturevalue(role)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.measurement_record(
            actor=user,
            study=study_a,
            data=measurement_data(Phase.AFTER, cycle=("12",), manual=("12",)),
            improvement="Чужое улучшение",
        )
    assert _snapshot() == before


@pytest.mark.parametrize("role", ["team_leader_a", "team_member_a", "administrator"])
def test_agency_a_team_and_administrators_write_everything(request, role, agency_a):
    user = request.getfixturevalue(role)
    workplace = services.workplace_create(
        actor=user,
        data=services.WorkplaceData(agency=agency_a, name="Место", hourly_rate=Decimal(60)),
    )
    services.workplace_update(
        actor=user,
        workplace=workplace,
        data=services.WorkplaceData(agency=agency_a, name="Место 2", hourly_rate=Decimal(70)),
    )
    study = services.study_create(actor=user, workplace=workplace, title="Т")
    services.measurement_record(actor=user, study=study, data=measurement_data())
    services.study_update(actor=user, study=study, title="Т2")
    assert Measurement.objects.filter(study=study).count() == 1
    services.study_delete(actor=user, study=study)
    assert not Study.objects.exists()
    workplace.refresh_from_db()
    assert workplace.name == "Место 2" and workplace.hourly_rate == 70
