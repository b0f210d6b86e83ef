"""Timing studies for the demo region (run after load_demo).

For the agencies of the first 5S teams (one per factor in the fixture): the workplaces of
fixtures/demo/productivity.json, each with a study measured before and after an improvement.
Everything goes through productivity.services, so the figures are the calculator's.
Idempotent: a workplace that already exists in an agency is left alone.
"""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from agencies.models import FiveSTeam
from core import calendar
from core.demo import DemoDataCommand
from productivity import services
from productivity.choices import Phase
from productivity.models import Workplace

FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "productivity.json"


def _measurement(phase, spec, today, cycle_factor):
    operations = [dict(operation) for operation in spec["operations"]]
    for operation in operations:
        operation["cycle_times_s"] = [
            str((Decimal(value) * cycle_factor).quantize(Decimal("1")))
            for value in operation["cycle_times_s"]
        ]
    return services.MeasurementData(
        phase=phase,
        measured_on=today - datetime.timedelta(days=spec["days_ago"]),
        shift_h=spec["shift_h"],
        rest_h=spec["rest_h"],
        preparatory_h=spec["preparatory_h"],
        maintenance_h=spec["maintenance_h"],
        losses_h=spec["losses_h"],
        yield_percent=spec["yield_percent"],
        operations=[services.OperationData(**operation) for operation in operations],
    )


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Create the demo region's timing studies (idempotent; after load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        if admin is None:
            raise CommandError("Load the demo region first: manage.py load_demo")
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        today = calendar.today()
        factors = [Decimal(factor) for factor in data["before_cycle_factors"]]
        teams = FiveSTeam.objects.prefetch_related("agencies").order_by("pk")[: len(factors)]
        created = 0
        for team, factor in zip(teams, factors, strict=False):
            agency = team.agencies.all()[0]
            for spec in data["workplaces"]:
                if Workplace.objects.filter(agency=agency, name=spec["name"]).exists():
                    continue
                workplace = services.workplace_create(
                    actor=admin,
                    data=services.WorkplaceData(
                        agency=agency, name=spec["name"], hourly_rate=spec["hourly_rate"]
                    ),
                )
                study = services.study_create(
                    actor=admin,
                    workplace=workplace,
                    title=spec["study"],
                    improvement=spec["improvement"],
                )
                for phase, cycle_factor in ((Phase.BEFORE, factor), (Phase.AFTER, Decimal(1))):
                    services.measurement_record(
                        actor=admin,
                        study=study,
                        data=_measurement(phase, spec[phase], today, cycle_factor),
                    )
                created += 1
        self.stdout.write(f"demo timing studies created: {created}")
