"""Criterion 4.3 comes from the IT department's monthly record (§8.4, L1337), no longer from a
score the group head typed on the audit (issue 12 item 1). A signed sheet keeps what it counted:
the typed score moves onto its final sheet as {"score": n}; a signed sheet without one keeps None
(its 4.3 counted the auditors' scores). Unsigned audits lose the typed score: their 4.3 will come
from the record of their month."""

from django.db import migrations, models


def keep_signed_values(apps, schema_editor):
    FinalScoreSheet = apps.get_model("audits", "FinalScoreSheet")
    for sheet in FinalScoreSheet.objects.filter(
        finalised_at__isnull=False, audit__it_score__isnull=False
    ).select_related("audit"):
        sheet.it_standard = {"score": sheet.audit.it_score}
        sheet.save(update_fields=["it_standard"])


def restore_typed_scores(apps, schema_editor):
    FinalScoreSheet = apps.get_model("audits", "FinalScoreSheet")
    Audit = apps.get_model("audits", "Audit")
    for sheet in FinalScoreSheet.objects.exclude(it_standard=None):
        score = (sheet.it_standard or {}).get("score")
        if score is not None:
            Audit.objects.filter(pk=sheet.audit_id).update(it_score=score)


class Migration(migrations.Migration):
    dependencies = [("audits", "0009_it_standard_record")]

    operations = [
        migrations.AddField(
            model_name="finalscoresheet",
            name="it_standard",
            field=models.JSONField(
                blank=True,
                null=True,
                verbose_name="данные департамента информатизации и связи (критерий 4.3)",
            ),
        ),
        migrations.AddField(
            model_name="historicalfinalscoresheet",
            name="it_standard",
            field=models.JSONField(
                blank=True,
                null=True,
                verbose_name="данные департамента информатизации и связи (критерий 4.3)",
            ),
        ),
        migrations.RunPython(keep_signed_values, restore_typed_scores),
        migrations.RemoveField(model_name="audit", name="it_score"),
        migrations.RemoveField(model_name="historicalaudit", name="it_score"),
    ]
