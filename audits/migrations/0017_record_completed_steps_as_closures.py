"""Agency.steps_completed was typed into the admin by hand; from now on closing a step sets it
(§4.6, L501). Each agency's typed value is recorded as closures of steps 1..n marked `recorded`
(no diagnosis, no document, no date), so nothing is lost and the next step to close is n + 1."""

from django.db import migrations


def record(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    StepClosure = apps.get_model("audits", "StepClosure")
    existing = set(StepClosure.objects.values_list("agency_id", "step"))
    StepClosure.objects.bulk_create(
        StepClosure(agency_id=agency_id, step=step, recorded=True)
        for agency_id, done in Agency.objects.filter(steps_completed__gt=0).values_list(
            "pk", "steps_completed"
        )
        for step in range(1, done + 1)
        if (agency_id, step) not in existing
    )


def forget(apps, schema_editor):
    apps.get_model("audits", "StepClosure").objects.filter(recorded=True).delete()


class Migration(migrations.Migration):
    dependencies = [("audits", "0016_step_closure"), ("agencies", "0005_curator_person")]

    operations = [migrations.RunPython(record, forget)]
