"""An agency is overdue for its external audit (Regulation §5.1–5.2, L5473–5475: monthly while
deploying, quarterly when functioning) counting only audits held and signed, not audits merely
planned or held with the final sheet unsigned (issue 12 item 5). Boundaries: the due day itself
is not overdue, the day after is."""

import datetime

from agencies.choices import DeploymentState
from audits import selectors
from audits.choices import AuditStatus
from audits.models import Audit

HELD = datetime.date(2026, 1, 12)
DUE = datetime.date(2026, 2, 12)


def _held(plan_audit, agency, team, *, signed):
    audit = plan_audit(agency, team)
    status = AuditStatus.FINALISED if signed else AuditStatus.PLANNED
    Audit.objects.filter(pk=audit.pk).update(date=HELD, status=status)
    return audit


def _overdue(today):
    return {item["agency"].pk: item for item in selectors.overdue_agencies(today=today)}


def _deploying(agency):
    agency.deployment_state = DeploymentState.DEPLOYING
    agency.save()


def test_a_signed_audit_counts_until_its_due_day(plan_audit, agency_a, auditor, auditor2, auditor3):
    _deploying(agency_a)
    _held(plan_audit, agency_a, [auditor, auditor2, auditor3], signed=True)
    assert agency_a.pk not in _overdue(DUE)  # the last day of the month allowed
    late = _overdue(DUE + datetime.timedelta(days=1))
    assert late[agency_a.pk]["last_audit"] == HELD and late[agency_a.pk]["due"] == DUE


def test_an_audit_held_but_not_signed_does_not_count(
    plan_audit, agency_a, auditor, auditor2, auditor3
):
    _deploying(agency_a)
    _held(plan_audit, agency_a, [auditor, auditor2, auditor3], signed=False)
    overdue = _overdue(HELD + datetime.timedelta(days=1))
    assert agency_a.pk in overdue
    assert overdue[agency_a.pk]["last_audit"] is None


def test_an_older_signed_audit_is_the_one_that_counts(
    plan_audit, agency_a, auditor, auditor2, auditor3
):
    _deploying(agency_a)
    team = [auditor, auditor2, auditor3]
    _held(plan_audit, agency_a, team, signed=True)
    unsigned = plan_audit(agency_a, team)
    Audit.objects.filter(pk=unsigned.pk).update(date=datetime.date(2026, 2, 10))
    item = _overdue(DUE + datetime.timedelta(days=1))[agency_a.pk]
    assert (item["last_audit"], item["due"]) == (HELD, DUE)


def test_the_dashboard_flags_an_agency_whose_audit_is_unsigned(
    plan_audit, agency_a, auditor, auditor2, auditor3
):
    """The governor's dashboard reads the same rule (reports.selectors.dashboard)."""
    from reports.selectors import dashboard

    _deploying(agency_a)
    _held(plan_audit, agency_a, [auditor, auditor2, auditor3], signed=False)
    rows = {
        row["agency"].pk: row for row in dashboard(today=HELD + datetime.timedelta(days=1))["rows"]
    }
    assert rows[agency_a.pk]["overdue_audit"]
