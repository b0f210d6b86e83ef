"""The deployment plan's pages and printouts: the grid as a formset, approval refused on the
page naming the activity, the A3 landscape PDF and the XLSX in Appendix 10's layout, the home
panels, and pages whose queries do not grow with the plans."""

import datetime
import io

import pytest
from django.urls import reverse

from agencies.deployment import services
from agencies.deployment.choices import PlanStatus
from agencies.deployment.models import DeploymentPlan
from tests.agencies.deployment.helpers import fill_within_maxima, lone_weekly

D = datetime.date


@pytest.fixture
def today(monkeypatch):
    from core import calendar

    day = D(2026, 6, 1)
    monkeypatch.setattr(calendar, "today", lambda: day)
    return day


@pytest.fixture
def plan(template, team_leader_a, agency_a):
    return services.plan_create(actor=team_leader_a, agency=agency_a, year=2026)


def grid_post(plan, changes):
    """The formset's POST: every row as shown, with `changes` {row index: {field: value}}."""
    data = {
        "action": "grid",
        "activities-TOTAL_FORMS": str(plan.activities.count()),
        "activities-INITIAL_FORMS": str(plan.activities.count()),
    }
    for index, activity in enumerate(plan.activities.order_by("section", "number")):
        for name in (
            "executor",
            "responsible",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
        ):
            value = getattr(activity, name)
            value = value.isoformat() if isinstance(value, datetime.date) else (value or "")
            data[f"activities-{index}-{name}"] = changes.get(index, {}).get(name, value)
    return data


def test_the_leader_saves_the_grid_and_a_bad_cell_keeps_what_was_typed(plan, login, team_leader_a):
    url = plan.get_absolute_url()
    client = login(team_leader_a)
    response = client.post(
        url, grid_post(plan, {6: {"planned_start": "2026-03-02", "planned_end": "2026-03-20"}})
    )
    assert response.status_code == 302
    activity = lone_weekly(plan)
    activity.refresh_from_db()
    assert activity.planned_end == D(2026, 3, 20)
    page = client.get(url).content.decode()
    assert "19 дн. — больше максимума (14 дн.)" in page
    bad = client.post(
        url, grid_post(plan, {6: {"planned_end": "2026-03-01"}, 7: {"planned_start": "2026-04-01"}})
    )
    assert bad.status_code == 200
    assert "Окончание раньше начала." in bad.content.decode()
    assert 'value="2026-04-01"' in bad.content.decode()
    assert plan.activities.get(section="4.1", number=8).planned_start is None


@pytest.mark.parametrize("who", ["governor", "head_a", "employee_a"])
def test_readers_cannot_save_the_grid(request, plan, login, who):
    response = login(request.getfixturevalue(who)).post(
        plan.get_absolute_url(), grid_post(plan, {6: {"planned_start": "2026-03-02"}})
    )
    assert response.status_code == 403
    assert lone_weekly(plan).planned_start is None


