"""«Set in order» write paths outside a test transaction (PostgreSQL in CI): the upload and the
head's approval commit, the notices go after the commit, the schedule's rows keep one person
per room (the database's constraint) and its copy reminder is sent."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from core.models import Notice
from standards.placement import notices, services
from standards.placement.models import PlacementScheduleRow, PlacementScheme
from tests.standards.placement.factories import png_upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_approve_and_agree_commit_and_send_their_notices(
    team_leader_a, head_a, rooms_a, team_a, agency_a
):
    head_a.email = "head@example.org"
    head_a.save()
    scheme = services.scheme_upload(
        actor=team_leader_a, room=rooms_a[0], kind="rational", file=png_upload()
    )
    assert Notice.objects.get(kind=notices.SCHEME_AWAITING_APPROVAL).sent_at is not None
    services.scheme_approve(actor=head_a, scheme=scheme)
    assert PlacementScheme.objects.get().is_approved
    schedule = services.schedule_create(
        actor=team_leader_a,
        agency=agency_a,
        drawn_up_on=None,
        rows=[
            {
                "room": rooms_a[0],
                "responsible": team_a.leader,
                "date_from": datetime.date(2026, 3, 2),
                "date_to": datetime.date(2026, 3, 3),
            }
        ],
    )
    services.schedule_agree(actor=head_a, schedule=schedule)
    assert Notice.objects.filter(kind=notices.SCHEDULE_COPY_DUE).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementScheduleRow.objects.create(
            schedule=schedule,
            position=2,
            room=rooms_a[0],
            responsible=team_a.leader,
            date_from=datetime.date(2026, 3, 2),
            date_to=datetime.date(2026, 3, 3),
        )


@pytest.mark.postgres
def test_uploads_of_one_room_at_the_same_time_get_consecutive_versions(
    team_leader_a, rooms_a, settings, tmp_path
):
    """Four connections upload the same room's scheme at once: versions 1..4, none lost (the
    room's row is locked while the next version is numbered)."""
    from tests.concurrency import in_parallel

    def work(_index):
        services.scheme_upload(
            actor=team_leader_a, room=rooms_a[0], kind="rational", file=png_upload()
        )

    in_parallel(work, count=4)
    versions = sorted(PlacementScheme.objects.values_list("version", flat=True))
    assert versions == [1, 2, 3, 4]
