"""«Set in order» for the demo region (run after load_demo): for the agencies of the demo
leaders (`leader`, `leader2`), rooms 215, 218, 220 and the archive, with a current-state map
and a rational-placement scheme each (a small PNG drawn here), approved for all rooms but one
of the first agency, one placement schedule agreed with its copy due, and the storage and
visualisation rules. Everything goes through standards.placement.services (approvals on the
head's behalf by the demo administrator). Idempotent: an agency that already has schemes is
left alone. Fast: four small images per agency, no PDF rendering."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.db import transaction
from PIL import Image, ImageDraw

from agencies.services import room_get_or_create
from core import calendar
from core.demo import DemoDataCommand
from standards.placement import services
from standards.placement.choices import SchemeKind
from standards.placement.models import PlacementScheme

ROOMS = ("215", "218", "220", "Архив")
LEADERS = ("leader", "leader2")
DESK_ITEMS = [
    ("Ручка шариковая", 2, "настольный органайзер"),
    ("Блокнот", 1, "верхний ящик стола"),
    ("Калькулятор", 1, "настольный органайзер"),
]
STORAGE_RULES = (
    "Места хранения с непосредственным доступом с рабочего места — для предметов, используемых "
    "почти каждый день; промежуточное хранение в шкафах — для используемых еженедельно; "
    "удалённое хранение в архиве — для редко используемых носителей информации. На полках и "
    "в ящиках предметы располагаются в один ряд; носители информации стопками не складируются."
)
VISUAL_RULES = (
    "На дверях кабинетов — номер кабинета, наименование отдела, фамилии и должности "
    "сотрудников; на местах хранения — «обратный адрес»; контуры — для предметов общего "
    "пользования; цветовая кодировка папок по отделам."
)


def _png(label: str, color: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (240, 160), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, 234, 154), outline="black", width=3)
    draw.rectangle((150, 100, 225, 145), outline=color, width=2)
    draw.text((12, 12), label, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(f"{label}.png", buffer.getvalue(), content_type="image/png")


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Create the demo region's placement schemes, schedule and rules (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = get_user_model().objects
        admin = users.filter(is_superuser=True).order_by("pk").first()
        leaders = list(users.filter(username__in=LEADERS).order_by("username"))
        if admin is None or not leaders:
            raise CommandError("Load the demo region first: manage.py load_demo")
        today = calendar.today()
        created = 0
        for index, leader in enumerate(leaders):
            person = getattr(leader, "person", None)
            if person is None:
                continue
            agency = person.agency
            if PlacementScheme.objects.filter(agency=agency).exists():
                continue
            rooms = [room_get_or_create(actor=admin, agency=agency, name=n) for n in ROOMS]
            for number, room in enumerate(rooms):
                services.scheme_upload(
                    actor=admin,
                    room=room,
                    kind=SchemeKind.CURRENT_MAP,
                    file=_png(f"{room.name}: map", "red"),
                )
                scheme = services.scheme_upload(
                    actor=admin,
                    room=room,
                    kind=SchemeKind.RATIONAL,
                    file=_png(f"{room.name}: scheme", "blue"),
                    note="Демонстрационная схема",
                )
                created += 2
                # The first agency keeps its archive pending: step 2 shows what is missing.
                if not (index == 0 and number == len(rooms) - 1):
                    services.scheme_approve(actor=admin, scheme=scheme, today=today)
            if index == 0:
                start = calendar.add_working_days(today, 1)
                schedule = services.schedule_create(
                    actor=admin,
                    agency=agency,
                    drawn_up_on=today,
                    rows=[
                        {
                            "room": room,
                            "responsible": person,
                            "date_from": start,
                            "date_to": start + datetime.timedelta(days=2),
                        }
                        for room in rooms
                    ],
                )
                services.schedule_agree(actor=admin, schedule=schedule, today=today)
                document = services.rules_create(
                    actor=admin,
                    agency=agency,
                    storage_rules=STORAGE_RULES,
                    visual_rules=VISUAL_RULES,
                    items=[
                        {"name": name, "quantity": quantity, "place": place}
                        for name, quantity, place in DESK_ITEMS
                    ],
                )
                services.rules_approve(actor=admin, document=document, today=today)
        self.stdout.write(f"{created} demo placement schemes created")
