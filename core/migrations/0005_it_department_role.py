"""The role of the департамент информатизации и связи (§8.4, L1337: it reports the state of
every agency's workplaces against the IT standard for criterion 4.3)."""

from django.db import migrations

GROUP = "it_department"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_drop_plaintext_api_tokens")]
    operations = [migrations.RunPython(create_group, remove_group)]
