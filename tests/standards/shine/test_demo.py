import io

from django.core.management import call_command

from standards.shine.models import CleaningAnalysis, CleaningPlan, CleaningSchedule, ScheduleDate


def test_demo_shine_loads_once_through_the_services(demo_region):
    out = io.StringIO()
    call_command("load_demo_shine", stdout=out)
    assert "demo shine" in out.getvalue()
    plan = CleaningPlan.objects.get()
    assert plan.signatures.count() >= 3 and plan.rooms.count() == 2
    schedule = CleaningSchedule.objects.get()
    assert schedule.signatures.exists()
    assert CleaningAnalysis.objects.count() == 1
    dates = ScheduleDate.objects.filter(row__schedule=schedule)
    assert dates.count() >= 13
    call_command("load_demo_shine", stdout=io.StringIO())
    assert CleaningPlan.objects.count() == 1 and CleaningSchedule.objects.count() == 1


def test_demo_shine_refuses_when_demo_data_is_not_allowed(db, settings):
    import pytest
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_shine", stdout=io.StringIO())
    assert not CleaningPlan.objects.exists()
