"""The deployment plan (§4.8, Appendix 10) through the API and the services: made from the
template, dates past the maximum saved but refused at approval naming each activity, approval
by the head (for a СППО the curating deputy governor; an administrator on their behalf), late
approval after a month from the order (L431), copies due in 3 working days (L557)."""

import datetime

import pytest

from agencies.deployment import services
from agencies.deployment.choices import PlanStatus
from agencies.deployment.models import DeploymentPlan, PlanTemplateActivity
from core.models import Notice
from tests.agencies.deployment.helpers import fill_within_maxima, lone_weekly

D = datetime.date
URL = "/api/v1/deployment-plans/"


@pytest.fixture
def today(monkeypatch):
    from core import calendar

    day = D(2027, 1, 20)
    monkeypatch.setattr(calendar, "today", lambda: day)
    return day


@pytest.fixture
def plan(template, team_leader_a, agency_a):
    return services.plan_create(actor=team_leader_a, agency=agency_a, year=2026)


def approve(api_client, user, plan, **body):
    return api_client(user).post(f"{URL}{plan.pk}/approve/", body, format="json")


# --- making the plan -----------------------------------------------------------------------


def test_the_leader_makes_a_plan_from_the_regulations_tables(
    api_client, template, team_leader_a, agency_a
):
    response = api_client(team_leader_a).post(
        URL, {"agency": agency_a.pk, "year": 2026}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    activities = body["activities"]
    assert len(activities) == PlanTemplateActivity.objects.count() == 25
    assert [a["section"] for a in activities][:1] == ["4.1"]
    assert {a["section"] for a in activities} == {"4.1", "5.1", "6.1", "7.1", "8.1", "9.1"}
    cleaning = [a for a in activities if a["section"] == "7.1"]
    assert [(a["max_weeks"], a["max_days"]) for a in cleaning] == [(1, None), (None, 2), (None, 3)]
    improvement = [a for a in activities if a["section"] == "9.1"]
    assert all(a["max_weeks"] is None and a["max_days"] is None for a in improvement)
    first = activities[0]
    assert first["title"] == "Определить лидера 5S-команды"
    assert first["executor"] == "руководитель ОИВ ЯО или СППО"
    assert first["responsible"] == "Лидеров Лев Львович"
    assert {"id", "planned_start", "planned_end", "actual_end"} <= set(first)


def test_a_second_plan_for_the_same_agency_and_year_is_refused(
    api_client, plan, team_leader_a, agency_a
):
    response = api_client(team_leader_a).post(
        URL, {"agency": agency_a.pk, "year": 2026}, format="json"
    )
    assert response.status_code == 400
    assert "year" in response.json()["errors"]
    assert DeploymentPlan.objects.filter(agency=agency_a).count() == 1
    other_year = api_client(team_leader_a).post(
        URL, {"agency": agency_a.pk, "year": 2027}, format="json"
    )
    assert other_year.status_code == 201


@pytest.mark.parametrize("who", ["governor", "employee_a", "head_a"])
def test_only_the_team_makes_a_plan(request, api_client, template, agency_a, who):
    user = request.getfixturevalue(who)
    response = api_client(user).post(URL, {"agency": agency_a.pk, "year": 2026}, format="json")
    assert response.status_code == 403
    assert not DeploymentPlan.objects.exists()


def test_another_agencys_leader_cannot_see_the_agency(
    api_client, template, team_leader_b, agency_a
):
    response = api_client(team_leader_b).post(
        URL, {"agency": agency_a.pk, "year": 2026}, format="json"
    )
    assert response.status_code == 404
    assert not DeploymentPlan.objects.exists()


# --- activities ------------------------------------------------------------------------------


def test_dates_past_the_maximum_are_saved_and_marked(api_client, plan, team_leader_a):
    activity = lone_weekly(plan)
    response = api_client(team_leader_a).patch(
        f"{URL}{plan.pk}/activities/{activity.pk}/",
        {"planned_start": "2026-03-02", "planned_end": "2026-03-16", "responsible": "Иванов И. И."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["length_days"] == 15 and body["exceeds_maximum"] is True
    activity.refresh_from_db()
    assert activity.planned_end == D(2026, 3, 16) and activity.responsible == "Иванов И. И."


def test_an_end_before_the_start_is_refused(api_client, plan, team_leader_a):
    activity = lone_weekly(plan)
    response = api_client(team_leader_a).patch(
        f"{URL}{plan.pk}/activities/{activity.pk}/",
        {"planned_start": "2026-03-02", "planned_end": "2026-03-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "planned_end" in response.json()["errors"]
    activity.refresh_from_db()
    assert activity.planned_start is None


@pytest.mark.parametrize("who", ["governor", "employee_a", "team_leader_b", "head_a"])
def test_others_cannot_change_an_activity(request, api_client, plan, who):
    user = request.getfixturevalue(who)
    activity = lone_weekly(plan)
    response = api_client(user).patch(
        f"{URL}{plan.pk}/activities/{activity.pk}/", {"planned_start": "2026-03-02"}, format="json"
    )
    assert response.status_code == (404 if who == "team_leader_b" else 403)
    activity.refresh_from_db()
    assert activity.planned_start is None


# --- approval ---------------------------------------------------------------------------------


def test_an_activity_exactly_at_its_maximum_is_approved(api_client, plan, head_a, today):
    fill_within_maxima(plan)
    activity = lone_weekly(plan)
    assert activity.length_days == 14 == activity.maximum_days
    response = approve(api_client, head_a, plan, approved_on="2026-12-30")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "approved"
    # 31 December and 1–10 January are days off: 11, 12 and 13 January count (L557).
    assert body["copy_due"] == "2027-01-13"
    plan.refresh_from_db()
    assert plan.approver.user == head_a and not plan.on_behalf


def test_one_day_over_the_maximum_is_refused_naming_the_activity(
    api_client, plan, head_a, team_leader_a, today
):
    fill_within_maxima(plan)
    activity = lone_weekly(plan)
    activity.planned_end += datetime.timedelta(days=1)
    activity.save()
    eight_days = plan.activities.get(section="5.1", number=4)
    eight_days.planned_end += datetime.timedelta(days=1)
    eight_days.save()
    response = approve(api_client, head_a, plan)
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {str(activity.pk), str(eight_days.pk)}
    assert "Утвердить план развёртывания" in body["errors"][str(activity.pk)][0]
    assert "15 дн." in body["errors"][str(activity.pk)][0]
    assert "4.1.7" in body["errors"][str(activity.pk)][0] or "4.1.7" in body["errors"][
        str(activity.pk)
    ][0].replace(" ", "")
    assert "2" in body["detail"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_on is None
    assert not Notice.objects.exists()


def test_refused_whether_or_not_the_order_is_recorded(
    api_client, plan, head_a, team_leader_a, today
):
    services.order_create(
        actor=team_leader_a, agency=plan.agency, data={"number": "12", "date": D(2026, 1, 5)}
    )
    fill_within_maxima(plan)
    activity = lone_weekly(plan)
    activity.planned_end += datetime.timedelta(days=1)
    activity.save()
    assert approve(api_client, head_a, plan).status_code == 400


def test_an_activity_at_its_maximum_is_approved_with_the_others_not_yet_planned(
    api_client, plan, head_a, team_leader_a, today
):
    """Only the maxima refuse an approval (L555); the rest may still be unplanned."""
    activity = plan.activities.get(section="7.1", number=3)  # «3 дня»
    url = f"{URL}{plan.pk}/activities/{activity.pk}/"
    patch = api_client(team_leader_a).patch
    assert patch(
        url, {"planned_start": "2026-05-04", "planned_end": "2026-05-07"}, format="json"
    ).json()["exceeds_maximum"]
    refused = approve(api_client, head_a, plan)
    assert refused.status_code == 400 and list(refused.json()["errors"]) == [str(activity.pk)]
    patch(url, {"planned_end": "2026-05-06"}, format="json")
    assert approve(api_client, head_a, plan).status_code == 200


@pytest.mark.parametrize(
    ("approved_on", "late"), [(D(2026, 11, 15), False), (D(2026, 11, 16), True)]
)
def test_approval_after_a_month_from_the_order_is_late(
    api_client, plan, head_a, team_leader_a, today, approved_on, late
):
    services.order_create(
        actor=team_leader_a, agency=plan.agency, data={"number": "7-п", "date": D(2026, 10, 15)}
    )
    fill_within_maxima(plan)
    response = approve(api_client, head_a, plan, approved_on=approved_on.isoformat())
    assert response.status_code == 200, response.json()
    assert response.json()["approval_late"] is late
    plan.refresh_from_db()
    assert plan.order.number == "7-п"


def test_an_approved_plan_is_not_approved_again(api_client, plan, head_a, today):
    fill_within_maxima(plan)
    assert approve(api_client, head_a, plan).status_code == 200
    assert approve(api_client, head_a, plan).status_code == 409


@pytest.mark.parametrize("who", ["team_leader_a", "team_member_a", "governor", "group_head"])
def test_only_the_head_approves(request, api_client, plan, today, who):
    fill_within_maxima(plan)
    response = approve(api_client, request.getfixturevalue(who), plan)
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_an_administrator_approves_on_the_heads_behalf(
    api_client, plan, head_a, administrator, today
):
    fill_within_maxima(plan)
    response = approve(api_client, administrator, plan)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.on_behalf and plan.approver.user == head_a and plan.approved_by == administrator


def test_a_subdivisions_plan_is_approved_by_its_curator_not_its_head(
    api_client, subdivision, template, today
):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    plan = services.plan_create(actor=users.get(username="leader_s"), agency=subdivision, year=2026)
    fill_within_maxima(plan)
    assert approve(api_client, users.get(username="head_s"), plan).status_code == 403
    response = approve(api_client, users.get(username="curator_s"), plan)
    assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    assert plan.approver == subdivision.curator.person and not plan.on_behalf


def test_approval_reminds_the_leader_of_the_copies(
    api_client, plan, head_a, team_leader_a, today, django_capture_on_commit_callbacks
):
    fill_within_maxima(plan)
    with django_capture_on_commit_callbacks(execute=True):
        approve(api_client, head_a, plan, approved_on="2026-12-30")
    notice = Notice.objects.get(kind="agencies.plan_copies_due")
    assert notice.user == team_leader_a and notice.due_on == D(2027, 1, 13)
    assert notice.sent_at is not None and "3 рабочих дней" in notice.body


def test_once_approved_only_actual_dates_change(api_client, plan, head_a, team_leader_a, today):
    fill_within_maxima(plan)
    approve(api_client, head_a, plan)
    activity = lone_weekly(plan)
    url = f"{URL}{plan.pk}/activities/{activity.pk}/"
    refused = api_client(team_leader_a).patch(url, {"planned_end": "2026-12-01"}, format="json")
    assert refused.status_code == 400 and "planned_end" in refused.json()["errors"]
    done = api_client(team_leader_a).patch(url, {"actual_end": "2026-03-01"}, format="json")
    assert done.status_code == 200 and done.json()["actual_end"] == "2026-03-01"


# --- lists -----------------------------------------------------------------------------------


def test_lists_are_scoped_and_filtered(
    api_client, plan, team_leader_b, governor, agency_b, template
):
    services.plan_create(actor=team_leader_b, agency=agency_b, year=2026)
    assert api_client(team_leader_b).get(URL).json()["count"] == 1
    assert api_client(governor).get(URL).json()["count"] == 2
    assert api_client(governor).get(URL, {"agency": plan.agency_id}).json()["count"] == 1
    assert api_client(governor).get(URL, {"agency": "x"}).status_code == 400
    assert api_client(team_leader_b).get(f"{URL}{plan.pk}/").status_code == 404


def test_the_list_costs_the_same_queries_however_many_plans(
    api_client, template, governor, django_assert_num_queries, team_leader_a, agency_a
):
    from tests.agencies.deployment.helpers import make_joint_team
    from tests.agencies.factories import AgencyFactory, PersonFactory, make_team

    def add(n):
        for _ in range(n):
            agency = AgencyFactory()
            make_team(agency, leader=PersonFactory(agency=agency))
            DeploymentPlan.objects.create(agency=agency, year=2026, starts_on=D(2026, 1, 1))
            # A joint team's plan (L411) too: its СППО come in one prefetch.
            team, first, _second, _curator = make_joint_team(f"Q{agency.pk}", users=False)
            DeploymentPlan.objects.create(
                agency=first, team=team, year=2026, starts_on=D(2026, 1, 1)
            )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client(governor)
    add(2)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).json()["count"] == 4
    add(6)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(URL).json()["count"] == 16


@pytest.mark.django_db(transaction=True)
def test_write_paths_outside_a_test_transaction(api_client, team_leader_a, agency_a, head_a, today):
    """Made, a second refused by the constraint path, dates changed, approved with the copies'
    notice sent after the commit (run on PostgreSQL in CI)."""
    from tests.agencies.deployment.helpers import load_template

    load_template()
    client = api_client(team_leader_a)
    order = client.post(
        "/api/v1/deployment-orders/",
        {"agency": agency_a.pk, "number": "3", "date": "2026-12-01"},
        format="json",
    )
    assert order.status_code == 201
    created = client.post(URL, {"agency": agency_a.pk, "year": 2026}, format="json")
    assert created.status_code == 201
    assert client.post(URL, {"agency": agency_a.pk, "year": 2026}, format="json").status_code == 400
    plan = DeploymentPlan.objects.get(pk=created.json()["id"])
    fill_within_maxima(plan)
    response = approve(api_client, head_a, plan, approved_on="2027-01-05")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["approval_late"] is True and body["copy_due"] == "2027-01-13"
    notice = Notice.objects.get(kind="agencies.plan_copies_due")
    assert notice.sent_at is not None
    assert Notice.objects.get(kind="agencies.order_copy_due").sent_at is not None
