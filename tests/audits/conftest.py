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
def audit_day(today, monkeypatch):
    """Move the portal's calendar day to AUDIT_DATE: sheets are handed in on the audit's day
    or later (§4.10, L601)."""
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: AUDIT_DATE)
    return AUDIT_DATE


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
        # Sheets are handed in on the audit's day or later (§4.10, L601).
        services.sheet_submit(actor=user, sheet=sheet, today=max(audit.date, calendar_today()))
    return sheet


def calendar_today():
    from core import calendar

    return calendar.today()


def plan_grid(plan, changes=None, new=None, *, prefix="rows"):
    """The plan page's grid as the browser posts it: every action's row with its current
    values (`changes` maps a row's index to the cells typed over them), then the new row
    (`new`, empty when None). An approved plan's page sends only ids and actual dates."""
    changes = changes or {}
    actions = list(plan.actions.order_by("step", "number", "pk"))
    approved = plan.status == "approved"
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(actions) + (0 if approved else 1)),
        f"{prefix}-INITIAL_FORMS": str(len(actions)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, action in enumerate(actions):
        cells = {"id": action.pk, "actual_date": action.actual_date or ""}
        if not approved:
            cells.update(
                {
                    "step": action.step,
                    "remark": action.remark,
                    "cause": action.cause,
                    "action": action.action,
                    "planned_date": action.planned_date or "",
                    "executor": action.executor,
                }
            )
        cells.update(changes.get(index, {}))
        data.update({f"{prefix}-{index}-{name}": str(value) for name, value in cells.items()})
    if not approved:
        cells = {"step": "1", **(new or {})}
        data.update({f"{prefix}-{len(actions)}-{name}": str(v) for name, v in cells.items()})
    return data
