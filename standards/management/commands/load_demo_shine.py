"""Step 3 «Содержание в чистоте» for the demo region (run after load_demo).

For the agency of the demo leader (`leader`): the Appendix 22 classifier, a cleaning-inspection
plan for two rooms agreed by the three it names and approved by the head (Appendix 24), the
quarterly cleaning schedule of the first room for the current quarter, signed, with the actual
dates of the work already due (Appendix 25), and one analysis of places needing cleaning
(Appendix 23) with one measure done. Everything goes through the services; signatures the demo
has no account for are recorded by the demo administrator on the person's behalf. Idempotent:
an agency that already has a plan is left alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from agencies.models import Person
from agencies.services import room_get_or_create
from core import calendar
from core.demo import DemoDataCommand
from standards.shine import services
from standards.shine.choices import AnalysisKind, SignRole
from standards.shine.models import CleaningPlan, ContaminationType, ScheduleDate

SAFETY = "Работать в резиновых перчатках; перед влажной уборкой обесточить оргтехнику."


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Create the demo region's cleaning plan, schedule and analysis (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = get_user_model().objects
        admin = users.filter(is_superuser=True).order_by("pk").first()
        leader = users.filter(username="leader").first()
        if admin is None or leader is None or not hasattr(leader, "person"):
            raise CommandError("Load the demo region first: manage.py load_demo")
        services.contamination_load()
        agency = leader.person.agency
        if CleaningPlan.objects.filter(agency=agency).exists():
            return
        today = calendar.today()
        rooms = [room_get_or_create(actor=admin, agency=agency, name=n) for n in ("101", "102")]
        staff = list(
            Person.objects.filter(agency=agency).exclude(pk=leader.person.pk).order_by("pk")
        )
        housekeeping, inventory, chief = staff[0], staff[1], staff[2]
        employee = users.filter(username="employee", person__agency=agency).first()
        room_staff = [employee.person] if employee is not None else staff[3:4]
        plan = services.plan_create(
            actor=leader,
            agency=agency,
            data={
                "department": "Отдел общего образования",
                "rooms": rooms,
                "compilers": [leader.person],
                "leader": leader.person,
                "housekeeping": housekeeping,
                "inventory_officer": inventory,
                "inventory_phone": "+7 (4852) 40-00-01",
                "rows": [
                    {
                        "activity": "Протереть пыль с рабочих столов и оргтехники",
                        "frequency": "еженедельно",
                        "time_from": datetime.time(8, 30),
                        "time_to": datetime.time(8, 45),
                        "equipment": "салфетки из микрофибры",
                        "responsible": "сотрудники кабинета",
                        "safety": SAFETY,
                    },
                    {
                        "activity": "Протереть верх шкафов и короба для проводов",
                        "frequency": "ежемесячно",
                        "time_from": datetime.time(16, 30),
                        "time_to": datetime.time(17, 0),
                        "equipment": "стремянка, салфетки",
                        "responsible": "специалист по уборке помещений",
                        "safety": "Стремянку держит второй сотрудник; не вставать на стулья.",
                    },
                ],
            },
        )
        services.plan_sign(actor=leader, plan=plan, role=SignRole.LEADER)
        for role in (SignRole.HOUSEKEEPING, SignRole.INVENTORY):
            services.plan_sign(actor=admin, plan=plan, role=role)
        if agency.head_id:
            services.plan_sign(actor=admin, plan=plan, role=SignRole.HEAD)
        start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end = datetime.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
        end -= datetime.timedelta(days=1)
        mondays = [
            start + datetime.timedelta(days=d)
            for d in range((end - start).days + 1)
            if (start + datetime.timedelta(days=d)).weekday() == 0
        ]
        schedule = services.schedule_create(
            actor=leader,
            agency=agency,
            data={
                "room": rooms[0],
                "plan": plan,
                "department": plan.department,
                "period_start": start,
                "period_end": end,
                "department_head": chief,
                "staff": room_staff,
                "rows": [
                    {
                        "work": plan.rows.get(position=1).activity,
                        "frequency": "еженедельно",
                        "dates": mondays,
                    },
                    {
                        "work": plan.rows.get(position=2).activity,
                        "frequency": "ежемесячно",
                        "dates": [d for d in mondays if d.day <= 7],
                    },
                ],
            },
        )
        services.schedule_sign(actor=admin, schedule=schedule, today=start)
        done = ScheduleDate.objects.filter(row__schedule=schedule, planned_on__lt=today).order_by(
            "planned_on"
        )
        # The last passed date is left without a mark: the home panel and the reminder show it.
        services.schedule_done_record(
            actor=leader, schedule=schedule, dates={d.pk: d.planned_on for d in list(done)[:-1]}
        )
        dust = ContaminationType.objects.get(agency=None, name="Пыль")
        disorder = ContaminationType.objects.get(agency=None, name="Беспорядок")
        analysis = services.analysis_create(
            actor=leader,
            agency=agency,
            data={
                "kind": AnalysisKind.CLEANING_PLACES,
                "date": start,
                "analysts": [leader.person],
                "leader": leader.person,
                "housekeeping": housekeeping,
                "controller": leader.person,
                "rows": [
                    {
                        "room": rooms[0],
                        "place": "короба для проводов у окна",
                        "contamination": dust,
                        "cause": "короб без крышки",
                        "action": "вычистить; закрыть короб крышкой",
                        "planned_on": start + datetime.timedelta(days=7),
                        "responsible": "специалист по уборке помещений",
                    },
                    {
                        "room": rooms[1],
                        "place": "провода под столом",
                        "contamination": disorder,
                        "cause": "провода не закреплены",
                        "action": "закрепить провода; подготовить заявку на прокладку коробов",
                        "planned_on": start + datetime.timedelta(days=30),
                        "responsible": "инженер по оргтехнике",
                    },
                ],
            },
        )
        first = analysis.rows.get(position=1)
        if first.planned_on and first.planned_on <= today:
            services.analysis_done_record(
                actor=leader, analysis=analysis, dates={first.pk: first.planned_on}
            )
        self.stdout.write(
            f"demo shine: plan {plan.pk}, schedule {schedule.pk}, analysis {analysis.pk}"
        )
