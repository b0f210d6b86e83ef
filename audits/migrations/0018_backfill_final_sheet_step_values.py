"""Store the step values of final sheets signed before FinalScoreSheet.step_values existed
(issue 11, item 10: the dashboard recomputed them, about six queries per such sheet, on every
view). Appendix 12's «значение шага» (§4.10; the step value is the mean of its counted
criteria's values, L3790–3826) is worked out as signing works it out: which criteria count
(audits.rules, including criterion 4.3 as the sheet signed it) and the arithmetic
(audits.scoring), then stored rounded half up to six places (scoring.stored_step_values).

Both modules are pure — functions over plain values and attributes, no model, no query — so
the migration imports them rather than copying them; the historical models give the
attributes they read. A signed sheet never changes afterwards, so the values stored here are
those the sheet showed. Reversing leaves the values: they are what signing stores today."""

from django.db import migrations

from audits import rules, scoring


def backfill_step_values(apps, schema_editor):
    FinalScoreSheet = apps.get_model("audits", "FinalScoreSheet")
    Criterion = apps.get_model("audits", "Criterion")
    Score = apps.get_model("audits", "Score")
    Decision = apps.get_model("audits", "Decision")
    legacy = FinalScoreSheet.objects.filter(finalised_at__isnull=False, step_values={})
    for sheet in legacy.select_related("audit").iterator():
        audit = sheet.audit
        criteria = list(Criterion.objects.filter(version_id=audit.checklist_id))
        code_of = {c.pk: c.code for c in criteria}
        scores: dict[str, dict[int, int]] = {}
        for sheet_id, criterion_id, score in Score.objects.filter(
            sheet__audit_id=audit.pk, score__isnull=False
        ).values_list("sheet_id", "criterion_id", "score"):
            scores.setdefault(code_of[criterion_id], {})[sheet_id] = score
        decisions = {
            code_of[criterion_id]: score
            for criterion_id, score in Decision.objects.filter(final_sheet=sheet).values_list(
                "criterion_id", "score"
            )
        }
        it_score, by_auditors = rules.signed_it_source(sheet.it_standard)
        counted = rules.counted_criteria(
            audit, criteria, it_score=it_score, it_scored_by_auditors=by_auditors
        )
        numbers = scoring.final_sheet(
            criteria=[(c.code, c.step_number) for c in criteria],
            applicable=set(counted.applicable),
            scores=scores,
            decisions=decisions,
            external=dict(counted.external),
            steps=audit.completed_steps,
        )
        step_values = scoring.stored_step_values(numbers.steps)
        if step_values:
            FinalScoreSheet.objects.filter(pk=sheet.pk).update(step_values=step_values)


class Migration(migrations.Migration):
    dependencies = [("audits", "0017_record_completed_steps_as_closures")]

    operations = [migrations.RunPython(backfill_step_values, migrations.RunPython.noop)]
