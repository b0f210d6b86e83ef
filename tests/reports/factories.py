"""Fast builders of signed audits for the reports tests: rows are written directly (the audits
app's own tests cover its services), and the stored overall and step values are what signing
would store — audits.scoring.stored of audits.selectors.final_sheet_data's exact values — and
the region's state (audits.state) is kept as signing keeps it."""

import datetime

from django.utils import timezone

from agencies.models import Person
from audits import scoring
from audits.choices import AuditStatus, SheetStatus
from audits.models import (
    Audit,
    ChecklistVersion,
    CorrectiveAction,
    CorrectiveActionPlan,
    Criterion,
    Decision,
    FinalScoreSheet,
    Score,
    ScoreSheet,
)
from audits.selectors import final_sheet_data
from audits.services import applicable_codes
from audits.state.services import record_signed


def signed_audit(
    *,
    agency,
    auditors,
    date,
    steps=(1, 2, 3),
    scores=None,
    default=4,
    notes=None,
    decisions=None,
    finalised=True,
    checklist=None,
    legacy=False,
):
    """An audit of `agency` by `auditors` (Person list). `scores` maps code -> list of scores
    (one per auditor) or a single int; every other applicable code gets `default` (an int or a
    list). `decisions` maps code -> decided score. `notes` maps code -> note (first auditor).
    `legacy` leaves the step values unstored, as on a sheet signed before they were stored."""
    checklist = checklist or ChecklistVersion.objects.order_by("-version").first()
    audit = Audit.objects.create(
        agency=agency,
        checklist=checklist,
        date=date,
        completed_steps=list(steps),
        common_areas=agency.responsible_for_common_areas,
        status=AuditStatus.FINALISED if finalised else AuditStatus.PLANNED,
    )
    criteria = list(Criterion.objects.filter(version=checklist))
    codes = applicable_codes(audit, criteria)
    by_code = {c.code: c for c in criteria}
    sheets = ScoreSheet.objects.bulk_create(
        [
            ScoreSheet(audit=audit, auditor=person, status=SheetStatus.SUBMITTED)
            for person in auditors
        ]
    )
    scores = scores or {}
    notes = notes or {}
    rows = []
    for index, sheet in enumerate(sheets):
        for code in sorted(codes):
            given = scores.get(code, default)
            value = given[index] if isinstance(given, list | tuple) else given
            note = notes.get(code, "") if index == 0 else ""
            rows.append(Score(sheet=sheet, criterion=by_code[code], score=value, note=note))
    Score.objects.bulk_create(rows)
    final = FinalScoreSheet(audit=audit, copy_due=date + datetime.timedelta(days=7))
    FinalScoreSheet.objects.bulk_create([final])  # no signal: publishing is tested on its own
    final = FinalScoreSheet.objects.get(audit=audit)
    for code, decided in (decisions or {}).items():
        Decision.objects.create(final_sheet=final, criterion=by_code[code], score=decided)
    if finalised:
        data = final_sheet_data(audit)
        FinalScoreSheet.objects.filter(pk=final.pk).update(
            finalised_at=timezone.now(),
            signer_name="Главнов Глеб Глебович",
            signed_on=date,
            overall=scoring.stored(data.overall_exact),
            step_values={} if legacy else scoring.stored_step_values(data.completed_step_values),
        )
        # As signing does (final_sheet_finalise): the region's state follows the signature.
        record_signed(audit=audit)
    return audit


def open_action(audit, *, planned, done=None, code="1.1"):
    plan, _created = CorrectiveActionPlan.objects.get_or_create(audit=audit)
    number = plan.actions.count() + 1
    return CorrectiveAction.objects.create(
        plan=plan,
        step=int(code.split(".")[0]),
        number=number,
        criterion_code=code,
        remark="Замечание",
        planned_date=planned,
        actual_date=done,
    )


def people(agency, count, prefix="Аудитор"):
    return [
        Person.objects.create(agency=agency, full_name=f"{prefix} {n}", position="Член группы")
        for n in range(count)
    ]
