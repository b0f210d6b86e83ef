"""The demo history: realistic, rule-abiding, idempotent, and it gives each demo account
something to do."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from audits import selectors
from audits.choices import AuditStatus, SheetStatus
from audits.models import Audit, CorrectiveActionPlan, Decision, InternalAudit, Photo


@pytest.fixture
def demo(demo_region):
    call_command("load_checklist")
    call_command("load_demo_audits")


def test_the_demo_history_gives_every_role_something_to_see_and_do(demo):
    finalised = Audit.objects.filter(status=AuditStatus.FINALISED)
    assert finalised.count() >= 30
    assert Decision.objects.exists()  # some divergences were settled collegially
    assert {plan.status for plan in CorrectiveActionPlan.objects.all()} == {"draft", "approved"}
    assert InternalAudit.objects.filter(agency__short_name="Департамент образования").count() >= 3
    assert Photo.objects.filter(before__isnull=False).exists()
    # the demo auditor has a draft in an upcoming audit
    assert Audit.objects.filter(
        status=AuditStatus.PLANNED,
        sheets__auditor__user__username="auditor",
        sheets__status=SheetStatus.DRAFT,
    ).exists()
    # the group head has a held audit with every sheet in and a divergence to settle
    held = [
        a
        for a in Audit.objects.filter(status=AuditStatus.PLANNED)
        if not a.sheets.filter(status=SheetStatus.DRAFT).exists()
    ]
    assert held and selectors.final_sheet_data(held[0]).undecided


def test_the_demo_final_sheets_store_the_step_values_they_show(demo):
    from audits import scoring

    for audit in Audit.objects.filter(status=AuditStatus.FINALISED).select_related("final_sheet"):
        data = selectors.final_sheet_data(audit)
        shown = {str(s.number): s.value for s in data.steps if s.completed}
        stored = audit.final_sheet.step_values
        assert stored.keys() == shown.keys() == {str(n) for n in audit.completed_steps}
        assert {n: scoring.display(Decimal(v)) for n, v in stored.items()} == shown


def test_loading_the_demo_audits_again_adds_nothing(demo):
    count = Audit.objects.count()
    call_command("load_demo_audits")
    assert Audit.objects.count() == count
