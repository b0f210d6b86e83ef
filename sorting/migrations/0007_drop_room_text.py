"""Step 3 of 3 (issue 11 item 4): the text columns go; every red tag now names a room."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sorting", "0006_rooms_from_text")]

    operations = [
        # A default first, so that reversing the removal can add the columns back to the rows
        # (0006 reversed then writes the text).
        migrations.AlterField(
            model_name="redtag", name="room_text", field=models.CharField(default="", max_length=50)
        ),
        migrations.AlterField(
            model_name="historicalredtag",
            name="room_text",
            field=models.CharField(default="", max_length=50),
        ),
        migrations.AlterField(
            model_name="sortinground", name="rooms_text", field=models.TextField(default="")
        ),
        migrations.AlterField(
            model_name="historicalsortinground",
            name="rooms_text",
            field=models.TextField(default=""),
        ),
        migrations.RemoveField(model_name="redtag", name="room_text"),
        migrations.RemoveField(model_name="historicalredtag", name="room_text"),
        migrations.RemoveField(model_name="sortinground", name="rooms_text"),
        migrations.RemoveField(model_name="historicalsortinground", name="rooms_text"),
        migrations.AlterField(
            model_name="redtag",
            name="room",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="red_tags",
                to="agencies.room",
                verbose_name="№ кабинета",
            ),
        ),
    ]
