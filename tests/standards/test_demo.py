"""The demo region's steps 2–4 (standards/management/commands/load_demo_standards.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core import calendar
from standards.models import DailyChecklist, OrderRequest, Standard, VisualControlPoint
from standards.register import services

pytestmark = pytest.mark.django_db


def test_the_demo_standards_load_once_and_leave_one_mandatory_standard_missing(demo_region):
    services.reference_load()
    call_command("load_demo_standards")
    call_command("load_demo_standards")
    leader_agency = get_user_model().objects.get(username="leader").person.agency
    own = Standard.objects.filter(agency=leader_agency)
    assert own.count() == 7
    assert own.filter(approved_version__isnull=False).count() == 6
    assert own.filter(review_due__lt=calendar.today()).count() == 1
    assert DailyChecklist.objects.get(agency=leader_agency).status == "approved"
    # Paper at its minimum (Appendix 27, L1237) proposes one request.
    assert OrderRequest.objects.filter(agency=leader_agency).count() == 1
    assert VisualControlPoint.objects.filter(control_list__agency=leader_agency).count() == 3
    adopted = Standard.objects.exclude(agency=leader_agency)
    assert adopted.count() == 2
    assert all(standard.origin_id for standard in adopted)
