"""Criterion 4.3 from the IT department's monthly data (issue 12 item 1; seed 003 §8.4 L1337,
bands L2365–2377, Appendix 12 footnote (3) L3817)."""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.core import mail
from openpyxl import Workbook, load_workbook

from audits.itdata.rules import it_standard_score, noncompliant_share
from audits.itdata.services import it_reminders_send
from audits.models import ITStandardRecord
from core.models import Notice
from core.periods import parse_month
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory

URL = "/api/v1/it-standard/"
TODAY = datetime.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 16, 10, 0), tick=False):
        yield


@pytest.fixture
def it_user(db):
    user = UserFactory(username="it_dept", roles=[Role.IT_DEPARTMENT], email="it@example.org")
    return user


# --- the bands of L2365–2377 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("workplaces", "compliant", "score"),
    [
        (40, 40, 5),  # p = 0
        (20, 19, 4),  # p = 5 % exactly: «не более 5%»
        (1000, 999, 4),  # p = 0.1 %
        (19, 18, 3),  # p = 5.26 %
        (4, 3, 3),  # p = 25 % exactly
        (100, 74, 2),  # p = 26 %
        (2, 1, 2),  # p = 50 % exactly
        (100, 49, 1),  # p = 51 %
        (7, 0, 1),  # none comply
    ],
)
def test_the_score_follows_the_bands_on_the_non_complying_share(workplaces, compliant, score):
    assert it_standard_score(workplaces, compliant) == score


@pytest.mark.parametrize(("workplaces", "compliant"), [(0, 0), (5, 6), (5, -1)])
def test_a_record_the_bands_cannot_read_is_refused(workplaces, compliant):
    with pytest.raises(ValueError):
        noncompliant_share(workplaces, compliant)


@pytest.mark.parametrize("text", ["2026-13", "26-11", "2026/11", "", "2026-1", "x"])
def test_a_malformed_month_is_not_a_month(text):
    assert parse_month(text) is None


# --- the API -----------------------------------------------------------------------------------


def test_the_it_department_records_a_month_and_a_second_record_replaces_it(
    api_client, it_user, agency_a
):
    client = api_client(it_user)
    body = {"agency": agency_a.pk, "month": "2026-10", "workplaces": 20, "compliant": 19}
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["score"] == 4
    assert response.json()["month"] == "2026-10"
    assert response.json()["noncompliant_percent"] == "5.0"
    response = client.post(URL, {**body, "compliant": 10}, format="json")
    assert response.status_code == 201
    assert response.json()["score"] == 2
    record = ITStandardRecord.objects.get()
    assert (record.workplaces, record.compliant, record.entered_by) == (20, 10, it_user)
    assert [h.compliant for h in record.history.order_by("history_date")] == [19, 10]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"workplaces": 0, "compliant": 0}, "workplaces"),
        ({"workplaces": 5, "compliant": 6}, "compliant"),
        ({"month": "2026-12"}, "month"),  # a month that has not ended yet is not reported
        ({"month": "2011-07"}, "month"),  # before the order of 23.08.2011
        ({"month": "2026-13"}, "month"),
        ({"workplaces": 10**12}, "workplaces"),
    ],
)
def test_bad_records_are_refused_with_400_and_nothing_saved(
    api_client, it_user, agency_a, change, field
):
    body = {"agency": agency_a.pk, "month": "2026-10", "workplaces": 20, "compliant": 19, **change}
    response = api_client(it_user).post(URL, body, format="json")
    assert response.status_code == 400
    assert field in str(response.json())
    assert not ITStandardRecord.objects.exists()


