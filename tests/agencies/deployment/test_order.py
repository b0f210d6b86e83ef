"""The deployment order (§4.4, Appendix 5): recorded by the team, its plan approval deadline
within a month (L431), its paper copy due in 5 working days (L441), the scanned order kept
privately, the team's yearly approval (L3205) reminded and flagged."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.deployment import services
from agencies.deployment.models import DeploymentOrder
from core.models import Notice

D = datetime.date
URL = "/api/v1/deployment-orders/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def today(monkeypatch):
    from core import calendar

    day = D(2026, 11, 10)
    monkeypatch.setattr(calendar, "today", lambda: day)
    return day


def test_the_leader_records_the_order(api_client, team_leader_a, agency_a, team_a, head_a):
    diagnostician = team_a.memberships.exclude(person=team_a.leader).first().person
    response = api_client(team_leader_a).post(
        URL,
        {
            "agency": agency_a.pk,
            "number": "45-п",
            "date": "2026-10-30",
            "diagnosis_start": "2026-11-02",
            "diagnosis_end": "2026-11-13",
            "diagnosis_responsible": diagnostician.pk,
            "board_responsible": diagnostician.pk,
            "preparation_activities": "Подготовить фотоаппаратуру",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    # 4 November and the weekends do not count (L441).
    assert body["copy_due"] == "2026-11-09"
    assert body["plan_approval_due"] == body["plan_approval_deadline"] == "2026-11-30"
    assert body["team"] == team_a.pk and body["issuer"] == head_a.person.pk
    assert body["team_reapproval_due"] == "2027-10-30"
    notice = Notice.objects.get(kind="agencies.order_copy_due")
    assert notice.user == team_leader_a and notice.due_on == D(2026, 11, 9)


@pytest.mark.parametrize(("due", "status"), [("2026-11-30", 201), ("2026-12-01", 400)])
def test_the_plan_is_due_within_a_month_of_the_order(
    api_client, team_leader_a, agency_a, due, status
):
    response = api_client(team_leader_a).post(
        URL,
        {"agency": agency_a.pk, "number": "1", "date": "2026-10-30", "plan_approval_due": due},
        format="json",
    )
    assert response.status_code == status
    if status == 400:
        assert "plan_approval_due" in response.json()["errors"]
        assert not DeploymentOrder.objects.exists()


@pytest.mark.parametrize("who", ["governor", "employee_a", "head_a"])
def test_others_do_not_record_the_order(request, api_client, agency_a, who):
    response = api_client(request.getfixturevalue(who)).post(
        URL, {"agency": agency_a.pk, "number": "1", "date": "2026-10-30"}, format="json"
    )
    assert response.status_code == 403
    assert not DeploymentOrder.objects.exists()


def test_someone_of_another_agency_is_refused_as_responsible(
    api_client, team_leader_a, agency_a, team_b
):
    response = api_client(team_leader_a).post(
        URL,
        {
            "agency": agency_a.pk,
            "number": "1",
            "date": "2026-10-30",
            "board_responsible": team_b.leader.pk,
        },
        format="json",
    )
    assert response.status_code == 400 and "board_responsible" in response.json()["errors"]


@pytest.fixture
def order(team_leader_a, agency_a, team_a):
    return services.order_create(
        actor=team_leader_a, agency=agency_a, data={"number": "45-п", "date": D(2026, 10, 30)}
    )


def test_the_copy_is_due_then_overdue(order, today, login, team_leader_a):
    assert order.copy_due == D(2026, 11, 9)
    assert order.copy_overdue(today)
    assert not order.copy_overdue(D(2026, 11, 9))
    page = login(team_leader_a).get(order.get_absolute_url()).content.decode()
    assert "09.11.2026" in page and "просрочено" in page
    order.copy_sent_on = D(2026, 11, 6)
    order.save()
    page = login(team_leader_a).get(order.get_absolute_url()).content.decode()
    assert "направлена 06.11.2026" in page


def test_the_teams_yearly_approval_is_flagged_overdue(order, login, team_leader_a, monkeypatch):
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: D(2027, 10, 31))
    assert order.team_reapproval_overdue(D(2027, 10, 31))
    assert not order.team_reapproval_overdue(D(2027, 10, 30))
    page = login(team_leader_a).get(order.get_absolute_url()).content.decode()
    assert "до 30.10.2027" in page and "просрочено" in page
    home = login(team_leader_a).get(reverse("home")).content.decode()
    assert "Ежегодное утверждение состава 5S-команды" in home


def test_reminders_are_sent_once(order, team_leader_a, head_a, monkeypatch):
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: D(2027, 10, 20))
    services.deployment_reminders_send()
    services.deployment_reminders_send()
    reapproval = Notice.objects.filter(kind="agencies.team_reapproval_due")
    assert {n.user for n in reapproval} == {team_leader_a, head_a}
    assert Notice.objects.filter(kind="agencies.order_copy_due").count() == 1


def test_the_scan_is_kept_privately_and_served_to_readers(
    api_client, order, team_leader_a, login, team_leader_b, governor, settings
):
    response = api_client(team_leader_a).post(
        f"{URL}{order.pk}/scan/",
        {"file": SimpleUploadedFile("order.pdf", PDF, content_type="application/pdf")},
        format="multipart",
    )
    assert response.status_code == 200 and response.json()["has_scan"] is True
    order.refresh_from_db()
    assert order.scan.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    url = reverse("agencies:deployment-order-scan", args=[order.pk])
    assert b"".join(login(governor).get(url).streaming_content) == PDF
    assert login(team_leader_b).get(url).status_code == 404


def test_a_scan_that_is_not_a_document_is_refused(api_client, order, team_leader_a):
    response = api_client(team_leader_a).post(
        f"{URL}{order.pk}/scan/",
        {"file": SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf")},
        format="multipart",
    )
    assert response.status_code == 400 and "scan" in response.json()["errors"]


def test_the_order_pages(order, login, team_leader_a, team_leader_b, client, agency_a):
    assert login(team_leader_a).get(reverse("agencies:deployment-orders")).status_code == 200
    assert login(team_leader_b).get(order.get_absolute_url()).status_code == 404
    assert client.get(order.get_absolute_url()).status_code == 302
    new = reverse("agencies:deployment-order-create", args=[agency_a.pk])
    assert login(team_leader_b).get(new).status_code == 404
    response = login(team_leader_a).post(
        new, {"number": "2", "date": "2026-11-02", "plan_approval_due": ""}
    )
    assert response.status_code == 302
    assert DeploymentOrder.objects.filter(number="2").get().plan_approval_due == D(2026, 12, 2)


def test_the_order_list_costs_the_same_queries(
    api_client, login, governor, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.agencies.factories import AgencyFactory, PersonFactory

    def add(n):
        for index in range(n):
            agency = AgencyFactory()
            DeploymentOrder.objects.create(
                agency=agency,
                number=str(index),
                date=D(2026, 10, 1),
                plan_approval_due=D(2026, 11, 1),
                issuer=PersonFactory(agency=agency),
            )

    add(2)
    for get in (
        lambda: api_client(governor).get(URL),
        lambda: login(governor).get(reverse("agencies:deployment-orders")),
    ):
        get()
        with CaptureQueriesContext(connection) as few:
            get()
        expected = len(few.captured_queries)  # read before the next request empties the log
        add(4)
        get()  # who the user is, read again after the growth forgot it (core.identity)
        with django_assert_num_queries(expected):
            get()


def test_a_subdivisions_order_is_issued_by_its_curator(subdivision):
    from django.contrib.auth import get_user_model

    leader = get_user_model().objects.get(username="leader_s")
    order = services.order_create(
        actor=leader, agency=subdivision, data={"number": "5", "date": D(2026, 10, 30)}
    )
    # L439: «в СППО … – заместитель Губернатора области, курирующий СППО».
    assert order.issuer == subdivision.curator.person


def test_a_late_approval_is_shown_on_the_plan_and_the_list(
    order, team_leader_a, head_a, login, monkeypatch
):
    from core import calendar
    from tests.agencies.deployment.helpers import fill_within_maxima, load_template

    monkeypatch.setattr(calendar, "today", lambda: D(2026, 12, 10))
    load_template()
    plan = services.plan_create(actor=team_leader_a, agency=order.agency, year=2026)
    fill_within_maxima(plan)
    services.plan_approve(actor=head_a, plan=plan, approved_on=D(2026, 12, 1))
    page = login(team_leader_a).get(plan.get_absolute_url()).content.decode()
    assert "Утверждён позднее месяца с даты приказа (срок — 30.11.2026, пункт 4.4)." in page
    listed = login(team_leader_a).get(reverse("agencies:deployment-plans")).content.decode()
    assert "позднее месяца с даты приказа" in listed
