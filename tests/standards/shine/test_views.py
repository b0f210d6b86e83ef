"""The step-3 pages: who sees and does what, grids that keep what was typed and show the error
beside the cell, the printable forms against their appendices, XLSX read back, query counts."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import Room
from standards.shine import services
from standards.shine.choices import SignRole
from standards.shine.models import CleaningPlan, CleaningSchedule, ScheduleDate
from tests.standards.shine.conftest import Q1

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "100",
    }


@pytest.mark.parametrize(
    "path",
    [
        "/standards/shine/schedules/",
        "/standards/shine/plans/",
        "/standards/shine/analyses/",
        "/standards/shine/general/",
        "/standards/shine/classifier/",
    ],
)
def test_the_lists_open_for_every_role_and_not_for_an_account_without_one(
    login, path, team_leader_a, employee_a, governor, auditor, no_role, classifier
):
    for user in (team_leader_a, employee_a, governor, auditor):
        assert login(user).get(path).status_code == 200
    assert login(no_role).get(path).status_code == 403


def test_another_agencys_team_and_employees_get_404_for_the_forms(
    login, schedule_a, plan_a, analysis_a, team_leader_b, governor
):
    for url in (
        schedule_a.get_absolute_url(),
        plan_a.get_absolute_url(),
        analysis_a.get_absolute_url(),
        f"/standards/shine/plans/{plan_a.pk}/pdf/",
    ):
        assert login(team_leader_b).get(url).status_code == 404
        assert login(governor).get(url).status_code == 200


def test_the_schedule_list_is_scoped_in_the_query(login, schedule_a, team_leader_b, governor):
    page = login(team_leader_b).get("/standards/shine/schedules/").content.decode()
    assert schedule_a.get_absolute_url() not in page
    assert f'value="{schedule_a.room_id}"' not in page  # nor among the filter's rooms
    assert (
        schedule_a.room.name in login(governor).get("/standards/shine/schedules/").content.decode()
    )


def test_the_governor_and_an_employee_cannot_open_the_create_forms(
    login, agency_a, governor, employee_a, team_a
):
    assert (
        login(employee_a).get(f"/standards/shine/plans/new/?agency={agency_a.pk}").status_code
        == 403
    )
    assert (
        login(governor).get(f"/standards/shine/plans/new/?agency={agency_a.pk}").status_code == 403
    )


def test_a_schedule_shorter_than_a_quarter_keeps_what_was_typed_and_says_why(
    login, team_leader_a, agency_a, room_a, chief_a
):
    data = {
        "agency": agency_a.pk,
        "room": room_a.pk,
        "department": "Отдел кадров",
        "period_start": "2026-01-01",
        "period_end": "2026-03-30",
        "department_head": chief_a.person.pk,
        **_management("rows", 2),
        "rows-0-work": "Протереть пыль",
        "rows-0-frequency": "еженедельно",
        "rows-0-dates": "09.01.2026, 16.01.2026",
    }
    answer = login(team_leader_a).post("/standards/shine/schedules/new/", data)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "не менее 1 квартала" in page and "09.01.2026, 16.01.2026" in page
    assert not CleaningSchedule.objects.exists()


def test_a_bad_date_cell_gets_its_message_beside_it_and_nothing_is_saved(
    login, team_leader_a, agency_a, room_a, chief_a
):
    data = {
        "agency": agency_a.pk,
        "room": room_a.pk,
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "department_head": chief_a.person.pk,
        **_management("rows", 2),
        "rows-0-work": "Протереть пыль",
        "rows-0-frequency": "еженедельно",
        "rows-0-dates": "09.01.2026",
        "rows-1-work": "Вымыть полы",
        "rows-1-frequency": "ежемесячно",
        "rows-1-dates": "02.04.2026",
    }
    page = login(team_leader_a).post("/standards/shine/schedules/new/", data).content.decode()
    assert "Даты вне периода графика: 02.04.2026" in page
    assert 'value="Вымыть полы"' in page
    assert not CleaningSchedule.objects.exists()


def test_the_team_creates_a_schedule_through_the_page(
    login, team_leader_a, agency_a, room_a, chief_a
):
    data = {
        "agency": agency_a.pk,
        "room": room_a.pk,
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "department_head": chief_a.person.pk,
        **_management("rows", 3),
        "rows-0-work": "Протереть пыль",
        "rows-0-frequency": "еженедельно",
        "rows-0-dates": "09.01.2026; 16.01.2026",
    }
    answer = login(team_leader_a).post("/standards/shine/schedules/new/", data)
    schedule = CleaningSchedule.objects.get()
    assert answer.status_code == 302 and answer["Location"] == schedule.get_absolute_url()
    assert ScheduleDate.objects.count() == 2


def test_a_plan_with_a_reference_instead_of_safety_measures_shows_the_error_beside_the_cell(
    login, team_leader_a, agency_a, room_a, team_a, housekeeper_a, inventory_a
):
    data = {
        "agency": agency_a.pk,
        "rooms": [room_a.pk],
        "leader": team_a.leader.pk,
        "housekeeping": housekeeper_a.person.pk,
        "inventory_officer": inventory_a.person.pk,
        "inventory_phone": "40-00-01",
        **_management("rows", 1),
        "rows-0-activity": "Протереть пыль",
        "rows-0-frequency": "еженедельно",
        "rows-0-time_from": "08:30",
        "rows-0-time_to": "08:45",
        "rows-0-responsible": "Чистова А.А.",
        "rows-0-safety": "п. 3.2 инструкции",
    }
    page = login(team_leader_a).post("/standards/shine/plans/new/", data).content.decode()
    assert 'class="has-error"' in page and "примечание 6" in page
    assert "п. 3.2 инструкции" in page
    assert not CleaningPlan.objects.exists()


def test_only_the_named_signer_sees_the_sign_button_and_the_head_signs_last(
    login, plan_a, team_leader_a, housekeeper_a, inventory_a, head_a
):
    url = plan_a.get_absolute_url()
    assert 'data-testid="sign-button-leader"' in login(team_leader_a).get(url).content.decode()
    assert 'data-testid="sign-button-leader"' not in login(housekeeper_a).get(url).content.decode()
    assert 'data-testid="sign-button-head"' not in login(head_a).get(url).content.decode()
    sign = f"/standards/shine/plans/{plan_a.pk}/sign/"
    assert login(housekeeper_a).post(sign, {"role": "leader"}).status_code == 403
    for user, role in (
        (team_leader_a, "leader"),
        (housekeeper_a, "housekeeping"),
        (inventory_a, "inventory"),
    ):
        assert login(user).post(sign, {"role": role}).status_code == 302
    assert 'data-testid="sign-button-head"' in login(head_a).get(url).content.decode()
    assert login(head_a).post(sign, {"role": "head"}).status_code == 302
    assert plan_a.signatures.count() == 4
    edit = login(team_leader_a).get(f"/standards/shine/plans/{plan_a.pk}/edit/")
    assert edit.status_code == 302  # a signed plan is not edited silently


def test_the_plans_pdf_follows_appendix_24_with_a_copy_per_room(
    login, plan_a, governor, team_leader_a
):
    services.plan_sign(actor=team_leader_a, plan=plan_a, role=SignRole.LEADER)
    answer = login(governor).get(f"/standards/shine/plans/{plan_a.pk}/pdf/")
    assert answer["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    assert len(reader.pages) >= 2  # rooms 101 and 102 each get their copy (L1015)
    text = _pdf_text(answer.content)
    for heading in (
        "Приложение 24",
        "УТВЕРЖДАЮ",
        "План уборки-проверки",
        "Наименование отдела ОИВ ЯО (СППО)",
        "№ кабинета(ов)",
        "Наименование мероприятия",
        "Периодичность уборки",
        "Время уборки",
        "Необходимый инвентарь",
        "Ф.И.О. ответственного",
        "Меры безопасности",
        "План составили:",
        "СОГЛАСОВАНО",
        "Лидер 5S-команды",
        "Ответственный за хозяйственное обеспечение",
        "Ответственный за предоставление инвентаря",
        "(расшифровка подписи)",
        "+7 (4852) 40-00-01",
        "08.30 – 08.45",
        "кабинета (части рабочего пространства): 101",
        "кабинета (части рабочего пространства): 102",
    ):
        assert heading in text, heading


def test_the_schedules_pdf_follows_appendix_25(login, schedule_a, chief_a, employee_a):
    services.schedule_sign(actor=chief_a, schedule=schedule_a)
    answer = login(employee_a).get(f"/standards/shine/schedules/{schedule_a.pk}/pdf/")
    text = _pdf_text(answer.content)
    for heading in (
        "Приложение 25",
        "Примерный график уборки на I 2026 квартал(ы)",
        "Наименование отдела ОИВ ЯО (СППО)",
        "№ кабинета (части рабочего пространства)",
        "Содержание работ",
        "Периодичность уборки",
        "Даты проведения работ",
        "График составил(а):",
        "(должность)",
        "(подпись)",
        "(расшифровка подписи)",
        "09.01.2026",
        "О.О. Отделов",
    ):
        assert heading in text, heading


@pytest.mark.parametrize("kind_columns", ["hard", "cleaning"])
def test_the_analyses_pdf_follows_appendices_19_20_and_23(
    login, team_leader_a, agency_a, analysis_data, room_a, kind_columns
):
    if kind_columns == "hard":
        analysis_data.update(kind="hard_places")
        analysis_data["rows"] = [
            {"room": room_a, "place": "За шкафом", "cause": "Шкаф у стены", "action": "Отодвинуть"}
        ]
    analysis = services.analysis_create(actor=team_leader_a, agency=agency_a, data=analysis_data)
    text = _pdf_text(
        login(team_leader_a).get(f"/standards/shine/analyses/{analysis.pk}/pdf/").content
    )
    common = [
        "№ п/п",
        "№ каб.",
        "Наименование места",
        "Анализ провели:",
        "СОГЛАСОВАНО",
        "Лидер 5S-команды",
        "Ответственный за хозяйственное обеспечение",
        "Дата",
        "Наименование ОИВ ЯО (СППО)",
    ]
    if kind_columns == "hard":
        wanted = common + [
            "Приложение 19",
            "Лист контроля исследования мест, требующих уборки, и труднодоступных мест",
            "копировальные аппараты",
            "Приложение 20",
            "Анализ труднодоступных для уборки мест",
            "Причина труднодоступности",
            "Предложения по устранению причины/ проведению уборки",
        ]
    else:
        wanted = common + [
            "Приложение 23",
            "Анализ мест, требующих уборки",
            "Вид загрязнения (беспорядка)",
            "Причина появления загрязнения (беспорядка)",
            "Наименование мероприятия по устранению причины (проведению уборки)",
            "Плановая дата выполнения мероприятия",
            "Фактическая дата выполнения мероприятия",
            "Ответственный исполнитель",
            "Контроль за выполнением мероприятий осуществляет",
            "Пыль",
        ]
    for heading in wanted:
        assert heading in text, heading


def test_the_analysis_and_schedules_export_as_xlsx_read_back(
    login, analysis_a, schedule_a, governor
):
    book = load_workbook(
        io.BytesIO(login(governor).get(f"/standards/shine/analyses/{analysis_a.pk}/xlsx/").content)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[3][:3] == ("№ п/п", "№ каб.", "Наименование места")
    assert "Плановая дата выполнения мероприятия" in rows[3]
    assert rows[4][1] == "101" and rows[4][3] == "Пыль"
    book = load_workbook(io.BytesIO(login(governor).get("/standards/shine/schedules.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert "Даты проведения работ" in rows[1]
    assert any(r[6] == "09.01.2026, 16.01.2026" for r in rows[2:])
    book = load_workbook(
        io.BytesIO(login(governor).get("/standards/shine/classifier.xlsx").content)
    )
    names = [r[0] for r in book.active.iter_rows(min_row=3, values_only=True)]
    assert names == ["Пыль", "Грязь", "Неисправность", "Беспорядок"]


def test_a_named_employee_marks_the_actual_date_on_the_signed_schedule(
    login, schedule_a, chief_a, cleaner_a, employee_a, monkeypatch
):
    monkeypatch.setattr("core.calendar.today", lambda: datetime.date(2026, 2, 10))
    services.schedule_sign(actor=chief_a, schedule=schedule_a)
    dates = list(
        ScheduleDate.objects.filter(row__schedule=schedule_a).order_by(
            "row__position", "planned_on"
        )
    )
    page = login(cleaner_a).get(schedule_a.get_absolute_url()).content.decode()
    assert 'data-testid="done-form"' in page
    assert (
        'data-testid="done-form"'
        not in login(employee_a).get(schedule_a.get_absolute_url()).content.decode()
    )
    post = {**_management("done", len(dates), len(dates))}
    for i, d in enumerate(dates):
        post[f"done-{i}-id"] = d.pk
        post[f"done-{i}-done_on"] = ""
    post["done-0-done_on"] = "2026-01-09"
    post["done-1-done_on"] = "2026-03-01"  # in the future: refused, nothing saved
    page = login(cleaner_a).post(schedule_a.get_absolute_url(), post).content.decode()
    assert "не позже сегодняшней" in page
    assert not ScheduleDate.objects.filter(done_on__isnull=False).exists()
    post["done-1-done_on"] = "2026-01-16"
    assert login(cleaner_a).post(schedule_a.get_absolute_url(), post).status_code == 302
    assert ScheduleDate.objects.filter(done_on__isnull=False).count() == 2
    assert login(employee_a).post(schedule_a.get_absolute_url(), post).status_code == 403


def test_home_panels_show_what_each_person_owes(
    login, plan_a, schedule_a, team_leader_a, chief_a, cleaner_a, monkeypatch
):
    monkeypatch.setattr("core.calendar.today", lambda: datetime.date(2026, 1, 20))
    assert "ждут вашей подписи" in login(team_leader_a).get("/").content.decode()
    chief_home = login(chief_a).get("/").content.decode()
    assert "ждут вашей подписи" in chief_home and "График уборки 101" in chief_home
    services.schedule_sign(actor=chief_a, schedule=schedule_a)
    cleaner_home = login(cleaner_a).get("/").content.decode()
    assert "отметьте фактические даты" in cleaner_home and "09.01.2026" in cleaner_home


@pytest.mark.parametrize("size", [1, 6])
def test_the_lists_take_the_same_queries_however_many_rooms_and_rows(
    login, governor, agency_a, team_leader_a, chief_a, size, django_assert_num_queries, plan_data
):
    for i in range(size):
        room = Room.objects.create(agency=agency_a, name=f"3{i:02d}")
        services.schedule_create(
            actor=team_leader_a,
            agency=agency_a,
            data={
                "room": room,
                "period_start": Q1[0],
                "period_end": Q1[1],
                "department_head": chief_a.person,
                "staff": [chief_a.person],
                "rows": [
                    {
                        "work": f"Работа {j}",
                        "frequency": "еженедельно",
                        "dates": [datetime.date(2026, 1, 5 + j)],
                    }
                    for j in range(3)
                ],
            },
        )
        plan_data["rooms"] = [room]
        plan = services.plan_create(actor=team_leader_a, agency=agency_a, data=plan_data)
        services.plan_sign(actor=team_leader_a, plan=plan, role=SignRole.LEADER)
    client = login(governor)
    for path, expected in (
        ("/standards/shine/schedules/", SCHEDULE_QUERIES),
        ("/standards/shine/plans/", PLAN_QUERIES),
    ):
        client.get(path)
        with django_assert_num_queries(expected):
            client.get(path)


SCHEDULE_QUERIES = 10
PLAN_QUERIES = 10


def test_the_team_opens_every_form_and_the_edit_pages_of_unsigned_forms(
    login, team_leader_a, agency_a, plan_a, schedule_a, analysis_a
):
    client = login(team_leader_a)
    for path in (
        f"/standards/shine/analyses/new/?agency={agency_a.pk}&kind=hard_places",
        f"/standards/shine/plans/new/?agency={agency_a.pk}",
        f"/standards/shine/schedules/new/?agency={agency_a.pk}&plan={plan_a.pk}",
        f"/standards/shine/general/new/?agency={agency_a.pk}",
        f"/standards/shine/plans/{plan_a.pk}/edit/",
        f"/standards/shine/schedules/{schedule_a.pk}/edit/",
        f"/standards/shine/analyses/{analysis_a.pk}/edit/",
    ):
        assert client.get(path).status_code == 200, path
    page = client.get(f"/standards/shine/schedules/{schedule_a.pk}/edit/").content.decode()
    assert "09.01.2026, 16.01.2026" in page  # the planned dates stay as typed


def test_the_team_adds_a_hard_to_clean_analysis_through_the_page(
    login, team_leader_a, agency_a, room_a, team_a
):
    data = {
        "agency": agency_a.pk,
        "kind": "hard_places",
        "date": "2026-01-12",
        "analysts": [team_a.leader.pk],
        "leader": team_a.leader.pk,
        **_management("rows", 2),
        "rows-0-room": room_a.pk,
        "rows-0-place": "За шкафом",
        "rows-0-cause": "",
        "rows-0-action": "Отодвинуть шкаф",
    }
    page = login(team_leader_a).post("/standards/shine/analyses/new/", data).content.decode()
    assert "Обязательное поле" in page or "This field is required" in page
    assert 'value="За шкафом"' in page
    data["rows-0-cause"] = "Шкаф вплотную к стене"
    answer = login(team_leader_a).post("/standards/shine/analyses/new/", data)
    assert answer.status_code == 302
    detail = login(team_leader_a).get(answer["Location"]).content.decode()
    assert "Шкаф вплотную к стене" in detail and 'data-testid="done-form"' not in detail


def test_the_general_cleaning_pages_show_the_times_and_the_head_agrees(
    login, team_leader_a, agency_a, head_a
):
    data = {
        "agency": agency_a.pk,
        "preparation_start": "2026-03-02T09:00",
        "preparation_end": "2026-03-03T09:01",
        "cleaning_start": "2026-03-03T10:00",
        "cleaning_end": "2026-03-03T18:00",
    }
    page = login(team_leader_a).post("/standards/shine/general/new/", data).content.decode()
    assert "не более 1 дня" in page and 'value="2026-03-03T09:01"' in page
    data["preparation_end"] = "2026-03-03T09:00"
    answer = login(team_leader_a).post("/standards/shine/general/new/", data)
    assert answer.status_code == 302
    detail = login(head_a).get(answer["Location"]).content.decode()
    assert "03.03.2026 09:45" in detail and "03.03.2026 09:30" in detail  # briefing, inventory
    agree = answer["Location"] + "agree/"
    assert login(team_leader_a).post(agree).status_code == 403
    assert "sign-button-head" in detail
    assert login(head_a).post(agree).status_code == 302
    assert "подписано" in login(head_a).get(answer["Location"]).content.decode()


def test_the_team_refines_the_classifier_on_its_page(
    login, team_leader_a, agency_a, classifier, employee_a
):
    answer = login(team_leader_a).post(
        "/standards/shine/classifier/",
        {"agency": agency_a.pk, "name": "Следы скотча", "places": "стекло", "actions": "оттереть"},
    )
    assert answer.status_code == 302
    assert "Следы скотча" in login(employee_a).get("/standards/shine/classifier/").content.decode()
    assert (
        login(employee_a)
        .post("/standards/shine/classifier/", {"agency": agency_a.pk, "name": "x"})
        .status_code
        == 403
    )


def test_the_plans_xlsx_has_appendix_24s_columns_and_the_head_is_asked_once_agreed(
    login, plan_a, governor, team_leader_a, housekeeper_a, inventory_a, head_a
):
    book = load_workbook(
        io.BytesIO(login(governor).get(f"/standards/shine/plans/{plan_a.pk}/xlsx/").content)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[3] == (
        "№ п/п",
        "Наименование мероприятия",
        "Периодичность уборки",
        "Время уборки",
        "Необходимый инвентарь",
        "Ф.И.О. ответственного",
        "Меры безопасности",
    )
    assert rows[4][3] == "08.30 – 08.45" and rows[2][0] == "№ кабинета(ов): 101, 102"
    assert "ждут вашей подписи" not in login(head_a).get("/").content.decode()
    for user, role in (
        (team_leader_a, SignRole.LEADER),
        (housekeeper_a, SignRole.HOUSEKEEPING),
        (inventory_a, SignRole.INVENTORY),
    ):
        services.plan_sign(actor=user, plan=plan_a, role=role)
    home = login(head_a).get("/").content.decode()
    assert "ждут вашей подписи" in home and str(plan_a) in home
