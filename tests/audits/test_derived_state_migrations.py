"""Dead and derivable state removed by migrations that keep the data (issue 11 item 10):
`FinalScoreSheet.published` (written at signing, never read) and `CorrectiveActionPlan.agency`
(a copy of its audit's agency). Reversed, both come back from the state they were derived from."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audits import services
from tests.audits.conftest import fill


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_reversed_the_flag_and_the_plans_agency_come_back_from_what_they_repeated(
    audit, group_head, auditor, auditor2, auditor3, team_leader_a, agency_a
):
    fill(audit, auditor, {}, notes={"1.1": "Коробки в коридоре"})
    fill(audit, auditor2, {})
    fill(audit, auditor3, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit.refresh_from_db()
    plan = services.plan_create(actor=team_leader_a, audit=audit)
    assert plan.agency == agency_a and plan.agency_id == agency_a.pk

    latest = _latest()
    try:
        old = _migrate([("audits", "0010_it_standard_on_the_final_sheet")])
        sheet = old.get_model("audits", "FinalScoreSheet").objects.get(audit_id=audit.pk)
        assert sheet.published is True
        old_plan = old.get_model("audits", "CorrectiveActionPlan").objects.get(pk=plan.pk)
        assert old_plan.agency_id == agency_a.pk
        history = old.get_model("audits", "HistoricalCorrectiveActionPlan").objects.all()
        assert history.exists() and set(history.values_list("agency_id", flat=True)) == {
            agency_a.pk
        }
    finally:
        _migrate(latest)
