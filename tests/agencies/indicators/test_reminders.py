"""The quarterly cadence of the indicator sheet (§4.7 L549 «не реже 1 раза в квартал»): the
leader is reminded before the quarter's end, told on the day after it that the measurement is
overdue, once each; the home page shows it. Run outside a test transaction on PostgreSQL (the
notices go out through the outbox after commit)."""

import datetime

import pytest

from agencies.indicators import notices, services
from core.models import Notice
from tests.agencies.indicators.conftest import create

MEASURED = datetime.date(2026, 2, 15)  # Q1: the next is due by 30.06.2026


@pytest.mark.django_db(transaction=True)
def test_a_reminder_before_and_an_overdue_notice_after_the_quarter_once_each(
    team_member_a, team_leader_a, agency_a, experts_a
):
    create(team_member_a, agency_a, experts_a, date=MEASURED)
    assert services.indicator_reminders_send(today=datetime.date(2026, 6, 1)) == 0
    assert services.indicator_reminders_send(today=datetime.date(2026, 6, 22)) == 1
    assert services.indicator_reminders_send(today=datetime.date(2026, 6, 30)) == 0
    due = Notice.objects.get(kind=notices.DUE)
    assert due.user_id == team_leader_a.pk and due.due_on == datetime.date(2026, 6, 30)
    assert services.indicator_reminders_send(today=datetime.date(2026, 7, 1)) == 1
    assert services.indicator_reminders_send(today=datetime.date(2026, 7, 2)) == 0
    overdue = Notice.objects.get(kind=notices.OVERDUE)
    assert overdue.user_id == team_leader_a.pk
    text = notices.render_overdue(overdue)
    assert "не реже 1 раза в квартал" in text.body and "30.06.2026" in text.subject
    # A measurement in Q3 moves the due date to the end of Q4: nothing is overdue on 01.07.
    create(team_member_a, agency_a, experts_a, date=datetime.date(2026, 7, 1))
    assert services.indicator_reminders_send(today=datetime.date(2026, 7, 2)) == 0


@pytest.mark.django_db
def test_the_home_page_shows_the_overdue_measurement_and_the_sheet_to_approve(
    login, team_member_a, team_leader_a, agency_a, experts_a
):
    create(team_member_a, agency_a, experts_a, date=MEASURED)  # due 30.06.2026, now past
    member_home = login(team_member_a).get("/").content.decode()
    assert "Измерение показателей" in member_home
    leader_home = login(team_leader_a).get("/").content.decode()
    assert "Утвердить лист показателей" in leader_home


@pytest.mark.django_db
def test_the_beat_task_sends_through_the_service(team_member_a, agency_a, experts_a):
    from agencies.indicators.tasks import send_indicator_reminders

    create(team_member_a, agency_a, experts_a, date=MEASURED)
    assert send_indicator_reminders() == 1
    assert send_indicator_reminders() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sheets_sent_at_once_for_one_date_make_one(team_member_a, agency_a, experts_a):
    """On PostgreSQL outside a test transaction: the second request for the same agency and
    date is refused (400 naming the date), not a server error, and one sheet is kept."""
    from rest_framework.test import APIClient

    from agencies.indicators.models import IndicatorSheet
    from tests.agencies.indicators.conftest import body
    from tests.concurrency import outcomes_in_parallel

    data = body(agency_a, experts_a)

    def post(index):
        client = APIClient()
        client.force_authenticate(team_member_a)
        return client.post("/api/v1/indicator-sheets/", data, format="json").status_code

    assert sorted(outcomes_in_parallel(post, count=3)) == [201, 400, 400]
    assert IndicatorSheet.objects.count() == 1
    assert IndicatorSheet.objects.get().is_initial


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sheets_of_one_agency_sent_at_once_keep_one_initial_and_one_latest(
    team_member_a, agency_a, experts_a
):
    from agencies.indicators.models import IndicatorSheet
    from tests.concurrency import in_parallel

    in_parallel(
        lambda index: create(
            team_member_a, agency_a, experts_a, date=datetime.date(2026, 3, 2 + index)
        ),
        count=4,
    )
    sheets = IndicatorSheet.objects.order_by("date")
    assert [sheet.is_initial for sheet in sheets] == [True, False, False, False]
    assert [sheet.is_latest for sheet in sheets] == [False, False, False, True]
