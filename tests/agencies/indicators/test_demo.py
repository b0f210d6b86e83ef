"""The demo's indicator sheets (load_demo_indicators, wired in `make run`): every demo agency
has its actual headcount, the demo leader's agency two measurements with an expert group of at
least 20 % of it, and running the command again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from agencies.indicators import rules, selectors
from agencies.models import Agency, IndicatorSheet

pytestmark = pytest.mark.django_db


def test_the_demo_has_actual_headcounts_and_two_measurements(demo_region):
    call_command("load_demo_indicators", stdout=io.StringIO())
    call_command("load_demo_indicators", stdout=io.StringIO())
    assert not Agency.objects.filter(actual_headcount__isnull=True).exists()
    assert not Agency.objects.filter(actual_headcount__gt=F("staff_headcount")).exists()
    sheets = list(IndicatorSheet.objects.order_by("date"))
    assert len(sheets) == 2
    assert sheets[0].is_initial and sheets[0].is_approved and not sheets[1].is_approved
    agency = sheets[0].agency
    assert agency.people.filter(user__username="leader").exists()
    assert sheets[0].experts.count() >= rules.experts_required(agency.actual_headcount)
    trends = selectors.agency_trends(agency=agency)
    assert trends.time_change is not None and trends.time_change < 0
