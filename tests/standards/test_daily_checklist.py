"""The daily 5S checklist (Appendix 26, L1183–1189): a new version per post, the latest approved
is current, at most 10 items (11 refused citing the rule), at most 5 minutes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import ApplicationError, ConflictError
from standards.register import selectors, services
from standards.register.models import DailyChecklist

pytestmark = pytest.mark.django_db


def _items(n):
    return [services.ChecklistItemInput(text=f"Пункт {i}") for i in range(1, n + 1)]


def test_ten_items_are_accepted(agency_a, team_leader_a):
    checklist = services.checklist_create(
        actor=team_leader_a, agency=agency_a, time_of_use=datetime.time(9, 0), items=_items(10)
    )
    assert checklist.version == 1 and checklist.items.count() == 10
    assert checklist.duration_minutes == 5


def test_eleven_items_are_refused_citing_the_rule(agency_a, team_leader_a):
    with pytest.raises(ApplicationError) as error:
        services.checklist_create(
            actor=team_leader_a, agency=agency_a, time_of_use=datetime.time(9, 0), items=_items(11)
        )
    assert "не более 10 пунктов" in str(error.value.details["items"])
    assert not DailyChecklist.objects.exists()


def test_six_minutes_are_refused(agency_a, team_leader_a):
    with pytest.raises(ApplicationError) as error:
        services.checklist_create(
            actor=team_leader_a,
            agency=agency_a,
            time_of_use=datetime.time(9, 0),
            items=_items(3),
            duration_minutes=6,
        )
    assert "duration_minutes" in error.value.details
    assert not DailyChecklist.objects.exists()


def test_a_new_post_is_a_new_version_and_the_latest_approved_is_current(
    agency_a, team_leader_a, head_a
):
    first = services.checklist_create(
        actor=team_leader_a, agency=agency_a, time_of_use=datetime.time(9, 0), items=_items(2)
    )
    services.checklist_approve(actor=head_a, checklist=first)
    second = services.checklist_create(
        actor=team_leader_a, agency=agency_a, time_of_use=datetime.time(17, 55), items=_items(3)
    )
    assert second.version == 2
    assert selectors.current_checklist(agency_id=agency_a.pk) == first
    services.checklist_approve(actor=head_a, checklist=second)
    assert selectors.current_checklist(agency_id=agency_a.pk) == second
    with pytest.raises(ConflictError):
        services.checklist_approve(actor=head_a, checklist=second)


@pytest.mark.parametrize("who", ["employee_a", "governor", "team_leader_b"])
def test_only_the_team_posts_a_checklist(request, agency_a, who):
    with pytest.raises(PermissionDenied):
        services.checklist_create(
            actor=request.getfixturevalue(who),
            agency=agency_a,
            time_of_use=datetime.time(9, 0),
            items=_items(1),
        )
    assert not DailyChecklist.objects.exists()


def test_the_leader_may_not_approve_a_checklist(agency_a, team_leader_a):
    checklist = services.checklist_create(
        actor=team_leader_a, agency=agency_a, time_of_use=datetime.time(9, 0), items=_items(1)
    )
    with pytest.raises(PermissionDenied):
        services.checklist_approve(actor=team_leader_a, checklist=checklist)


def test_template_is_appendix_26(settings):
    items = services.checklist_template()
    assert len(items) == 10
    assert items[0]["text"] == "Переместить «ненужные» предметы в зону временного хранения"
    assert items[-1]["stage"] == "sustain"
