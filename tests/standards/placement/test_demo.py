"""The demo region's «Set in order» (make demo): loaded through the services, once."""

import io

from django.core.management import call_command

from core.registry import step_requirement_errors
from standards.placement.models import PlacementRules, PlacementSchedule, PlacementScheme


def test_demo_placement_loads_once_through_the_services(demo_region):
    out = io.StringIO()
    call_command("load_demo_placement", stdout=out)
    schemes = PlacementScheme.objects.count()
    assert schemes >= 8 and "demo placement schemes created" in out.getvalue()
    schedule = PlacementSchedule.objects.get()
    assert schedule.is_agreed and schedule.rows.count() == 4
    assert PlacementRules.objects.get().is_approved
    pending = PlacementScheme.objects.filter(kind="rational", status="pending").get()
    assert pending.room.name == "Архив"
    errors = step_requirement_errors(2, schedule.agency_id)
    assert "Архив" in errors["placement_schemes"]
    call_command("load_demo_placement", stdout=io.StringIO())
    assert PlacementScheme.objects.count() == schemes
