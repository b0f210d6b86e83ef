"""The region's state kept at signing (audits.state, issue 18): each agency's latest signed
audit and the region's month-end figures follow every signature, in any order of signing, and
`manage.py rebuild_region_state` rebuilds exactly what signing kept."""

import datetime
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command

from audits import scoring
from audits.choices import AuditStatus
from audits.models import AgencyState, Audit, RegionMonth
from core.periods import add_months, month_end
from tests.agencies.factories import AgencyFactory
from tests.audits.conftest import fill
from tests.reports.factories import signed_audit


def _kept():
    states = sorted(
        AgencyState.objects.values_list(
            "agency_id", "audit_id", "date", "completed_steps", "overall", "previous_overall"
        )
    )
    months = list(RegionMonth.objects.order_by("month").values_list("month", "audited", "total"))
    return states, months


def _recomputed_month(month):
    """The region at `month`'s end straight from the signed audits: (audited, sum)."""
    latest = {}
    for agency_id, overall in (
        Audit.objects.filter(
            status=AuditStatus.FINALISED,
            date__lte=month_end(month),
            final_sheet__overall__isnull=False,
        )
        .order_by("date", "pk")
        .values_list("agency_id", "final_sheet__overall")
    ):
        latest[agency_id] = overall
    return len(latest), sum(latest.values(), Decimal(0))


@pytest.fixture
def generated_region(db, checklist, working_group):
    from audits.services import checklist_load  # noqa: F401  (the checklist fixture loads it)

    team = [m.person for m in working_group.memberships.select_related("person")][:2]
    rng = random.Random(18)
    agencies = [AgencyFactory() for _ in range(6)]
    plan = []
    for agency in agencies:
        for month in rng.sample(range(1, 13), 4):
            plan.append((agency, datetime.date(2025, month, rng.randint(1, 28))))
    rng.shuffle(plan)  # paper audits of the past signed after later ones
    for agency, day in plan:
        signed_audit(
            agency=agency,
            auditors=team,
            date=day,
            steps=tuple(range(1, rng.randint(1, 5) + 1)),
            default=[rng.randint(2, 5), rng.randint(2, 5)],
        )
    return agencies


def test_the_kept_state_is_what_a_rebuild_computes_from_the_signed_sheets(generated_region):
    kept = _kept()
    assert len(kept[0]) == 6 and kept[1]
    call_command("rebuild_region_state", verbosity=0)
    assert _kept() == kept


def test_the_region_months_are_the_latest_scores_at_each_month_end(generated_region):
    months = list(RegionMonth.objects.order_by("month"))
    assert months[0].month == datetime.date(2025, min(a.date.month for a in Audit.objects.all()), 1)
    for row in months:
        assert (row.audited, row.total) == _recomputed_month(row.month)
    for agency in generated_region:
        state = AgencyState.objects.get(agency=agency)
        newest = list(
            Audit.objects.filter(agency=agency, status=AuditStatus.FINALISED).order_by("-date")
        )
        assert state.audit_id == newest[0].pk
        assert state.previous_overall == newest[1].final_sheet.overall


def test_a_rebuild_of_an_empty_region_keeps_nothing(db):
    call_command("rebuild_region_state", verbosity=0)
    assert not AgencyState.objects.exists() and not RegionMonth.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_signing_keeps_the_agency_state_and_the_region_month_in_its_transaction(
    audit, group_head, auditor, auditor2, auditor3
):
    from audits import services

    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {"*": 4, "1.1": 5})
    assert not AgencyState.objects.exists()
    sheet = services.final_sheet_finalise(actor=group_head, audit=audit)
    state = AgencyState.objects.get(agency=audit.agency)
    assert (state.audit_id, state.date, state.overall) == (audit.pk, audit.date, sheet.overall)
    assert state.completed_steps == len(audit.completed_steps)
    month = RegionMonth.objects.get()
    assert month.month == audit.date.replace(day=1)
    assert (month.audited, month.total) == (1, sheet.overall)
    assert scoring.display(Fraction(month.total) / month.audited) == scoring.display(sheet.overall)
    assert add_months(month.month, 1) > audit.date
