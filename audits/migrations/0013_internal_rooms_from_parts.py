"""Step 2 of 3 (issue 11 item 4): each part of the workspace an internal audit scored or a photo
named becomes a room of the agency's list (agencies.Room), found ignoring case and extra spaces
as the forms find rooms (agencies.services.room_name_normalised), or created. The agency is the
internal audit's (a score) or the photo's; the history of scores and photos follows.

Two parts that are one room after normalisation («Каб. 1», «каб.  1») scored in one internal
audit for one step would be two scores of one room: the first saved one is kept (a room has one
score per step, L3381), the other is dropped.

The normalisation is frozen here on purpose (a migration must not follow later changes of the
code). Reversed, every room a score or a photo names becomes a part of the same name again.
"""

from django.db import migrations

ROOM_NAME_MAX_LENGTH = 100
# A part saved with an empty name (the form never allowed it): still one room, so it can refer.
UNNAMED = "без номера"


def _normalised(name):
    return " ".join((name or "").split())[:ROOM_NAME_MAX_LENGTH].strip()


class _Rooms:
    def __init__(self, Room):
        self.Room = Room
        self.cache = {}
        for room in Room.objects.order_by("pk"):
            self.cache.setdefault((room.agency_id, room.name.casefold()), room.pk)

    def get(self, agency_id, name):
        name = _normalised(name) or UNNAMED
        key = (agency_id, name.casefold())
        if key not in self.cache:
            self.cache[key] = self.Room.objects.create(agency_id=agency_id, name=name).pk
        return self.cache[key]


def parts_to_rooms(apps, schema_editor):
    rooms = _Rooms(apps.get_model("agencies", "Room"))
    WorkspacePart = apps.get_model("audits", "WorkspacePart")
    InternalScore = apps.get_model("audits", "InternalScore")
    HistoricalInternalScore = apps.get_model("audits", "HistoricalInternalScore")
    Photo = apps.get_model("audits", "Photo")
    HistoricalPhoto = apps.get_model("audits", "HistoricalPhoto")
    parts = {
        pk: (agency_id, name)
        for pk, agency_id, name in WorkspacePart.objects.values_list("pk", "agency_id", "name")
    }

    taken = set()
    for pk, part_id, audit_id, agency_id, step in InternalScore.objects.order_by("pk").values_list(
        "pk", "part_id", "internal_audit_id", "internal_audit__agency_id", "step"
    ):
        room_id = rooms.get(agency_id, parts[part_id][1])
        if (audit_id, room_id, step) in taken:
            InternalScore.objects.filter(pk=pk).delete()
            continue
        taken.add((audit_id, room_id, step))
        InternalScore.objects.filter(pk=pk).update(room_id=room_id)
    for pk, part_id, agency_id in Photo.objects.exclude(part=None).values_list(
        "pk", "part_id", "agency_id"
    ):
        Photo.objects.filter(pk=pk).update(room_id=rooms.get(agency_id, parts[part_id][1]))
    # History: the part's own agency (an old version's internal audit may be gone); a version
    # whose part was deleted keeps no room.
    for model in (HistoricalInternalScore, HistoricalPhoto):
        for history_id, part_id in model.objects.exclude(part=None).values_list(
            "history_id", "part_id"
        ):
            if part_id in parts:
                model.objects.filter(history_id=history_id).update(
                    room_id=rooms.get(*parts[part_id])
                )


def rooms_to_parts(apps, schema_editor):
    Room = apps.get_model("agencies", "Room")
    WorkspacePart = apps.get_model("audits", "WorkspacePart")
    models = [
        apps.get_model("audits", name)
        for name in ("InternalScore", "HistoricalInternalScore", "Photo", "HistoricalPhoto")
    ]
    used = set()
    for model in models:
        used.update(model.objects.exclude(room=None).values_list("room_id", flat=True))
    parts = {}
    for room in Room.objects.filter(pk__in=used).order_by("pk"):
        part, _created = WorkspacePart.objects.get_or_create(
            agency_id=room.agency_id, name=room.name
        )
        parts[room.pk] = part.pk
    for model in models:
        for room_id, part_id in parts.items():
            model.objects.filter(room_id=room_id).update(part_id=part_id)


class Migration(migrations.Migration):
    dependencies = [("audits", "0012_internal_rooms_as_records")]

    operations = [migrations.RunPython(parts_to_rooms, rooms_to_parts)]
