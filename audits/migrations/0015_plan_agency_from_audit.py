"""`CorrectiveActionPlan.agency` goes (issue 11 item 10): it repeated `audit.agency` with
nothing keeping the two equal. The plan is prepared by the audited agency's 5S-team leader from
its final sheet (seed 003 L605, Appendix 30); its agency is now read through the audit.
Reversed, the column is written back from the audit (the history's versions too) before it
becomes required again."""

import django.db.models.deletion
from django.db import migrations, models


def restore_agency(apps, schema_editor):
    Audit = apps.get_model("audits", "Audit")
    agency_of = dict(Audit.objects.values_list("pk", "agency_id"))
    for name in ("CorrectiveActionPlan", "HistoricalCorrectiveActionPlan"):
        model = apps.get_model("audits", name)
        for audit_id in set(model.objects.values_list("audit_id", flat=True)):
            if audit_id in agency_of:
                model.objects.filter(audit_id=audit_id).update(agency_id=agency_of[audit_id])


class Migration(migrations.Migration):
    dependencies = [("audits", "0014_drop_workspace_parts")]

    operations = [
        # Nullable first, so that the column can come back to the rows when reversed.
        migrations.AlterField(
            model_name="correctiveactionplan",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="action_plans",
                to="agencies.agency",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_agency),
        migrations.RemoveField(model_name="correctiveactionplan", name="agency"),
        migrations.RemoveField(model_name="historicalcorrectiveactionplan", name="agency"),
    ]
