"""Pages of the indicator sheet (§4.7, Appendix 8): the grid of indicators (a formset: a bad
cell shown beside it, nothing saved), the observation grid, the leader's approval, the printed
Appendix 8 (PDF, XLSX), the agency's trends, the region's view, the actual headcount (L535),
and who may do what."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.indicators.forms import blank_rows
from agencies.indicators.models import IndicatorSheet
from tests.agencies.indicators.conftest import body, create

pytestmark = pytest.mark.django_db


def _form_data(agency, experts, *, drop=None, times="40; 45,25; 50.5"):
    data = {
        "date": "2026-03-02",
        "experts": [person.pk for person in experts],
        "responsible": "Членова М. И.",
        "frequency": "раз в квартал, в первую неделю",
        "rows-TOTAL_FORMS": "15",
        "rows-INITIAL_FORMS": "12",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "60",
    }
    index = 0
    for row in body(agency, experts)["indicators"]:
        if row["name"] == drop:
            continue
        prefix = f"rows-{index}-"
        data[prefix + "section"] = row["section"]
        data[prefix + "name"] = row["name"]
        if row["section"] == "cost":
            data[prefix + "month"] = row["month"]
            data[prefix + "quarter"] = row["quarter"]
            data[prefix + "year"] = row["year"]
        else:
            data[prefix + "observations"] = times
        index += 1
    offered = [row["section"] for row in blank_rows()]
    for rest in range(index, 15):
        data[f"rows-{rest}-section"] = offered[rest] if rest < len(offered) else "paper"
    return data


def test_the_team_fills_the_grid_and_sees_max_avg_min(login, team_member_a, agency_a, experts_a):
    client = login(team_member_a)
    url = f"/agencies/{agency_a.pk}/indicators/new/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count('name="rows-') >= 12 * 3
    response = client.post(url, _form_data(agency_a, experts_a))
    assert response.status_code == 302, response.context["formset"].non_form_errors()
    sheet = IndicatorSheet.objects.get()
    assert sheet.frequency == "раз в квартал, в первую неделю"
    detail = client.get(response["Location"]).content.decode()
    assert "50.50 / 45.3 / 40.00" in detail.replace(",", ".")


def test_two_in_a_section_are_refused_on_the_page_with_what_was_typed_kept(
    login, team_member_a, agency_a, experts_a
):
    response = login(team_member_a).post(
        f"/agencies/{agency_a.pk}/indicators/new/",
        _form_data(agency_a, experts_a, drop="operation 2"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Операционные (повторяющиеся) действия" in text and "не менее 3" in text
    assert "operation 3" in text
    assert not IndicatorSheet.objects.exists()


def test_a_bad_time_is_shown_beside_its_cell(login, team_member_a, agency_a, experts_a):
    response = login(team_member_a).post(
        f"/agencies/{agency_a.pk}/indicators/new/", _form_data(agency_a, experts_a, times="12; abc")
    )
    assert response.status_code == 200
    assert "«abc» — не число секунд." in response.content.decode()
    assert not IndicatorSheet.objects.exists()


def test_a_small_expert_group_is_shown_beside_the_field(login, team_member_a, agency_a, experts_a):
    response = login(team_member_a).post(
        f"/agencies/{agency_a.pk}/indicators/new/", _form_data(agency_a, experts_a[:2])
    )
    assert response.status_code == 200
    assert "20 процентов" in str(response.context["form"].errors["experts"])


@pytest.mark.parametrize("who", ["employee_a", "governor", "auditor", "team_leader_b"])
def test_others_cannot_open_the_new_sheet_page(request, login, who, agency_a, team_a):
    response = login(request.getfixturevalue(who)).get(f"/agencies/{agency_a.pk}/indicators/new/")
    assert response.status_code in (403, 404)


def test_observations_grid_and_the_leaders_approval(
    login, team_member_a, team_leader_a, agency_a, experts_a
):
    sheet = create(team_member_a, agency_a, experts_a, times=("10",))
    indicator = sheet.indicators.get(position=1)
    member = login(team_member_a)
    url = sheet.get_absolute_url()
    grid = {
        "observe": "1",
        "obs-TOTAL_FORMS": "2",
        "obs-INITIAL_FORMS": "0",
        "obs-MIN_NUM_FORMS": "0",
        "obs-MAX_NUM_FORMS": "200",
        "obs-0-indicator": str(indicator.pk),
        "obs-0-person": str(experts_a[0].pk),
        "obs-0-seconds": "20",
    }
    assert member.post(url, grid).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.max_seconds, str(indicator.avg_seconds)) == (20, "15.0")
    assert member.post(url, {"approve": "1", "approved_on": "2026-03-03"}).status_code == 403
    leader = login(team_leader_a)
    assert leader.post(url, {"approve": "1", "approved_on": "2026-03-03"}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.is_approved and sheet.approver == team_leader_a.person
    assert member.post(url, grid).status_code == 403


def test_the_sheet_prints_as_appendix_8(login, governor, team_member_a, agency_a, experts_a):
    sheet = create(team_member_a, agency_a, experts_a, times=("40", "45", "50.5"))
    client = login(governor)
    pdf = client.get(f"/agencies/indicators/sheets/{sheet.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    for heading in (
        "Приложение 8",
        "Примерный лист показателей",
        "Показатели успешного развёртывания системы 5S",
        "Показатель текущего состояния",
        "Значение",
        "Сокращение затрат на материальные объекты",
        "Ответственные за сбор данных",
        "Лидер 5S-команды",
    ):
        assert heading in text, heading
    assert "50,50 / 45,2 / 40,00" in text or "50,50 / 45,2" in text
    xlsx = client.get(f"/agencies/indicators/sheets/{sheet.pk}/xlsx/")
    sheet_rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    flat = [cell for row in sheet_rows for cell in row if cell is not None]
    assert "Показатель текущего состояния" in flat
    assert "paper 1" in flat and 45.2 in flat and "1,50 / 4,50 / 18,00" in flat


def test_the_agency_page_shows_trends_with_constant_queries(
    login, governor, team_member_a, agency_a, experts_a, django_assert_max_num_queries
):
    create(team_member_a, agency_a, experts_a, times=("40",))
    client = login(governor)
    url = f"/agencies/{agency_a.pk}/indicators/"
    client.get(url)
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    for month in (4, 5, 6, 7):
        create(
            team_member_a,
            agency_a,
            experts_a,
            date=datetime.date(2026, month, 1),
            times=("30", "20"),
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    text = response.content.decode()
    assert text.count('data-testid="trend"') == 12
    assert (
        "<svg" in text
        and "polyline" in text
        and "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )


def test_the_region_page_lists_every_agency(login, governor, no_role, agency_a, agency_b):
    response = login(governor).get("/agencies/indicators/")
    assert response.status_code == 200
    assert agency_a.short_name in response.content.decode()
    assert login(no_role).get("/agencies/indicators/").status_code == 403


def test_the_leader_sets_the_actual_headcount_and_a_member_may_not(
    login, team_leader_a, team_member_a, agency_a
):
    url = f"/agencies/{agency_a.pk}/headcount/"
    assert login(team_member_a).get(url).status_code == 403
    response = login(team_leader_a).post(url, {"actual_headcount": "48"})
    assert response.status_code == 302
    agency_a.refresh_from_db()
    assert agency_a.actual_headcount == 48
    assert "48" in login(team_leader_a).get(agency_a.get_absolute_url()).content.decode()


def test_the_initial_sheet_goes_with_the_deployment_plans_copy(
    login, team_member_a, agency_a, team_a, experts_a
):
    from agencies.deployment.choices import PlanStatus
    from agencies.deployment.models import DeploymentPlan
    from agencies.indicators import selectors

    DeploymentPlan.objects.create(
        agency=agency_a,
        team=team_a,
        year=2026,
        starts_on=datetime.date(2026, 2, 2),
        status=PlanStatus.APPROVED,
        approved_on=datetime.date(2026, 2, 27),  # Friday: copies due Wednesday 04.03
    )
    state = selectors.initial_state(agency=agency_a, today=datetime.date(2026, 3, 4))
    assert state.copies_due == datetime.date(2026, 3, 4) and not state.overdue
    assert selectors.initial_state(agency=agency_a, today=datetime.date(2026, 3, 5)).overdue
    home = login(team_member_a).get("/").content.decode()
    assert "Лист показателей первоначального состояния" in home
    sheet = create(team_member_a, agency_a, experts_a)
    state = selectors.initial_state(agency=agency_a, today=datetime.date(2026, 3, 5))
    assert state.sheet == sheet and not state.overdue
    page = login(team_member_a).get(f"/agencies/{agency_a.pk}/indicators/").content.decode()
    assert "04.03.2026" in page
    detail = login(team_member_a).get(sheet.get_absolute_url()).content.decode()
    assert "01.01.2025–31.12.2025" in detail  # L547: the four quarters before 02.03.2026


def test_the_pages_speak_english(login, team_member_a, agency_a, experts_a):
    sheet = create(team_member_a, agency_a, experts_a)
    from django.conf import settings

    client = login(team_member_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the RU/EN switch
    agency_page = client.get(f"/agencies/{agency_a.pk}/indicators/").content.decode()
    assert "Indicator trends" in agency_page and "New indicator sheet" in agency_page
    detail = client.get(sheet.get_absolute_url()).content.decode()
    assert "Indicator of the current state" in detail and "Record observations" in detail
    form = client.get(f"/agencies/{agency_a.pk}/indicators/new/").content.decode()
    assert "Searching for paper documents" in form


def test_the_region_page_shows_fifty_agencies_a_page_with_constant_queries(
    login, governor, django_assert_max_num_queries
):
    from agencies.models import Agency
    from tests.agencies.factories import AgencyFactory

    AgencyFactory.create_batch(60)
    links = [
        f'href="/agencies/{pk}/indicators/"'
        for pk in Agency.objects.order_by("short_name").values_list("pk", flat=True)
    ]
    client = login(governor)
    with django_assert_max_num_queries(15):
        first = client.get("/agencies/indicators/").content.decode()
    second = client.get("/agencies/indicators/?page=2").content.decode()
    # No sheets anywhere: the agencies in the order of their names, 50, then the rest.
    assert [link in first for link in links] == [True] * 50 + [False] * (len(links) - 50)
    assert [link in second for link in links] == [False] * 50 + [True] * (len(links) - 50)
    assert "Страница 1 из 2" in first and "Страница 2 из 2" in second
