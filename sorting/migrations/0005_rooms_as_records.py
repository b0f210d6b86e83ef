"""Red tags and sortings name the agency's rooms (agencies.Room) instead of free text (issue 11
item 4), step 1 of 3: the text columns are kept aside as `room_text` / `rooms_text` and the
references are added beside them (0006 fills them, 0007 drops the text)."""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_room"),
        ("sorting", "0004_delete_sortingreminder"),
    ]

    operations = [
        migrations.RenameField(model_name="redtag", old_name="room", new_name="room_text"),
        migrations.RenameField(model_name="historicalredtag", old_name="room", new_name="room_text"),
        migrations.RenameField(model_name="sortinground", old_name="rooms", new_name="rooms_text"),
        migrations.RenameField(
            model_name="historicalsortinground", old_name="rooms", new_name="rooms_text"
        ),
        migrations.AddField(
            model_name="redtag",
            name="room",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="red_tags",
                to="agencies.room",
                verbose_name="№ кабинета",
            ),
        ),
        migrations.AddField(
            model_name="historicalredtag",
            name="room",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="agencies.room",
                verbose_name="№ кабинета",
            ),
        ),
        migrations.AddField(
            model_name="sortinground",
            name="rooms",
            field=models.ManyToManyField(
                related_name="sorting_rounds",
                to="agencies.room",
                verbose_name="рабочее пространство (кабинеты)",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalSortingRound_rooms",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="sorting.historicalsortinground",
                    ),
                ),
                (
                    "room",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agencies.room",
                    ),
                ),
                (
                    "sortinground",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="sorting.sortinground",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalSortingRound_rooms",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