def test_the_page_refuses_approval_naming_the_activity_then_the_head_approves(
    plan, login, head_a, today
):
    fill_within_maxima(plan)
    activity = lone_weekly(plan)
    activity.planned_end += datetime.timedelta(days=1)
    activity.save()
    client = login(head_a)
    response = client.post(
        plan.get_absolute_url(), {"action": "approve", "approved_on": "2026-05-01"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "План не может быть утверждён" in page
    assert "4.1.7 «Утвердить план развёртывания системы 5S в ОИВ ЯО или СППО»: 15 дн." in page
    activity.planned_end -= datetime.timedelta(days=1)
    activity.save()
    response = client.post(
        plan.get_absolute_url(), {"action": "approve", "approved_on": "2026-05-01"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


@pytest.mark.parametrize("who", ["team_leader_a", "governor"])
def test_the_team_and_readers_cannot_approve_on_the_page(request, plan, login, today, who):
    fill_within_maxima(plan)
    response = login(request.getfixturevalue(who)).post(
        plan.get_absolute_url(), {"action": "approve", "approved_on": "2026-05-01"}
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_pages_are_scoped(plan, login, team_leader_b, client, governor, no_role):
    assert login(team_leader_b).get(plan.get_absolute_url()).status_code == 404
    assert login(no_role).get(plan.get_absolute_url()).status_code == 404
    assert client.get(plan.get_absolute_url()).status_code == 302
    assert login(governor).get(plan.get_absolute_url()).status_code == 200
    pdf = reverse("agencies:deployment-plan-pdf", args=[plan.pk])
    assert login(team_leader_b).get(pdf).status_code == 404


def test_the_list_page_makes_a_plan_and_filters(template, login, team_leader_a, agency_a, governor):
    client = login(team_leader_a)
    response = client.post(
        reverse("agencies:deployment-plans"), {"agency": agency_a.pk, "year": 2027}
    )
    plan = DeploymentPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    again = client.post(reverse("agencies:deployment-plans"), {"agency": agency_a.pk, "year": 2027})
    assert "уже есть" in again.content.decode()
    listed = (
        login(governor).get(reverse("agencies:deployment-plans"), {"year": 2026}).content.decode()
    )
    assert "Планов развёртывания нет." in listed
    # the governor's office reads and makes nothing
    assert (
        login(governor)
        .post(reverse("agencies:deployment-plans"), {"agency": agency_a.pk, "year": 2028})
        .status_code
        == 403
    )


def test_the_list_page_costs_the_same_queries(template, login, governor, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.agencies.deployment.helpers import make_joint_team
    from tests.agencies.factories import AgencyFactory

    def add(n):
        for _ in range(n):
            agency = AgencyFactory()
            DeploymentPlan.objects.create(agency=agency, year=2026, starts_on=D(2026, 1, 1))
            # A joint team's plan (L411), its team and СППО named in the row.
            team, first, _second, _curator = make_joint_team(f"Q{agency.pk}", users=False)
            DeploymentPlan.objects.create(
                agency=first, team=team, year=2026, starts_on=D(2026, 1, 1)
            )

    client = login(governor)
    add(2)
    client.get(reverse("agencies:deployment-plans"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("agencies:deployment-plans"))
    expected = len(few.captured_queries)  # read before the next request empties the log
    add(6)
    client.get(
        reverse("agencies:deployment-plans")
    )  # who the user is, read again after the growth forgot it (core.identity)
    with django_assert_num_queries(expected):
        client.get(reverse("agencies:deployment-plans"))


def test_the_plan_page_costs_the_same_queries_however_many_activities_are_filled(
    plan, login, team_leader_a, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(team_leader_a)
    client.get(plan.get_absolute_url())
    with CaptureQueriesContext(connection) as empty:
        client.get(plan.get_absolute_url())
    fill_within_maxima(plan)
    with django_assert_num_queries(len(empty.captured_queries)):
        client.get(plan.get_absolute_url())


# --- printouts -------------------------------------------------------------------------------


@pytest.fixture
def approved(plan, head_a, today):
    fill_within_maxima(plan)
    activity = plan.activities.get(section="4.1", number=1)
    activity.actual_end = D(2026, 1, 12)
    activity.save()
    return services.plan_approve(actor=head_a, plan=plan, approved_on=D(2026, 1, 9))


def test_the_pdf_is_appendix_10_on_a3_landscape(approved, login, team_leader_a):
    from pypdf import PdfReader

    response = login(team_leader_a).get(reverse("agencies:deployment-plan-pdf", args=[approved.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    width, height = float(box.width), float(box.height)
    # A3 landscape: 420 × 297 mm
    assert abs(width - 420 / 25.4 * 72) < 2 and abs(height - 297 / 25.4 * 72) < 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert (
        "План развёртывания системы 5S в Департамент А Ярославской области на 2026 год"
        in " ".join(text.split())
    )
    assert "УТВЕРЖДАЮ" in text and "Главный Иван Петрович" in text and "09.01.2026" in text
    assert "Определить лидера 5S-команды" in text
    assert "Зафиксировать результаты прохождения шага" in text
    assert "Исполнитель" in text and "Ответственный" in text
    assert "Лидеров Лев Львович" in text


def test_the_xlsx_has_the_same_grid_with_yellow_and_hatched_weeks(approved, login, team_leader_a):
    from openpyxl import load_workbook

    response = login(team_leader_a).get(
        reverse("agencies:deployment-plan-xlsx", args=[approved.pk])
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A3)
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[1] == "Наименование мероприятия")
    assert rows[header][54] == "Исполнитель" and rows[header][55] == "Ответственный"
    assert list(rows[header + 1][2:54]) == list(range(1, 53))
    assert rows[header][2].lower().startswith("январь")
    first = header + 2
    assert rows[first][0].startswith("4.1") and rows[first][1] == "1. Определить лидера 5S-команды"
    # 4.1.1 is planned on 12.01.2026 (week 2 of a plan from 1 January) and done that day.
    week2 = sheet.cell(row=first + 1, column=4)
    assert week2.fill.patternType == "lightUp" and week2.value == "12.01"
    assert sheet.cell(row=first + 1, column=3).fill.patternType is None
    # 4.1.7 (two weeks from 18.01.2026) planned, not done: yellow.
    seventh = sheet.cell(row=first + 7, column=5)
    assert seventh.fill.patternType == "solid" and seventh.fill.fgColor.rgb.endswith("FFFF00")
    assert rows[first][54] == "руководитель ОИВ ЯО или СППО"
    assert any(row[1] and "Внедрить процесс постоянного улучшения" in row[1] for row in rows)


def test_home_panels_show_what_is_owed(
    approved, login, team_leader_a, head_a, template, agency_b, team_leader_b
):
    home = login(team_leader_a).get(reverse("home")).content.decode()
    assert "Копии плана развёртывания на 2026 год" in home
    draft = services.plan_create(actor=team_leader_a, agency=approved.agency, year=2027)
    home = login(head_a).get(reverse("home")).content.decode()
    assert "Планы развёртывания на утверждение" in home and draft.get_absolute_url() in home
    assert (
        "Планы развёртывания на утверждение"
        not in login(team_leader_b).get(reverse("home")).content.decode()
    )


def test_the_lists_filter_by_an_agency_chosen_by_name_among_those_the_user_sees(
    plan, login, team_leader_b, group_head, agency_a, agency_b
):
    for path in ("/agencies/deployment/plans/", "/agencies/deployment/orders/"):
        region = login(group_head).get(path).content.decode()
        assert f'<option value="{agency_a.pk}">Департамент А</option>' in region
        assert f'<option value="{agency_b.pk}">Департамент Б</option>' in region
        own = login(team_leader_b).get(path).content.decode()
        assert "Департамент А</option>" not in own  # another agency is not offered
    chosen = login(group_head).get("/agencies/deployment/plans/", {"agency": agency_a.pk})
    assert f'<option value="{agency_a.pk}" selected>' in chosen.content.decode()
