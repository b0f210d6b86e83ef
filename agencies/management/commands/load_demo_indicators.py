"""Indicator sheets for the demo region (run after load_demo).

Every demo agency gets its actual headcount (§4.7 L535) next to its establishment headcount:
a few vacancies below it. For the agency of the demo leader (`leader`): an expert group of
20 % of the actual headcount (fictional employees are added when the demo lists too few) and
two measurements from fixtures/demo/indicators.json, two quarters apart — the initial sheet,
approved on the leader's behalf, and the latest, still a draft awaiting the leader — so the
trends and the change against the initial state show. Everything goes through the services,
so the rules hold. Idempotent: an agency that already has sheets is left alone.
"""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from agencies.indicators import rules, services
from agencies.indicators.choices import Section
from agencies.models import Agency, IndicatorSheet, Person
from core import calendar
from core.demo import DemoDataCommand

FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "indicators.json"
METHOD = services.MethodInput(
    responsible="Члены 5S-команды по группам показателей",
    reports_to="Лидеру 5S-команды",
    participants="Экспертная группа из разных отделов; главный бухгалтер по затратам",
    frequency="Раз в квартал, в первые две недели квартала, с 10 до 12 часов",
    analyst="5S-команда на очередном совещании",
    visualisation="Графики динамики на информационном стенде у входа в приёмную",
)


def actual_for(agency: Agency) -> int:
    """A few vacancies below the establishment headcount: deterministic for the demo, and the
    same whatever ids the database gives (the behaviour snapshot compares them)."""
    vacancies = agency.staff_headcount * 4 // 100 + len(agency.short_name) % 3
    return max(1, agency.staff_headcount - vacancies)


def _rows(data: dict, key: str, experts: list[Person]) -> list[services.IndicatorInput]:
    rows = []
    for section in (Section.PAPER, Section.ELECTRONIC, Section.OPERATION):
        for item in data[section]:
            rows.append(
                services.IndicatorInput(
                    section=section,
                    name=item["name"],
                    observations=[
                        services.ObservationRow(
                            seconds=Decimal(str(value)), person=experts[i % len(experts)]
                        )
                        for i, value in enumerate(item[key])
                    ],
                )
            )
    for item in data[Section.COST]:
        month, quarter, year = (Decimal(value) for value in item[key])
        rows.append(
            services.IndicatorInput(
                section=Section.COST, name=item["name"], month=month, quarter=quarter, year=year
            )
        )
    return rows


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Fill the demo agencies' actual headcount and two indicator sheets (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = get_user_model().objects
        admin = users.filter(is_superuser=True).order_by("pk").first()
        leader = users.filter(username="leader").first()
        if admin is None or leader is None or not hasattr(leader, "person"):
            raise CommandError("Load the demo region first: manage.py load_demo")
        for agency in Agency.objects.filter(actual_headcount__isnull=True):
            services.actual_headcount_update(
                actor=admin, agency=agency, actual_headcount=actual_for(agency)
            )
        agency = Agency.objects.get(pk=leader.person.agency_id)
        if IndicatorSheet.objects.filter(agency=agency).exists():
            return
        assert agency.actual_headcount is not None
        needed = rules.experts_required(agency.actual_headcount)
        people = list(Person.objects.filter(agency=agency).order_by("pk"))
        for index in range(len(people), needed):
            people.append(
                Person.objects.create(
                    agency=agency,
                    full_name=f"Эксперт {index + 1} (демо)",
                    position="Консультант",
                )
            )
        experts = people[:needed]
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        current = rules.quarter_start(calendar.today())
        previous = rules.quarter_start(current - datetime.timedelta(days=1))
        earlier = rules.quarter_start(previous - datetime.timedelta(days=1))
        first = services.sheet_create(
            actor=admin,
            agency=agency,
            date=earlier + datetime.timedelta(days=14),
            experts=experts,
            indicators=_rows(data, "initial", experts),
            method=METHOD,
        )
        services.sheet_approve(
            actor=admin, sheet=first, approved_on=first.date + datetime.timedelta(days=1)
        )
        services.sheet_create(
            actor=admin,
            agency=agency,
            date=min(previous + datetime.timedelta(days=14), calendar.today()),
            experts=experts,
            indicators=_rows(data, "second", experts),
            method=METHOD,
        )
