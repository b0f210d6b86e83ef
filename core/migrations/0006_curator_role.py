"""The role of the deputy governor curating agencies («заместитель Губернатора области,
курирующий СППО»: approves a СППО's corrective-action plan, Appendix 30, L5027)."""

from django.db import migrations

GROUP = "curator"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_it_department_role")]
    operations = [migrations.RunPython(create_group, remove_group)]
