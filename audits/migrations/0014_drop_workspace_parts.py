"""Step 3 of 3 (issue 11 item 4): the parts go; every internal score names a room."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audits", "0013_internal_rooms_from_parts")]

    operations = [
        migrations.RemoveConstraint(model_name="internalscore", name="unique_internal_score"),
        migrations.RemoveField(model_name="internalscore", name="part"),
        migrations.RemoveField(model_name="historicalinternalscore", name="part"),
        migrations.RemoveField(model_name="photo", name="part"),
        migrations.RemoveField(model_name="historicalphoto", name="part"),
        migrations.AlterField(
            model_name="internalscore",
            name="room",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="internal_scores",
                to="agencies.room",
                verbose_name="помещение",
            ),
        ),
        migrations.AddConstraint(
            model_name="internalscore",
            constraint=models.UniqueConstraint(
                fields=("internal_audit", "room", "step"), name="unique_internal_room_score"
            ),
        ),
        migrations.DeleteModel(name="WorkspacePart"),
    ]
