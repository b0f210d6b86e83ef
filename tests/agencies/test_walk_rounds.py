"""The head's walk-rounds (§4.5, L461–463; criterion 5.7, L2855): at least once a half-year with
the team leader present, quarterly for criterion 5.7's top score; both statuses are shown."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies.walkrounds import rules, selectors, services
from agencies.walkrounds.choices import CONFIRM_KIND, REMINDER_KIND
from agencies.walkrounds.models import WalkRound
from core import calendar
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.roles import Role
from tests.agencies.factories import AgencyFactory, PersonFactory, UserFactory, make_team

D = datetime.date


@pytest.fixture
def on(monkeypatch):
    """on(day): freeze the portal's calendar day."""

    def freeze(day):
        monkeypatch.setattr(calendar, "today", lambda: day)
        return day

    return freeze


@pytest.fixture
def head_a(agency_a, team_a):
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    head = PersonFactory(agency=agency_a, user=user, full_name="Руководителев Роман")
    agency_a.head = head
    agency_a.save()
    return user


def walk(actor, agency, day, **kwargs):
    leader = kwargs.pop("leader", agency.teams.first().leader)
    data = services.WalkRoundInput(
        date=day, leader=leader, looked_at=kwargs.pop("looked_at", "Кабинеты 101–110"), **kwargs
    )
    return services.walk_round_create(actor=actor, agency=agency, data=data)


# --- rules ------------------------------------------------------------------------------------


def test_periods_are_calendar_half_years_and_quarters():
    assert rules.period_of(D(2026, 6, 30), 6) == (D(2026, 1, 1), D(2026, 6, 30))
    assert rules.period_of(D(2026, 7, 1), 6) == (D(2026, 7, 1), D(2026, 12, 31))
    assert rules.period_of(D(2026, 12, 31), 3) == (D(2026, 10, 1), D(2026, 12, 31))
    assert rules.period_of(D(2026, 4, 1), 3) == (D(2026, 4, 1), D(2026, 6, 30))


def test_a_walk_round_on_the_last_day_of_the_half_year_counts_for_it():
    since = D(2026, 1, 1)
    kept = rules.half_year_status([D(2026, 6, 30)], today=D(2026, 7, 1), since=since)
    assert kept.previous_done is True and not kept.is_overdue and kept.state == "due"
    assert kept.due_on == D(2026, 12, 31)
    # The next day belongs to the next half-year: the first half-year ended without one.
    missed = rules.half_year_status([D(2026, 7, 1)], today=D(2026, 7, 2), since=since)
    assert missed.previous_done is False and missed.is_done and not missed.is_overdue
    overdue = rules.half_year_status([], today=D(2026, 7, 1), since=since)
    assert overdue.is_overdue and overdue.state == "overdue"
    # On its own last day the half-year is still due, not overdue.
    assert rules.half_year_status([], today=D(2026, 6, 30), since=since).state == "due"


def test_a_period_before_the_deployment_began_owes_nothing():
    status = rules.half_year_status([], today=D(2026, 7, 1), since=D(2026, 7, 1))
    assert status.previous_done is None and not status.is_overdue


def test_the_quarter_for_criterion_5_7_is_judged_apart_from_the_half_year():
    dates = [D(2026, 2, 10)]
    today = D(2026, 5, 5)
    assert rules.half_year_status(dates, today=today, since=D(2026, 1, 1)).state == "done"
    quarter = rules.quarter_status(dates, today=today, since=D(2026, 1, 1))
    assert quarter.previous_done is True and quarter.state == "due"
    later = rules.quarter_status(dates, today=D(2026, 7, 2), since=D(2026, 1, 1))
    assert later.state == "overdue"


# --- services ---------------------------------------------------------------------------------


