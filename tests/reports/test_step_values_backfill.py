"""Audits migration 0011: final sheets signed before FinalScoreSheet.step_values existed get
the step values signing stores today (Appendix 12's «значение шага», §4.10), worked out by the
same rules (audits.rules, audits.scoring); the dashboard then reads them like any other."""

import datetime
import importlib
from decimal import Decimal

from django.apps import apps

from audits import scoring
from audits.models import FinalScoreSheet
from audits.selectors import final_sheet_data
from tests.reports.factories import signed_audit

backfill = importlib.import_module(
    "audits.migrations.0011_backfill_final_sheet_step_values"
).backfill_step_values


def _shown_steps(agency):
    from reports import selectors

    rows = {row["agency"].pk: row for row in selectors.dashboard()["rows"]}
    return [step["value"] for step in rows[agency.pk]["steps"]]


def test_the_migration_stores_the_step_values_of_sheets_signed_before_they_were_stored(
    checklist, team, agency_a, agency_b, today
):
    legacy_a = signed_audit(
        agency=agency_a,
        auditors=team,
        date=datetime.date(2026, 5, 5),
        default=[4, 4, 5, 5],
        scores={"1.2": [3, 3, 4, 4]},
        legacy=True,
    )
    legacy_b = signed_audit(
        agency=agency_b,
        auditors=team,
        date=datetime.date(2026, 5, 12),
        default=2,
        scores={"1.1": [1, 1, 4, 4]},
        decisions={"1.1": 2},
        legacy=True,
    )
    current = signed_audit(
        agency=agency_b, auditors=team, date=datetime.date(2026, 4, 7), default=3
    )
    stored_before = FinalScoreSheet.objects.get(audit=current).step_values
    unsigned = signed_audit(
        agency=agency_a, auditors=team, date=datetime.date(2026, 6, 2), finalised=False
    )
    assert not FinalScoreSheet.objects.get(audit=legacy_a).step_values
    assert not FinalScoreSheet.objects.get(audit=legacy_b).step_values

    backfill(apps, None)

    for audit in (legacy_a, legacy_b):
        expected = scoring.stored_step_values(final_sheet_data(audit).completed_step_values)
        assert FinalScoreSheet.objects.get(audit=audit).step_values == expected
    # step 1 of A: 1.1 and 1.3 = 4.5, 1.2 = 3.5 → 12.5 / 3 = 4.1666…; step 3 not completed
    assert FinalScoreSheet.objects.get(audit=legacy_a).step_values == {
        "1": "4.166667",
        "2": "4.500000",
        "3": "4.500000",
    }
    assert _shown_steps(agency_a)[:4] == [Decimal("4.17"), Decimal("4.50"), Decimal("4.50"), None]
    # B's collegial decision on 1.1 (2, not the mean 2.5) is in the stored value
    assert FinalScoreSheet.objects.get(audit=legacy_b).step_values["1"] == "2.000000"
    assert _shown_steps(agency_b)[0] == Decimal("2.00")
    # A sheet that stored its values keeps them; an unsigned one stores none.
    assert FinalScoreSheet.objects.get(audit=current).step_values == stored_before
    assert FinalScoreSheet.objects.get(audit=unsigned).step_values == {}
