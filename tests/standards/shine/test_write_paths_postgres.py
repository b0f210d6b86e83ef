"""Step 3's write paths outside a test transaction (on PostgreSQL in CI): a plan is created and
its signers asked after the commit, signed in turn with row locks, a second signature of the same
role is a conflict that leaves one; the schedule's actual dates are recorded after signing, and
the reminder's notices are sent once."""

import datetime

import pytest
from django.core import mail

from core.exceptions import ConflictError
from core.models import Notice
from standards.shine import notices, services
from standards.shine.choices import SignRole
from standards.shine.models import ScheduleDate, Signature

pytestmark = pytest.mark.django_db(transaction=True)


def test_plan_signatures_and_schedule_dates_commit_and_notify(
    team_leader_a,
    agency_a,
    plan_data,
    schedule_data,
    head_a,
    housekeeper_a,
    inventory_a,
    chief_a,
    cleaner_a,
):
    plan = services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)
    asked = Notice.objects.filter(kind=notices.TO_SIGN, subject_id=plan.pk)
    assert asked.count() == 3 and all(n.sent_at is not None for n in asked)
    services.plan_sign(actor=team_leader_a, plan=plan, role=SignRole.LEADER)
    with pytest.raises(ConflictError):
        services.plan_sign(actor=team_leader_a, plan=plan, role=SignRole.LEADER)
    services.plan_sign(actor=housekeeper_a, plan=plan, role=SignRole.HOUSEKEEPING)
    services.plan_sign(actor=inventory_a, plan=plan, role=SignRole.INVENTORY)
    services.plan_sign(actor=head_a, plan=plan, role=SignRole.HEAD)
    assert Signature.objects.filter(plan=plan).count() == 4
    assert any("Ждёт вашей подписи" in m.subject for m in mail.outbox)

    schedule = services.schedule_create(actor=team_leader_a, agency=agency_a, data=schedule_data)
    services.schedule_sign(actor=chief_a, schedule=schedule, today=datetime.date(2025, 12, 20))
    services.cleaning_reminders_send(today=datetime.date(2026, 1, 12))
    missed = Notice.objects.filter(kind=notices.DATE_MISSED)
    assert missed.count() == 2 and all(n.sent_at is not None for n in missed)  # cleaner and chief
    first = ScheduleDate.objects.filter(row__schedule=schedule).order_by("planned_on").first()
    services.schedule_done_record(
        actor=cleaner_a, schedule=schedule, dates={first.pk: datetime.date(2026, 1, 9)}
    )
    first.refresh_from_db()
    assert first.done_on == datetime.date(2026, 1, 9)
    services.cleaning_reminders_send(today=datetime.date(2026, 1, 12))
    assert Notice.objects.filter(kind=notices.DATE_MISSED).count() == 2
