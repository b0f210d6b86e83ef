"""Fixtures for the audits tests: the real Appendix 2 checklist and a planned audit of agency A
by the three auditors of the shared working group."""

import datetime

import pytest
from django.conf import settings

from audits import services
from audits.models import Audit

CHECKLIST = settings.BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"
# A Monday with ordinary working days around it (no holidays in the week).
TODAY = datetime.date(2026, 3, 2)
AUDIT_DATE = datetime.date(2026, 3, 4)


@pytest.fixture
def checklist(db):
    version, _created = services.checklist_load(path=CHECKLIST)
    return version


@pytest.fixture
def today(monkeypatch):
    """Freeze the portal's calendar day (core.calendar.today) at TODAY."""
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def plan_audit(checklist, group_head, today):
    def make(agency, auditors, *, date=None, steps=(1, 2), **kwargs):
        if date is None:
            # One audit per agency and date: a further audit of the agency takes the next day.
            date = AUDIT_DATE
            while Audit.objects.filter(agency=agency, date=date).exists():
                date += datetime.timedelta(days=1)
        return services.audit_plan(
            actor=group_head,
            agency=agency,
            date=date,
            auditors=[user.person for user in auditors],
            completed_steps=list(steps),
            **kwargs,
        )

    return make


@pytest.fixture
def audit(plan_audit, agency_a, team_a, auditor, auditor2, auditor3) -> Audit:
    """Agency A (not responsible for common areas), steps 1 and 2 completed."""
    return plan_audit(agency_a, [auditor, auditor2, auditor3])


def sheet_of(audit, user):
    return audit.sheets.get(auditor=user.person)


def fill(audit, user, scores, notes=None, submit=True):
    """Score a sheet: `scores` maps codes to scores; every other applicable code gets `4`
    unless scores has the key '*' giving the default."""
    from audits.models import Criterion

    default = scores.pop("*", 4)
    sheet = sheet_of(audit, user)
    criteria = list(Criterion.objects.filter(version=audit.checklist))
    codes = services.applicable_codes(audit, criteria)
    full = dict.fromkeys(codes, default)
    full.update(scores)
    services.sheet_save(actor=user, sheet=sheet, scores=full, notes=notes or {})
    if submit:
        services.sheet_submit(actor=user, sheet=sheet)
    return sheet
