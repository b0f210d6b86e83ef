"""Steps 2–4 for the demo region (run after load_demo): the register of 5S standards, the daily
checklist, a storage place with its levels and a visual-control list.

For the agency of the demo leader (`leader`): seven of the eight standards of §8.2 (L1161–1253),
six approved on the head's behalf — one of them more than a year ago, so its review (L1145) is
overdue — and one agreed but not yet approved, so the register shows what is missing; the daily
checklist of Appendix 26 approved; a storage place whose paper is at its minimum, so an order
request (Appendix 27) is proposed; a list of visual control points (Appendix 28). The agency of
the second team adopts two of those standards from «ДИАрама» (§3.2.4). Texts come from
fixtures/demo/standards.json and everything goes through the services, so the rules hold.
Idempotent: an agency that already has a standard is left alone.
"""

import datetime
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from agencies.models import Agency, FiveSTeam, Person, Room
from agencies.services import room_get_or_create
from core import calendar
from core.demo import DemoDataCommand
from standards.models import Standard, StandardKind
from standards.register import services as register_services
from standards.register.services import ChecklistItemInput
from standards.stock import services as stock_services
from standards.visual import services as visual_services

FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "standards.json"


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Create the demo region's 5S standards, daily checklist, stock and control points."

    @transaction.atomic
    def handle(self, *args, **options):
        users = get_user_model().objects
        admin = users.filter(is_superuser=True).order_by("pk").first()
        leader = users.filter(username="leader").first()
        if admin is None or leader is None or not hasattr(leader, "person"):
            raise CommandError("Load the demo region first: manage.py load_demo")
        if not StandardKind.objects.exists():
            raise CommandError("Load the reference data first: manage.py load_reference_data")
        agency = leader.person.agency
        if Standard.objects.filter(agency=agency).exists():
            return
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        today = calendar.today()
        kinds = {kind.code: kind for kind in StandardKind.objects.all()}
        standards = {}
        for spec in data["standards"]:
            standard = register_services.standard_create(
                actor=admin,
                agency=agency,
                kind=kinds[spec["kind"]],
                purpose=spec["purpose"],
                text=spec["text"],
            )
            version = standard.versions.get()
            day = today - datetime.timedelta(days=spec.get("approved_days_ago", 0))
            register_services.version_agree(actor=admin, version=version, today=day)
            if not spec.get("draft"):
                register_services.version_approve(actor=admin, version=version, today=day)
            standards[spec["kind"]] = standard
        self._checklist(admin, agency, data["daily_checklist"], today)
        room = room_get_or_create(actor=admin, agency=agency, name=data["room"])
        self._stock(admin, agency, room, data["stock"], today)
        self._visual(admin, agency, room, data["visual"], today)
        other = self._other_agency(agency)
        if other is not None:
            for code in data["other_agency_standards"]:
                source = Standard.objects.get(pk=standards[code].pk)  # approved since created
                register_services.standard_adopt(actor=admin, source=source, agency=other)

    def _checklist(self, admin, agency: Agency, spec, today: datetime.date) -> None:
        checklist = register_services.checklist_create(
            actor=admin,
            agency=agency,
            time_of_use=datetime.time.fromisoformat(spec["time_of_use"]),
            duration_minutes=spec["duration_minutes"],
            items=[
                ChecklistItemInput(text=row["text"], stage=row["stage"])
                for row in register_services.checklist_template()
            ],
        )
        register_services.checklist_approve(actor=admin, checklist=checklist, today=today)

    def _stock(self, admin, agency: Agency, room: Room, spec, today: datetime.date) -> None:
        keeper = Person.objects.filter(agency=agency).order_by("-pk").first()
        place = stock_services.place_create(
            actor=admin,
            agency=agency,
            data={"room": room, "name": spec["place"], "responsible": keeper},
        )
        for item in spec["items"]:
            stock_services.item_create(actor=admin, place=place, data=item, counted_on=today)

    def _visual(self, admin, agency: Agency, room: Room, points, today: datetime.date) -> None:
        visual_services.list_create(
            actor=admin,
            agency=agency,
            room=room,
            compiled_on=today,
            points=[
                visual_services.PointRow(
                    category=p["category"],
                    control_point=p["control_point"],
                    requirement=p["requirement"],
                )
                for p in points
            ],
        )

    @staticmethod
    def _other_agency(agency: Agency) -> Agency | None:
        """The first agency of another 5S team: it adopts standards from «ДИАрама»."""
        team = FiveSTeam.objects.exclude(agencies=agency).order_by("pk").first()
        return team.agencies.order_by("pk").first() if team is not None else None