def test_the_group_head_and_an_administrator_may_enter_it_others_may_not(
    api_client, group_head, administrator, governor, team_leader_a, auditor, agency_a
):
    body = {"agency": agency_a.pk, "month": "2026-11", "workplaces": 3, "compliant": 3}
    assert api_client(group_head).post(URL, body, format="json").status_code == 201
    assert api_client(administrator).post(URL, body, format="json").status_code == 201
    for user in (governor, team_leader_a, auditor):
        assert api_client(user).post(URL, body, format="json").status_code == 403
    assert ITStandardRecord.objects.get().entered_by == administrator
    # Reading: the working group and the governor's office; not the agency's own people.
    assert api_client(governor).get(URL).status_code == 200
    assert api_client(auditor).get(URL).status_code == 200
    assert api_client(team_leader_a).get(URL).status_code == 403
    assert api_client().get(URL).status_code == 401


def test_the_list_filters_by_agency_and_month(api_client, it_user, agency_a, agency_b):
    for agency, month in [(agency_a, "2026-10"), (agency_a, "2026-11"), (agency_b, "2026-11")]:
        ITStandardRecord.objects.create(
            agency=agency, month=parse_month(month), workplaces=10, compliant=10
        )
    client = api_client(it_user)
    rows = client.get(URL, {"month": "2026-11"}).json()["results"]
    assert sorted(row["agency"] for row in rows) == sorted([agency_a.pk, agency_b.pk])
    rows = client.get(URL, {"agency": agency_a.pk}).json()["results"]
    assert [row["month"] for row in rows] == ["2026-11", "2026-10"]
    assert client.get(URL, {"month": "11.2026"}).status_code == 400


# --- the month's workbook ----------------------------------------------------------------------


