"""`FinalScoreSheet.published` goes (issue 11 item 10): it was set to True when the sheet was
signed and never read; a final sheet is published on the portal exactly when it is signed
(seed 003 L605: the group head places it in «ДИАрама»), which `finalised_at` already records. Reversed, the flag is written back
from `finalised_at`."""

from django.db import migrations


def restore_published(apps, schema_editor):
    for name in ("FinalScoreSheet", "HistoricalFinalScoreSheet"):
        model = apps.get_model("audits", name)
        model.objects.exclude(finalised_at=None).update(published=True)


class Migration(migrations.Migration):
    dependencies = [("audits", "0010_it_standard_on_the_final_sheet")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_published),
        migrations.RemoveField(model_name="finalscoresheet", name="published"),
        migrations.RemoveField(model_name="historicalfinalscoresheet", name="published"),
    ]