def test_the_team_records_a_walk_round_and_the_head_confirms_it(
    team_leader_a, head_a, agency_a, on, django_capture_on_commit_callbacks
):
    on(D(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        recorded = walk(team_leader_a, agency_a, D(2026, 2, 27), aspects=["sorting", "cleaning"])
    assert recorded.status == "recorded" and recorded.head == agency_a.head
    assert Notice.objects.filter(kind=CONFIRM_KIND, user=head_a).exists()
    confirmed = services.walk_round_confirm(actor=head_a, walk_round=recorded)
    assert confirmed.is_confirmed and confirmed.confirmed_on == D(2026, 3, 2)
    assert not confirmed.confirmed_on_behalf
    with pytest.raises(ConflictError):
        services.walk_round_confirm(actor=head_a, walk_round=recorded)
    with pytest.raises(ConflictError):
        services.walk_round_update(
            actor=team_leader_a,
            walk_round=recorded,
            data=services.WalkRoundInput(
                date=D(2026, 2, 27), leader=recorded.leader, looked_at="другое"
            ),
        )


def test_recorded_by_the_head_it_is_confirmed_at_once(head_a, agency_a, on):
    on(D(2026, 3, 2))
    assert walk(head_a, agency_a, D(2026, 3, 2)).is_confirmed


def test_the_team_leader_must_be_present_and_nothing_is_saved_without_one(
    team_leader_a, team_leader_b, head_a, agency_a, on
):
    on(D(2026, 3, 2))
    with pytest.raises(ApplicationError) as error:
        walk(team_leader_a, agency_a, D(2026, 3, 2), leader=None)
    assert "лидера 5S-команды" in error.value.details["leader"]
    with pytest.raises(ApplicationError) as error:
        walk(team_leader_a, agency_a, D(2026, 3, 2), leader=team_leader_b.person)
    assert "leader" in error.value.details
    with pytest.raises(ApplicationError) as error:
        walk(team_leader_a, agency_a, D(2026, 3, 3))
    assert "date" in error.value.details
    with pytest.raises(ApplicationError) as error:
        walk(team_leader_a, agency_a, D(2026, 3, 2), looked_at=" ")
    assert "looked_at" in error.value.details
    assert not WalkRound.objects.exists()


def test_the_curating_deputy_governor_is_invited_optionally(team_leader_a, head_a, agency_a, on):
    on(D(2026, 3, 2))
    invited = walk(
        team_leader_a, agency_a, D(2026, 3, 2), curator_invited=True, curator_took_part=True
    )
    assert invited.curator == agency_a.curator and invited.curator_took_part
    with pytest.raises(ApplicationError) as error:
        walk(team_leader_a, agency_a, D(2026, 3, 2), curator_took_part=True)
    assert "curator_took_part" in error.value.details


def test_an_employee_another_leader_or_the_governors_office_may_not_record_or_confirm(
    employee_a, team_leader_b, governor, team_leader_a, team_member_a, head_a, agency_a, on
):
    on(D(2026, 3, 2))
    for user in (employee_a, team_leader_b, governor):
        with pytest.raises(PermissionDenied):
            walk(user, agency_a, D(2026, 3, 2))
    assert not WalkRound.objects.exists()
    recorded = walk(team_member_a, agency_a, D(2026, 3, 2))
    for user in (team_leader_a, team_member_a, employee_a):
        with pytest.raises(PermissionDenied):
            services.walk_round_confirm(actor=user, walk_round=recorded)
    recorded.refresh_from_db()
    assert not recorded.is_confirmed


def test_an_administrator_confirms_on_the_heads_behalf(
    team_leader_a, head_a, administrator, agency_a, on
):
    on(D(2026, 3, 2))
    recorded = walk(team_leader_a, agency_a, D(2026, 3, 2))
    confirmed = services.walk_round_confirm(actor=administrator, walk_round=recorded)
    assert confirmed.confirmed_on_behalf


def test_the_reminder_goes_to_the_head_and_the_leader_once_per_half_year(
    head_a, team_leader_a, agency_a, agency_b, team_b, on, django_capture_on_commit_callbacks
):
    on(D(2026, 6, 1))
    assert services.walk_round_reminders_send() == 0  # more than 10 working days left
    on(D(2026, 6, 22))
    with django_capture_on_commit_callbacks(execute=True):
        services.walk_round_reminders_send()
        services.walk_round_reminders_send()
    notices = Notice.objects.filter(kind=REMINDER_KIND, subject_id=agency_a.pk)
    assert {n.user for n in notices} == {head_a, team_leader_a}
    assert all(n.due_on == D(2026, 6, 30) for n in notices)
    walk(team_leader_a, agency_a, D(2026, 6, 22))
    before = Notice.objects.filter(kind=REMINDER_KIND).count()
    on(D(2026, 6, 29))
    services.walk_round_reminders_send()
    assert Notice.objects.filter(kind=REMINDER_KIND, subject_id=agency_a.pk).count() == 2
    assert Notice.objects.filter(kind=REMINDER_KIND).count() == before


# --- pages and API ------------------------------------------------------------------------------


def test_the_agency_page_shows_the_half_year_and_the_quarter_status(
    team_leader_a, head_a, agency_a, login, on
):
    on(D(2026, 5, 5))
    walk(head_a, agency_a, D(2026, 2, 10))
    page = login(team_leader_a).get(reverse("agencies:walkround-agency", args=[agency_a.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "проведён 10.02.2026" in html  # the half-year
    assert "до 30.06.2026" in html  # the quarter, due
    assert "Внести обход" in html


def test_the_team_records_a_walk_round_on_the_page_and_sees_the_leader_error(
    team_leader_a, head_a, agency_a, login, on
):
    on(D(2026, 3, 2))
    url = reverse("agencies:walkround-agency", args=[agency_a.pk])
    refused = login(team_leader_a).post(url, {"date": "2026-03-02", "looked_at": "Архив"})
    assert refused.status_code == 400 and "лидера 5S-команды" in refused.content.decode()
    leader = agency_a.teams.first().leader
    done = login(team_leader_a).post(
        url, {"date": "2026-03-02", "looked_at": "Архив", "leader": leader.pk, "aspects": ["order"]}
    )
    assert done.status_code == 302
    walk_round = WalkRound.objects.get()
    assert walk_round.aspects == ["order"]
    confirm = login(head_a).post(reverse("agencies:walkround-confirm", args=[walk_round.pk]), {})
    assert confirm.status_code == 302
    walk_round.refresh_from_db()
    assert walk_round.is_confirmed


def test_pages_are_refused_to_people_without_a_role_and_to_other_agencies(
    team_leader_a,
    team_leader_b,
    employee_a,
    governor,
    group_head,
    head_a,
    agency_a,
    no_role,
    login,
    client,
    on,
):
    on(D(2026, 3, 2))
    walk_round = walk(head_a, agency_a, D(2026, 3, 2))
    agency_url = reverse("agencies:walkround-agency", args=[agency_a.pk])
    detail_url = walk_round.get_absolute_url()
    assert login(no_role).get(reverse("agencies:walkround-overview")).status_code == 403
    assert client.get(agency_url).status_code == 302
    assert login(team_leader_b).get(agency_url).status_code == 403
    assert login(team_leader_b).get(detail_url).status_code == 404
    for reader in (employee_a, governor, group_head):
        assert login(reader).get(agency_url).status_code == 200
        assert login(reader).get(detail_url).status_code == 200
    # Reading is not recording: the employee and the governor's office get 403 on a POST.
    assert login(employee_a).post(agency_url, {"date": "2026-03-02"}).status_code == 403
    assert login(governor).post(agency_url, {"date": "2026-03-02"}).status_code == 403
    edit = reverse("agencies:walkround-edit", args=[walk_round.pk])
    assert login(employee_a).get(edit).status_code == 403
    confirm = reverse("agencies:walkround-confirm", args=[walk_round.pk])
    assert login(team_leader_a).post(confirm).status_code == 403


def test_the_api_records_lists_confirms_and_reports_status(
    team_leader_a, team_leader_b, employee_a, head_a, agency_a, api_client, on
):
    on(D(2026, 3, 2))
    leader = agency_a.teams.first().leader
    body = {"agency": agency_a.pk, "date": "2026-03-02", "leader": leader.pk, "looked_at": "Архив"}
    assert (
        api_client(employee_a).post("/api/v1/walk-rounds/", body, format="json").status_code == 403
    )
    missing = api_client(team_leader_a).post(
        "/api/v1/walk-rounds/", {**body, "leader": team_leader_b.person.pk}, format="json"
    )
    assert missing.status_code == 400 and "leader" in missing.json()["errors"]
    created = api_client(team_leader_a).post("/api/v1/walk-rounds/", body, format="json")
    assert created.status_code == 201 and created.json()["status"] == "recorded"
    pk = created.json()["id"]
    patched = api_client(team_leader_a).patch(
        f"/api/v1/walk-rounds/{pk}/", {"remarks": "Захламлён архив"}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["remarks"] == "Захламлён архив"
    assert api_client(team_leader_b).get(f"/api/v1/walk-rounds/{pk}/").status_code == 404
    assert api_client(team_leader_b).get("/api/v1/walk-rounds/").json()["count"] == 0
    assert api_client(team_leader_a).post(f"/api/v1/walk-rounds/{pk}/confirm/").status_code == 403
    assert api_client(head_a).post(f"/api/v1/walk-rounds/{pk}/confirm/").status_code == 200
    assert api_client(head_a).post(f"/api/v1/walk-rounds/{pk}/confirm/").status_code == 409
    listed = api_client(employee_a).get(
        f"/api/v1/walk-rounds/?agency={agency_a.pk}&status=confirmed"
    )
    assert listed.json()["count"] == 1
    status = api_client(employee_a).get(f"/api/v1/walk-round-status/?agency={agency_a.pk}").json()
    assert (
        status[0]["half_year"]["state"] == "done"
        and status[0]["half_year"]["done_on"] == "2026-03-02"
    )
    assert status[0]["quarter"]["state"] == "done"


def test_the_overview_takes_the_same_queries_as_agencies_and_walk_rounds_grow(
    group_head, login, on, django_assert_num_queries, head_a, agency_a
):
    on(D(2026, 5, 5))

    def grow(n):
        for _ in range(n):
            agency = AgencyFactory()
            team = make_team(agency)
            head = PersonFactory(agency=agency)
            agency.head = head
            agency.save()
            for day in (D(2026, 1, 15), D(2026, 4, 2)):
                WalkRound.objects.create(
                    agency=agency, date=day, head=head, leader=team.leader, looked_at="x"
                )

    client = login(group_head)
    url = reverse("agencies:walkround-overview")
    grow(2)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    expected = len(few.captured_queries)  # read before the next request empties the log
    grow(6)
    client.get(url)  # who the user is, read again after the growth forgot it (core.identity)
    with django_assert_num_queries(expected):
        client.get(url)
    with CaptureQueriesContext(connection) as few_api:
        api_rows = client.get("/api/v1/walk-rounds/")
    assert api_rows.json()["count"] == 16
    expected = len(few_api.captured_queries)
    grow(3)
    client.get("/api/v1/walk-rounds/")  # who the user is, read again (core.identity)
    with django_assert_num_queries(expected):
        client.get("/api/v1/walk-rounds/")
    rows = selectors.overview(user=group_head, today=D(2026, 5, 5))
    assert sum(r.quarter.state == "done" for r in rows) == 11


@pytest.mark.django_db(transaction=True)
def test_recording_and_confirming_outside_a_test_transaction_notifies_the_head(
    team_leader_a, head_a, agency_a, on
):
    """On PostgreSQL in CI: the row lock of the confirmation and the notice after the commit."""
    on(D(2026, 3, 2))
    recorded = walk(team_leader_a, agency_a, D(2026, 3, 2))
    assert Notice.objects.get(kind=CONFIRM_KIND).user == head_a
    assert services.walk_round_confirm(actor=head_a, walk_round=recorded).is_confirmed
