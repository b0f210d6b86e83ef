"""A study's change history (issue 13, item 4): re-recording a measurement replaces its timed
operations; the history keeps the earlier observations and who replaced them."""

import pytest

from productivity import services
from productivity.choices import Phase
from productivity.models import Operation
from tests.productivity.factories import WorkplaceFactory, complete_study, measurement_data

pytestmark = pytest.mark.django_db


def test_re_recording_a_measurement_keeps_the_earlier_operations_in_the_history(
    team_leader_a, agency_a
):
    study = complete_study(team_leader_a, WorkplaceFactory(agency=agency_a))
    services.measurement_record(
        actor=team_leader_a, study=study, data=measurement_data(Phase.BEFORE, cycle=("50",))
    )
    before = study.measurements.get(phase=Phase.BEFORE)
    (current,) = Operation.objects.filter(measurement=before)
    assert current.cycle_times_s == ["50"]
    records = Operation.history.filter(measurement_id=before.pk)
    assert sorted((r.history_type, tuple(r.cycle_times_s)) for r in records) == [
        ("+", ("48",)),
        ("+", ("50",)),
        ("-", ("48",)),
    ]
    assert {r.history_user for r in records.filter(history_type="+")} == {team_leader_a}
