"""Fill the position level of the people already recorded from their titles («Начальник
отдела …» → head of department), so that the §4.2 rule on the 5S-team leader (L379) can be
checked for them; a title that does not say is left for a person to set. The list is a frozen
copy of agencies.team_rules.TITLE_LEVELS. Reversed, the levels are cleared."""

from django.db import migrations

TITLE_LEVELS = (
    ("заместитель начальника отдела", "below_department_head"),
    ("заместитель председателя комитета", "department_head"),
    ("первый заместитель", "deputy_head"),
    ("заместитель", "deputy_head"),
    ("директор", "head"),
    ("руководитель", "head"),
    ("начальник управления", "head"),
    ("председатель комитета", "committee_chair"),
    ("начальник отдела", "department_head"),
)


def _level(title):
    text = " ".join((title or "").split()).casefold()
    if not text:
        return ""
    for prefix, level in TITLE_LEVELS:
        if text.startswith(prefix):
            return level
    return "below_department_head"


def levels_from_titles(apps, schema_editor):
    Person = apps.get_model("agencies", "Person")
    for pk, position in Person.objects.filter(position_level="").values_list("pk", "position"):
        level = _level(position)
        if level:
            Person.objects.filter(pk=pk).update(position_level=level)


def clear_levels(apps, schema_editor):
    apps.get_model("agencies", "Person").objects.update(position_level="")


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_person_level_and_council")]

    operations = [migrations.RunPython(levels_from_titles, clear_levels)]
