from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import ApplicationError
from productivity import services
from productivity.choices import Phase
from productivity.models import Measurement, Operation, Study, Workplace
from tests.productivity.factories import (
    CorrectiveActionFactory,
    WorkplaceFactory,
    complete_study,
    measurement_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def workplace_a(agency_a):
    return WorkplaceFactory(agency=agency_a, name="Участок сборки")


def test_study_before_and_after_reproduces_the_manuals_piece_rate_example(
    team_leader_a, workplace_a
):
    study = complete_study(team_leader_a, workplace_a)
    before = study.measurements.get(phase=Phase.BEFORE)
    after = study.measurements.get(phase=Phase.AFTER)
    assert before.available_ideal_h == Decimal("7.5")
    assert before.kvc == Decimal("0.5") and after.kvc == Decimal(1)
    assert before.kst == Decimal("1.075") and after.kst == Decimal("1.45")
    assert before.norm_s == Decimal("51.2") and after.norm_s == Decimal("25.6")
    assert round(before.rate, 2) == Decimal("0.92") and round(after.rate, 2) == Decimal("0.62")
    assert study.cycle_factor == 2
    assert study.available_factor == 1
    assert study.quality_factor == 1
    assert study.growth == 2
    assert study.growth_percent == 100
    assert study.improvement == "Инструмент перенесён в зону досягаемости"


def test_growth_includes_available_time_and_quality(team_leader_a, workplace_a):
    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    services.measurement_record(
        actor=team_leader_a,
        study=study,
        data=measurement_data(
            Phase.BEFORE, cycle=("240",), manual=("60",), available_h="6", yield_percent=Decimal(95)
        ),
    )
    services.measurement_record(
        actor=team_leader_a,
        study=study,
        data=measurement_data(Phase.AFTER, cycle=("120",), manual=("60",), available_h="7.2"),
        improvement="5S на рабочем месте",
        corrective_action=CorrectiveActionFactory(
            plan__audit__agency=workplace_a.agency, number=12
        ),
    )
    study.refresh_from_db()
    assert study.cycle_factor == 2
    assert study.available_factor == Decimal("1.2")
    assert study.quality_factor == Decimal("1.0526")
    assert study.growth == Decimal("2.5263")
    assert study.corrective_action.number == 12


def test_repeated_observations_keep_minimum_and_average(team_leader_a, workplace_a):
    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    services.measurement_record(
        actor=team_leader_a,
        study=study,
        data=measurement_data(cycle=("50", "46", "48"), manual=("25", "23", "24")),
    )
    operation = Operation.objects.get()
    assert operation.cycle_min_s == 46 and operation.cycle_avg_s == 48
    assert operation.manual_min_s == 23 and operation.manual_avg_s == 24
    assert operation.cycle_times_s == ["50", "46", "48"]


def test_rerecording_a_phase_replaces_it(team_leader_a, workplace_a):
    study = complete_study(team_leader_a, workplace_a)
    services.measurement_record(
        actor=team_leader_a, study=study, data=measurement_data(Phase.AFTER, cycle=("32",))
    )
    study.refresh_from_db()
    assert Measurement.objects.filter(study=study).count() == 2
    assert Operation.objects.filter(measurement__study=study).count() == 2
    assert study.growth == Decimal("1.5")


def test_after_measurement_needs_the_improvement(team_leader_a, workplace_a):
    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    with pytest.raises(ApplicationError) as caught:
        services.measurement_record(
            actor=team_leader_a, study=study, data=measurement_data(Phase.AFTER)
        )
    assert "improvement" in caught.value.details
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"shift_h": Decimal(0)}, "shift_h"),
        ({"rest_h": Decimal(9)}, "rest_h"),
        ({"yield_percent": Decimal(101)}, "yield_percent"),
        ({"cycle": ("0",)}, "operations.0.cycle_times_s"),
        ({"manual": ("60",)}, "operations.0.manual_times_s"),
        ({"cycle": ()}, "operations.0.cycle_times_s"),
        ({"operations": []}, "operations"),
    ],
)
def test_impossible_measurement_is_refused_naming_the_field_and_saves_nothing(
    team_leader_a, workplace_a, changes, field
):
    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    kwargs = dict(changes)
    data = measurement_data(
        cycle=kwargs.pop("cycle", ("48",)), manual=kwargs.pop("manual", ("24",)), **kwargs
    )
    with pytest.raises(ApplicationError) as caught:
        services.measurement_record(actor=team_leader_a, study=study, data=data)
    assert field in caught.value.details
    assert not Measurement.objects.exists()
    assert not Operation.objects.exists()


def test_losses_above_the_available_time_are_refused(team_leader_a, workplace_a):
    study = services.study_create(actor=team_leader_a, workplace=workplace_a, title="Т")
    with pytest.raises(ApplicationError) as caught:
        services.measurement_record(
            actor=team_leader_a, study=study, data=measurement_data(losses_h=Decimal(8))
        )
    assert "losses_h" in caught.value.details


def test_workplace_settings_are_checked(team_leader_a, agency_a):
    data = services.WorkplaceData(
        agency=agency_a, name="Место", hourly_rate=Decimal(0), worker_share=Decimal("0.9")
    )
    with pytest.raises(ApplicationError) as caught:
        services.workplace_create(actor=team_leader_a, data=data)
    assert set(caught.value.details) == {"hourly_rate", "worker_share"}
    assert not Workplace.objects.exists()


def test_workplace_with_base_0_5_gives_kst_at_most_1_3(team_leader_a, agency_a):
    workplace = services.workplace_create(
        actor=team_leader_a,
        data=services.WorkplaceData(
            agency=agency_a, name="Место", hourly_rate=Decimal(60), kvc_base=Decimal("0.5")
        ),
    )
    study = complete_study(team_leader_a, workplace)
    assert study.measurements.get(phase=Phase.AFTER).kst == Decimal("1.3")
    assert study.measurements.get(phase=Phase.BEFORE).kst == 1


@pytest.mark.parametrize("role", ["team_member_a", "administrator"])
def test_team_members_and_administrators_record_studies(request, role, workplace_a):
    user = request.getfixturevalue(role)
    study = services.study_create(actor=user, workplace=workplace_a, title="Т")
    assert Study.objects.filter(pk=study.pk).exists()


@pytest.mark.parametrize(
    "role", ["employee_a", "team_leader_b", "governor", "auditor", "group_head", "no_role"]
)
def test_others_cannot_record_studies_of_agency_a(request, role, workplace_a):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.study_create(actor=user, workplace=workplace_a, title="Т")
    assert not Study.objects.exists()


def test_studies_can_be_deleted_by_their_agency(team_leader_a, team_leader_b, workplace_a):
    study = complete_study(team_leader_a, workplace_a)
    with pytest.raises(PermissionDenied):
        services.study_delete(actor=team_leader_b, study=study)
    services.study_delete(actor=team_leader_a, study=study)
    assert not Study.objects.exists() and not Measurement.objects.exists()