def _template(client, month="2026-11"):
    response = client.get(f"{URL}template/", {"month": month})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _upload(client, workbook, month="2026-11"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "it.xlsx"
    return client.post(f"{URL}import/", {"month": month, "file": buffer}, format="multipart")


def test_the_template_lists_every_agency_and_the_filled_template_saves_them_all(
    api_client, it_user, agency_a, agency_b
):
    client = api_client(it_user)
    workbook = _template(client)
    sheet = workbook.active
    rows = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
    assert set(rows) == {agency_a.pk, agency_b.pk}
    assert sheet.cell(rows[agency_a.pk], 2).value == agency_a.short_name
    sheet.cell(rows[agency_a.pk], 3).value = 50
    sheet.cell(rows[agency_a.pk], 4).value = 48
    sheet.cell(rows[agency_b.pk], 3).value = 10
    sheet.cell(rows[agency_b.pk], 4).value = 2
    response = _upload(client, workbook)
    assert response.status_code == 201, response.content
    saved = {r.agency_id: (r.workplaces, r.compliant) for r in ITStandardRecord.objects.all()}
    assert saved == {agency_a.pk: (50, 48), agency_b.pk: (10, 2)}
    # The template of a month with data comes back filled in.
    again = _template(client).active
    assert again.cell(rows[agency_a.pk], 3).value == 50


def test_a_bad_row_names_its_row_and_column_and_nothing_is_saved(
    api_client, it_user, agency_a, agency_b
):
    client = api_client(it_user)
    workbook = _template(client)
    sheet = workbook.active
    sheet.cell(4, 3).value = 10
    sheet.cell(4, 4).value = 9
    sheet.cell(5, 3).value = "десять"
    sheet.cell(5, 4).value = 3
    response = _upload(client, workbook)
    assert response.status_code == 400
    assert "Строка 5, столбец C" in str(response.json())
    assert not ITStandardRecord.objects.exists()


def test_more_complying_than_workplaces_in_a_row_is_refused(api_client, it_user, agency_a):
    client = api_client(it_user)
    workbook = _template(client)
    workbook.active.cell(4, 3).value = 3
    workbook.active.cell(4, 4).value = 4
    response = _upload(client, workbook)
    assert response.status_code == 400
    assert "Строка 4, столбец D" in str(response.json())
    assert not ITStandardRecord.objects.exists()


def test_a_file_that_is_not_a_workbook_is_a_clear_400(api_client, it_user, agency_a):
    client = api_client(it_user)
    junk = io.BytesIO(b"not a workbook at all")
    junk.name = "it.xlsx"
    response = client.post(f"{URL}import/", {"month": "2026-11", "file": junk})
    assert response.status_code == 400
    assert "xlsx" in str(response.json()).lower()
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<junk")
    broken.seek(0)
    broken.name = "it.xlsx"
    response = client.post(f"{URL}import/", {"month": "2026-11", "file": broken})
    assert response.status_code == 400
    assert not ITStandardRecord.objects.exists()


def test_a_cell_far_down_the_sheet_is_not_read(api_client, it_user, agency_a):
    """The parser reads the agencies' rows and a margin, not a million rows."""
    workbook = Workbook()
    workbook.active.cell(4, 1).value = agency_a.pk
    workbook.active.cell(4, 3).value = 5
    workbook.active.cell(4, 4).value = 5
    workbook.active.cell(1_048_576, 3).value = "far"
    response = _upload(api_client(it_user), workbook)
    assert response.status_code == 201
    assert ITStandardRecord.objects.get().workplaces == 5


# --- the page ------------------------------------------------------------------------------------


def test_the_page_shows_which_agencies_have_no_data_and_takes_a_record(
    login, it_user, agency_a, agency_b
):
    client = login(it_user)
    ITStandardRecord.objects.create(
        agency=agency_a, month=datetime.date(2026, 11, 1), workplaces=8, compliant=8
    )
    page = client.get("/audits/it-standard/?month=2026-11")
    assert page.status_code == 200
    text = page.content.decode()
    assert "ОИВ ЯО / СППО без данных за месяц: 1." in text
    response = client.post(
        "/audits/it-standard/record/?month=2026-11",
        {"agency": agency_b.pk, "workplaces": 4, "compliant": 5},
    )
    assert response.status_code == 400
    assert "больше" in response.content.decode()
    assert ITStandardRecord.objects.count() == 1
    response = client.post(
        "/audits/it-standard/record/?month=2026-11",
        {"agency": agency_b.pk, "workplaces": 4, "compliant": 3},
    )
    assert response.status_code == 302
    assert ITStandardRecord.objects.get(agency=agency_b).compliant == 3
    assert "Данные за месяц есть по всем" in client.get(response.url).content.decode()


def test_the_page_links_to_the_audits_only_for_those_who_may_open_them(login, it_user, group_head):
    it_page = login(it_user).get("/audits/it-standard/").content.decode()
    assert 'href="/audits/"' not in it_page  # the IT department sees no audits (403 there)
    assert login(it_user).get("/audits/").status_code == 403
    head_page = login(group_head).get("/audits/it-standard/").content.decode()
    assert 'href="/audits/"' in head_page


def test_the_page_is_closed_to_agencies_people(login, team_leader_a, employee_a, governor):
    assert login(team_leader_a).get("/audits/it-standard/").status_code == 403
    assert login(employee_a).get("/audits/it-standard/").status_code == 403
    assert login(governor).get("/audits/it-standard/").status_code == 200
    assert (
        login(governor)
        .post("/audits/it-standard/record/", {"agency": 1, "workplaces": 1, "compliant": 1})
        .status_code
        == 403
    )


# --- the reminder on the month's last working day ----------------------------------------------


def test_the_it_department_is_reminded_on_the_last_working_day_once(
    it_user, django_capture_on_commit_callbacks
):
    other = UserFactory(username="someone", roles=[Role.TEAM_LEADER], email="x@example.org")
    PersonFactory(user=other)
    assert it_reminders_send(today=datetime.date(2026, 11, 27)) == 0  # a Friday, not the last
    with django_capture_on_commit_callbacks(execute=True):
        assert it_reminders_send(today=datetime.date(2026, 11, 30)) == 1  # Monday 30.11
    with django_capture_on_commit_callbacks(execute=True):
        assert it_reminders_send(today=datetime.date(2026, 11, 30)) == 1
    notices = Notice.objects.filter(kind="audits.it_standard_due")
    assert [n.user_id for n in notices] == [it_user.pk]
    assert [m.to for m in mail.outbox] == [["it@example.org"]]
    assert "2026-11" in mail.outbox[0].subject
