"""Internal audits and photos name the agency's rooms (agencies.Room) instead of the audits
app's own list of workspace parts (issue 11 item 4; Appendix 7 «№ кабинета, вид помещения»,
seed 003 L3381), step 1 of 3: `room` is added beside `part` (0013 fills it, 0014 drops the
parts). A score's part becomes nullable here, so that reversing 0014 can add it back to the rows
before 0013 reversed fills it."""

import django.db.models.deletion
from django.db import migrations, models

ROOM_FIELD = {"to": "agencies.room", "verbose_name": "помещение"}


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_room"),
        ("audits", "0011_drop_final_sheet_published"),
    ]

    operations = [
        migrations.AlterField(
            model_name="internalscore",
            name="part",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="scores",
                to="audits.workspacepart",
            ),
        ),
        migrations.AddField(
            model_name="internalscore",
            name="room",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="internal_scores",
                **ROOM_FIELD,
            ),
        ),
        migrations.AddField(
            model_name="historicalinternalscore",
            name="room",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                **ROOM_FIELD,
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="room",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="photos",
                **ROOM_FIELD,
            ),
        ),
        migrations.AddField(
            model_name="historicalphoto",
            name="room",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                **ROOM_FIELD,
            ),
        ),
    ]
