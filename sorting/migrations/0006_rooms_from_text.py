"""Step 2 of 3 (issue 11 item 4): each room typed on a red tag or a sorting becomes a room of
the agency's list, found ignoring case and extra spaces as the forms find them
(agencies.services.room_name_normalised) or created. A sorting's rooms were one line
(«215, 218, 220»): split on commas, semicolons and line ends (sorting.rules.room_names_parsed).
The history of tags and sortings follows, so an old version still names its room(s).

The normalisation and splitting are frozen here on purpose (a migration must not follow later
changes of the code). Reversed, the text is written back from the rooms' names.
"""

import re

from django.db import migrations

ROOM_NAME_MAX_LENGTH = 100
SEPARATORS = re.compile(r"[,;\n]+")
# A tag saved with an empty room (the form never allowed it): still one room, so it can refer.
UNNAMED = "без номера"


def _normalised(name):
    return " ".join((name or "").split())[:ROOM_NAME_MAX_LENGTH].strip()


def _parsed(text):
    names, seen = [], set()
    for part in SEPARATORS.split(text or ""):
        name = _normalised(part)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


class _Rooms:
    def __init__(self, Room):
        self.Room = Room
        self.cache = {}
        for room in Room.objects.all():
            self.cache.setdefault((room.agency_id, room.name.casefold()), room)

    def get(self, agency_id, name):
        name = _normalised(name) or UNNAMED
        key = (agency_id, name.casefold())
        if key not in self.cache:
            self.cache[key] = self.Room.objects.create(agency_id=agency_id, name=name)
        return self.cache[key]


def text_to_rooms(apps, schema_editor):
    rooms = _Rooms(apps.get_model("agencies", "Room"))
    RedTag = apps.get_model("sorting", "RedTag")
    HistoricalRedTag = apps.get_model("sorting", "HistoricalRedTag")
    SortingRound = apps.get_model("sorting", "SortingRound")
    HistoricalSortingRound = apps.get_model("sorting", "HistoricalSortingRound")
    HistoricalRooms = apps.get_model("sorting", "HistoricalSortingRound_rooms")
    Through = SortingRound.rooms.through

    for tag in RedTag.objects.order_by("pk").iterator():
        RedTag.objects.filter(pk=tag.pk).update(room=rooms.get(tag.agency_id, tag.room_text))
    for version in HistoricalRedTag.objects.order_by("pk").iterator():
        if version.agency_id is None:
            continue
        HistoricalRedTag.objects.filter(pk=version.pk).update(
            room=rooms.get(version.agency_id, version.room_text)
        )
    links = {}
    for sorting_round in SortingRound.objects.order_by("pk").iterator():
        for name in _parsed(sorting_round.rooms_text):
            room = rooms.get(sorting_round.agency_id, name)
            link, _created = Through.objects.get_or_create(
                sortinground_id=sorting_round.pk, room_id=room.pk
            )
            links[(sorting_round.pk, room.pk)] = link.pk
    for version in HistoricalSortingRound.objects.order_by("pk").iterator():
        if version.agency_id is None:
            continue
        HistoricalRooms.objects.bulk_create(
            [
                HistoricalRooms(
                    id=links.get((version.id, room.pk), 0),
                    history_id=version.pk,
                    sortinground_id=version.id,
                    room_id=room.pk,
                )
                for room in (rooms.get(version.agency_id, n) for n in _parsed(version.rooms_text))
            ]
        )


def rooms_to_text(apps, schema_editor):
    RedTag = apps.get_model("sorting", "RedTag")
    HistoricalRedTag = apps.get_model("sorting", "HistoricalRedTag")
    SortingRound = apps.get_model("sorting", "SortingRound")
    HistoricalSortingRound = apps.get_model("sorting", "HistoricalSortingRound")
    HistoricalRooms = apps.get_model("sorting", "HistoricalSortingRound_rooms")
    Room = apps.get_model("agencies", "Room")
    names = dict(Room.objects.values_list("pk", "name"))
    for model in (RedTag, HistoricalRedTag):
        for pk, room_id in model.objects.exclude(room=None).values_list("pk", "room_id"):
            model.objects.filter(pk=pk).update(room_text=names.get(room_id, "")[:50])
    for sorting_round in SortingRound.objects.prefetch_related("rooms"):
        text = ", ".join(room.name for room in sorted(sorting_round.rooms.all(), key=lambda r: r.pk))
        SortingRound.objects.filter(pk=sorting_round.pk).update(rooms_text=text)
    by_version = {}
    for history_id, room_id in HistoricalRooms.objects.order_by("pk").values_list(
        "history_id", "room_id"
    ):
        by_version.setdefault(history_id, []).append(names.get(room_id, ""))
    for history_id, room_names in by_version.items():
        HistoricalSortingRound.objects.filter(pk=history_id).update(
            rooms_text=", ".join(name for name in room_names if name)
        )


class Migration(migrations.Migration):
    dependencies = [("sorting", "0005_rooms_as_records")]

    operations = [migrations.RunPython(text_to_rooms, rooms_to_text)]
