"""Sorting history for the demo region (run after load_demo and load_reference_data).

For the agencies of the first three 5S teams (unless they have a sorting already): a
sorting five weeks ago with its control sheet, red tags on the unneeded list with the
leader's decisions, a line of the rarely-needed list, two items in the storage zone and a
weekly check. Everything goes through sorting.services, so the numbering and the
storage-zone rule apply. Idempotent: an agency that already has a sorting is left alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from agencies.models import FiveSTeam
from core import calendar
from core.demo import DemoDataCommand
from sorting import services
from sorting.choices import EntryKind, ItemCategory
from sorting.models import ClassifierEntry, ControlSheetItem, SortingRound

ITEMS = [
    ("215", "Принтер HP LaserJet 1010", "01360045", 1, 2, 0),
    ("215", "Папки с документами за 2019 год", "", 12, 5, 1),
    ("218", "Стул офисный (сломана спинка)", "01630112", 2, 3, 4),
    ("220", 'Монитор Samsung 17"', "01360078", 1, 2, 2),
]
AGENCIES = 3


def _entries(category, kind):
    return list(
        ClassifierEntry.objects.filter(team=None, category=category, kind=kind).order_by("order")
    )


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Create the demo region's sorting history (idempotent; after load_demo)."

    def handle(self, *args, **options):
        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        if admin is None:
            raise CommandError("Load the demo region first: manage.py load_demo")
        if not ControlSheetItem.objects.exists():
            services.classifier_load()
        states = _entries(ItemCategory.UNNEEDED, EntryKind.STATE)
        decisions = _entries(ItemCategory.UNNEEDED, EntryKind.DECISION)
        regularity = _entries(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY)[0]
        keep_nearby = _entries(ItemCategory.RARELY_NEEDED, EntryKind.DECISION)[0]
        today = calendar.today()
        start = today - datetime.timedelta(weeks=5)
        teams = FiveSTeam.objects.select_related("leader", "storage_keeper").prefetch_related(
            "agencies", "memberships__person"
        )
        done = 0
        for team in teams.order_by("pk")[:AGENCIES]:
            agency = team.agencies.all()[0]
            if SortingRound.objects.filter(agency=agency).exists():
                continue
            members = [m.person for m in team.memberships.all() if m.person.agency_id == agency.pk]
            sorting_round = services.round_create(
                actor=admin,
                agency=agency,
                date_from=start,
                date_to=start + datetime.timedelta(days=1),
                rooms="215, 218, 220",
                participants=members[:3],
            )
            services.control_sheet_save(
                actor=admin,
                sorting_round=sorting_round,
                checked_item_ids=list(ControlSheetItem.objects.values_list("pk", flat=True)),
            )
            tags = []
            for room, name, inventory, quantity, state, decision in ITEMS:
                tags.append(
                    services.redtag_create(
                        actor=admin,
                        agency=agency,
                        sorting_round=sorting_round,
                        data={
                            "marked_on": start,
                            "marked_by": "5S-команда",
                            "room": room,
                            "workplace_owner": members[-1].full_name if members else "",
                            "item_name": name,
                            "inventory_number": inventory,
                            "quantity": quantity,
                            "reason": states[state],
                            "action": decisions[decision],
                            "move_deadline": start + datetime.timedelta(days=2),
                            "responsible_for_moving": team.leader.full_name,
                        },
                    )
                )
            for index, tag in enumerate(tags):
                services.line_decide(
                    actor=admin,
                    line=tag.list_line,
                    decider_name=team.leader.full_name,
                    decider_position=team.leader.position,
                    decision=tag.action,
                    # One decision already late, to show how the portal flags it.
                    execute_by=start + datetime.timedelta(days=14 if index == 0 else 60),
                )
            line = services.rarely_needed_line_add(
                actor=admin,
                sorting_round=sorting_round,
                data={
                    "room": "215",
                    "workplace_owner": members[0].full_name if members else "",
                    "item_name": "Брошюровщик",
                    "inventory_number": "01360099",
                    "quantity": 1,
                    "regularity": regularity,
                },
            )
            services.line_decide(
                actor=admin,
                line=line,
                decider_name=team.leader.full_name,
                decider_position=team.leader.position,
                decision=keep_nearby,
                execute_by=start + datetime.timedelta(days=7),
            )
            admissions = [
                services.storage_admit(
                    actor=admin, tag=tag, admitted_on=start + datetime.timedelta(days=2)
                )
                for tag in tags[:2]
            ]
            services.storage_check_record(
                actor=admin,
                agency=agency,
                checked_on=start + datetime.timedelta(days=7),
                entries=[
                    {"admission": a.pk, "present": True, "matches_list": True} for a in admissions
                ],
            )
            self.stdout.write(f"{agency.short_name}: sorting of {sorting_round.period_display}")
            done += 1
        self.stdout.write(f"demo sortings created: {done}")
        return None
