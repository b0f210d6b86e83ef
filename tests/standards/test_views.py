"""Pages of the register and the daily checklist: the register shows 7 of 8 mandatory standards
and names the missing one; permissions per role with exact status codes; constant queries."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from standards.register import services
from standards.register.models import DailyChecklist, Standard
from tests.agencies.factories import AgencyFactory
from tests.standards.conftest import approved_standard

pytestmark = pytest.mark.django_db


def _pdf_text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _flat(text):
    """One line; a word the PDF wrapped after a hyphen or slash («5S-\nпятиминутки») joined."""
    return re.sub(r"(?<=\S)([-/]) +", r"\1", " ".join(text.split()))


def _content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_register_page_shows_seven_of_eight_and_names_the_missing_one(
    login, kinds, agency_a, team_leader_a, head_a
):
    for kind in kinds:
        if kind.code != "electronic_documents":
            approved_standard(agency_a, kind, leader=team_leader_a, head=head_a)
    response = login(team_leader_a).get(f"/standards/?agency={agency_a.pk}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Есть 7 из 8" in text
    missing = text.split('data-testid="mandatory-missing"')[1].split("</p>")[0]
    assert "«Хранение документов в электронном виде»" in missing
    assert "Хранение документов в бумажном виде" not in missing


def test_region_view_for_the_working_group(
    login, kinds, agency_a, agency_b, team_leader_a, head_a, group_head
):
    approved_standard(agency_a, kinds[0], leader=team_leader_a, head=head_a)
    response = login(group_head).get("/standards/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-testid="region-standards"' in text
    assert agency_a.short_name in text and agency_b.short_name in text


def test_region_view_query_count_is_constant(
    login, kinds, group_head, django_assert_max_num_queries
):
    client = login(group_head)
    AgencyFactory.create_batch(2)
    with django_assert_max_num_queries(30) as small:
        client.get("/standards/")
    for _ in range(10):
        agency = AgencyFactory()
        for kind in kinds[:4]:
            Standard.objects.create(agency=agency, kind=kind, title=kind.title)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/standards/")


def test_pages_need_a_role(client, login, no_role, kinds):
    assert client.get("/standards/").status_code == 302
    assert login(no_role).get("/standards/").status_code == 403
    assert login(no_role).get("/standards/checklists/").status_code == 403


def test_governor_may_not_open_the_new_standard_form(login, kinds, governor, employee_a):
    assert login(governor).get("/standards/new/").status_code == 403
    assert login(employee_a).get("/standards/new/").status_code == 403


def test_leader_creates_a_standard_through_the_form(login, kinds, agency_a, team_leader_a):
    response = login(team_leader_a).post(
        "/standards/new/",
        {"agency": agency_a.pk, "kind": kinds[3].code, "title": "", "text": "Протирать экран"},
    )
    assert response.status_code == 302
    standard = Standard.objects.get()
    assert standard.title == kinds[3].title


def test_another_agency_does_not_see_a_draft_page(
    login, kinds, agency_a, team_leader_a, team_leader_b
):
    standard = services.standard_create(actor=team_leader_a, agency=agency_a, kind=kinds[0])
    assert login(team_leader_b).get(f"/standards/{standard.pk}/").status_code == 404


def test_head_approves_on_the_version_page(login, kinds, agency_a, team_leader_a, head_a):
    standard = services.standard_create(actor=team_leader_a, agency=agency_a, title="С", text="т")
    version = standard.versions.get()
    assert login(head_a).post(f"/standards/versions/{version.pk}/agree/").status_code == 403
    login(team_leader_a).post(f"/standards/versions/{version.pk}/agree/")
    page = login(head_a).get(f"/standards/versions/{version.pk}/")
    assert "Утвердить" in page.content.decode()
    login(head_a).post(f"/standards/versions/{version.pk}/approve/")
    standard.refresh_from_db()
    assert standard.status == "approved"


def test_register_pdf_matches_appendix_29(login, kinds, agency_a, team_leader_a, head_a):
    approved_standard(agency_a, kinds[5], leader=team_leader_a, head=head_a)
    response = login(team_leader_a).get(f"/standards/register.pdf?agency={agency_a.pk}")
    assert response.status_code == 200
    text = _flat(_pdf_text(response))
    for heading in [
        "Приложение 29",
        "Перечень 5S-стандартов",
        "Наименование ОИВ ЯО или СППО",
        "Дата подготовки перечня",
        "№ п/п",
        "Наименование 5S-стандарта",
        "Назначение 5S-стандарта",
        "Проблемы при разработке",
        "Лидер 5S-команды",
        "(расшифровка подписи)",
        "Управление уровнем запасов материальных объектов",
    ]:
        assert heading in text, heading


def test_register_xlsx_has_appendix_29_columns(login, kinds, agency_a, team_leader_a, head_a):
    approved_standard(agency_a, kinds[5], leader=team_leader_a, head=head_a)
    response = login(team_leader_a).get(f"/standards/register.xlsx?agency={agency_a.pk}")
    sheet = load_workbook(io.BytesIO(_content(response))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Наименование 5S-стандарта" in values and "Проблемы при разработке" in values
    assert "Управление уровнем запасов материальных объектов" in values


def test_register_pdf_of_another_agency_is_404(login, kinds, agency_a, team_leader_b):
    assert (
        login(team_leader_b).get(f"/standards/register.pdf?agency={agency_a.pk}").status_code == 404
    )


def test_checklist_pdf_has_a_page_for_every_employee_with_appendix_26_headings(
    login, agency_a, team_leader_a, employee_a
):
    checklist = services.checklist_create(
        actor=team_leader_a,
        agency=agency_a,
        time_of_use=datetime.time(9, 0),
        items=[
            services.ChecklistItemInput(text=t["text"], stage=t["stage"])
            for t in services.checklist_template()
        ],
    )
    response = login(employee_a).get(f"/standards/checklists/{checklist.pk}/print.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(_content(response)))
    assert len(reader.pages) == agency_a.people.count()
    text = _flat(reader.pages[0].extract_text())
    for heading in [
        "Приложение 26",
        "Контрольный лист для ежедневного применения 5S (5S-пятиминутки)",
        "№ кабинета (части рабочего пространства):",
        "Ф.И.О. сотрудника - владельца рабочего места",
        "Дата:",
        "Этап 5 S",
        "Порядок действий",
        "Сортировка",
        "Выбросить мусор",
        "09:00",
    ]:
        assert heading in text, heading


def test_checklist_form_refuses_an_eleventh_row(login, agency_a, team_leader_a):
    data = {
        "agency": agency_a.pk,
        "time_of_use": "09:00",
        "duration_minutes": 5,
        "items-TOTAL_FORMS": 11,
        "items-INITIAL_FORMS": 0,
    }
    for i in range(11):
        data[f"items-{i}-text"] = f"Пункт {i}"
        data[f"items-{i}-stage"] = ""
    response = login(team_leader_a).post("/standards/checklists/new/", data)
    assert response.status_code == 200
    assert "не более 10 пунктов" in response.content.decode()
    assert not DailyChecklist.objects.exists()
    data["items-TOTAL_FORMS"] = 10
    assert login(team_leader_a).post("/standards/checklists/new/", data).status_code == 302


def test_checklist_form_offers_appendix_26(login, agency_a, team_leader_a):
    response = login(team_leader_a).get("/standards/checklists/new/")
    assert "Выбросить мусор" in response.content.decode()


def test_knowledge_page_counts_agencies_with_each_kind_approved(
    login, kinds, agency_a, team_leader_a, head_a, auditor
):
    approved_standard(agency_a, kinds[0], leader=team_leader_a, head=head_a)
    response = login(auditor).get("/standards/knowledge/?q=Схема")
    assert response.status_code == 200
    text = response.content.decode()
    assert kinds[0].title in text


def test_home_panel_shows_the_review_due(login, kinds, agency_a, team_leader_a, head_a):
    approved_standard(
        agency_a, kinds[0], leader=team_leader_a, head=head_a, on=datetime.date(2020, 1, 1)
    )
    text = login(team_leader_a).get("/").content.decode()
    assert "Пересмотреть 5S-стандарт" in text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/standards/standard/",
        "/admin/standards/standardversion/",
        "/admin/standards/standardkind/",
        "/admin/standards/dailychecklist/",
    ],
)
def test_admin_lists_open(login, kinds, administrator, url):
    assert login(administrator).get(url).status_code == 200


def test_lists_with_filters(login, kinds, agency_a, team_leader_a, head_a, governor):
    approved_standard(agency_a, kinds[0], leader=team_leader_a, head=head_a)
    client = login(governor)

    def table(query):
        page = client.get(f"/standards/list/?{query}").content.decode()
        return page.split('data-testid="standard-list"')[1]

    assert kinds[0].title in table("status=approved")
    assert kinds[0].title not in table("status=draft")
    assert client.get("/standards/checklists/?agency=").status_code == 200


def test_register_offers_the_step_forms_of_l1147_as_standards(
    login, kinds, agency_a, team_leader_a
):
    page = login(team_leader_a).get(f"/standards/?agency={agency_a.pk}").content.decode()
    forms = page.split('data-testid="step-forms"')[1].split("</ul>")[0]
    assert "Правила хранения предметов в рабочем пространстве" in forms
    prefilled = login(team_leader_a).get("/standards/new/?title=Графики уборки").content.decode()
    assert 'value="Графики уборки"' in prefilled


def test_checklist_list_query_count_is_constant(
    login, agency_a, team_leader_a, governor, django_assert_max_num_queries
):
    def post(n):
        for _ in range(n):
            services.checklist_create(
                actor=team_leader_a,
                agency=agency_a,
                time_of_use=datetime.time(9),
                items=[services.ChecklistItemInput("a"), services.ChecklistItemInput("b")],
            )

    client = login(governor)
    post(1)
    with django_assert_max_num_queries(30) as small:
        client.get("/standards/checklists/")
    post(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/standards/checklists/")


def test_employee_reads_and_prints_their_agencys_checklist_but_not_anothers(
    login, agency_a, team_leader_a, employee_a, team_leader_b
):
    checklist = services.checklist_create(
        actor=team_leader_a,
        agency=agency_a,
        time_of_use=datetime.time(9),
        items=[services.ChecklistItemInput("Выбросить мусор")],
    )
    assert login(employee_a).get(f"/standards/checklists/{checklist.pk}/").status_code == 200
    assert login(employee_a).get("/standards/checklists/new/").status_code == 403
    assert login(team_leader_b).get(f"/standards/checklists/{checklist.pk}/").status_code == 404
    assert (
        login(team_leader_b).get(f"/standards/checklists/{checklist.pk}/print.pdf").status_code
        == 404
    )
