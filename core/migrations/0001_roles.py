"""The portal's roles as Django groups (core.roles.Role)."""

from django.db import migrations

ROLE_GROUPS = [
    "administrator",
    "governor_office",
    "working_group_head",
    "working_group_auditor",
    "team_leader",
    "team_member",
    "employee",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
