"""The «Set in order» pages: who sees and does what (exact status codes), the upload refuses a
bad file in Russian and keeps nothing, the schedule grid keeps what was typed and saves nothing
on a bad row, the printable forms match their appendix, the home panels, query counts constant
as rooms grow."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import Room
from standards.placement import services
from standards.placement.choices import ApprovalStatus, SchemeKind
from standards.placement.models import PlacementRules, PlacementSchedule, PlacementScheme
from tests.standards.placement.factories import png_upload

D = datetime.date


@pytest.fixture
def scheme_a(team_leader_a, rooms_a):
    return services.scheme_upload(
        actor=team_leader_a, room=rooms_a[0], kind=SchemeKind.RATIONAL, file=png_upload()
    )


@pytest.fixture
def schedule_a(team_leader_a, team_a, rooms_a, agency_a):
    return services.schedule_create(
        actor=team_leader_a,
        agency=agency_a,
        drawn_up_on=D(2026, 2, 19),
        rows=[
            {
                "room": room,
                "responsible": team_a.leader,
                "date_from": D(2026, 3, 2),
                "date_to": D(2026, 3, 3),
            }
            for room in rooms_a
        ],
    )


@pytest.fixture
def rules_a(team_leader_a, agency_a):
    return services.rules_create(
        actor=team_leader_a,
        agency=agency_a,
        storage_rules="Предметы на полках располагать в один ряд.",
        visual_rules="Контуры для предметов общего пользования.",
        items=[{"name": "Ручка шариковая", "quantity": 2, "place": "настольный органайзер"}],
    )


def test_the_team_and_the_region_see_the_schemes_and_another_agency_does_not(
    login, team_member_a, governor, group_head, team_leader_b, scheme_a
):
    for user in (team_member_a, governor, group_head):
        page = login(user).get("/standards/placement/")
        assert page.status_code == 200 and "101" in page.content.decode()
    other = login(team_leader_b)
    assert "scheme-list" in other.get("/standards/placement/").content.decode()
    assert PlacementScheme.objects.count() == 1
    assert other.get(f"/standards/placement/rooms/{scheme_a.room_id}/").status_code == 404
    assert other.get(f"/standards/placement/schemes/{scheme_a.pk}/file/").status_code == 404


def test_an_employee_reads_approved_schemes_only_and_may_not_upload(
    login, employee_a, head_a, scheme_a
):
    client = login(employee_a)
    assert client.get(f"/standards/placement/schemes/{scheme_a.pk}/file/").status_code == 404
    services.scheme_approve(actor=head_a, scheme=scheme_a)
    answer = client.get(f"/standards/placement/schemes/{scheme_a.pk}/file/")
    assert answer.status_code == 200 and answer["Content-Type"] == "image/png"
    assert b"".join(answer.streaming_content).startswith(b"\x89PNG")
    room = f"/standards/placement/rooms/{scheme_a.room_id}/"
    assert 'data-testid="scheme-upload"' not in client.get(room).content.decode()
    assert client.post(room, {"kind": "rational", "file": png_upload()}).status_code == 403
    assert PlacementScheme.objects.count() == 1


def test_no_role_is_refused_and_anonymous_sent_to_sign_in(login, client, no_role):
    assert login(no_role).get("/standards/placement/").status_code == 403
    assert client.get("/standards/placement/").status_code == 302


def test_a_bad_upload_is_refused_in_russian_and_nothing_is_saved(login, team_member_a, rooms_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = login(team_member_a).post(
        f"/standards/placement/rooms/{rooms_a[0].pk}/",
        {"kind": "rational", "file": SimpleUploadedFile("s.png", b"not an image")},
    )
    assert page.status_code == 400
    assert "Схема не загружена" in page.content.decode()
    assert "PDF" in page.content.decode()
    assert not PlacementScheme.objects.exists()


def test_the_head_approves_on_the_room_page_and_it_shows_the_approved_scheme(
    login, team_member_a, head_a, scheme_a
):
    room = f"/standards/placement/rooms/{scheme_a.room_id}/"
    approve = f"/standards/placement/schemes/{scheme_a.pk}/approve/"
    login(team_member_a).post(approve)
    assert PlacementScheme.objects.get().status == ApprovalStatus.PENDING
    home = login(head_a).get("/").content.decode()
    assert "Схема рационального размещения: Департамент А, 101, версия 1" in home
    assert login(head_a).post(approve).status_code == 302
    page = login(head_a).get(room).content.decode()
    assert "Утверждена версия 1" in page and 'data-testid="approved-scheme-image"' in page


def test_the_agency_page_lists_rooms_without_a_scheme_and_the_legend(
    login, team_member_a, rooms_a, django_assert_max_num_queries, agency_a
):
    for n in range(20):
        Room.objects.create(agency=agency_a, name=f"2{n:02d}")
    client = login(team_member_a)
    client.get(f"/standards/placement/agencies/{agency_a.pk}/")
    with django_assert_max_num_queries(20):
        page = client.get(f"/standards/placement/agencies/{agency_a.pk}/")
    html = page.content.decode()
    assert "101, 102, 200" in html and "одно рабочее место" in html
    assert "Условные обозначения (приложение 18)" in html and "пунктирная линия" in html


def test_the_scheme_list_takes_constant_queries(
    login, team_leader_a, agency_a, django_assert_max_num_queries
):
    client = login(team_leader_a)
    for n in range(3):
        room = Room.objects.create(agency=agency_a, name=f"3{n}")
        services.scheme_upload(actor=team_leader_a, room=room, kind="rational", file=png_upload())
    with django_assert_max_num_queries(16) as few:
        client.get("/standards/placement/")
    for n in range(10):
        room = Room.objects.create(agency=agency_a, name=f"4{n}")
        services.scheme_upload(actor=team_leader_a, room=room, kind="rational", file=png_upload())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/standards/placement/")


def test_a_bad_schedule_row_saves_nothing_and_keeps_what_was_typed(
    login, team_leader_a, team_a, rooms_a, agency_a
):
    data = {
        "agency": agency_a.pk,
        "drawn_up_on": "2026-02-19",
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-0-room": rooms_a[0].pk,
        "rows-0-responsible": team_a.leader.pk,
        "rows-0-date_from": "2026-03-02",
        "rows-0-date_to": "2026-03-03",
        "rows-1-room": rooms_a[0].pk,
        "rows-1-responsible": team_a.leader.pk,
        "rows-1-date_from": "2026-03-04",
        "rows-1-date_to": "2026-03-05",
    }
    client = login(team_leader_a)
    page = client.post("/standards/placement/schedules/new/", data)
    assert page.status_code == 400
    assert "один ответственный" in page.content.decode()
    assert 'value="2026-03-05"' in page.content.decode()
    assert not PlacementSchedule.objects.exists()
    data["rows-1-room"] = rooms_a[1].pk
    done = client.post("/standards/placement/schedules/new/", data)
    assert done.status_code == 302
    assert PlacementSchedule.objects.get().rows.count() == 2


def test_the_schedule_is_agreed_by_the_head_only_and_its_copy_is_owed_by_the_leader(
    login, team_leader_a, team_member_a, employee_a, head_a, schedule_a
):
    url = f"/standards/placement/schedules/{schedule_a.pk}/"
    assert login(employee_a).get(url).status_code == 404  # a draft is the team's and the head's
    login(team_member_a).post(url + "agree/")
    assert PlacementSchedule.objects.get().status == "draft"
    login(head_a).post(url + "agree/")
    schedule = PlacementSchedule.objects.get()
    assert schedule.status == "agreed"
    assert login(employee_a).get(url).status_code == 200
    home = login(team_leader_a).get("/").content.decode()
    assert "Копии графиков рационального размещения" in home
    login(team_member_a).post(url + "copy-sent/", {"copy_sent_on": ""})
    assert PlacementSchedule.objects.get().copy_sent_on is None


def test_the_printed_schedule_and_its_xlsx_have_the_columns_and_signatures(
    login, team_member_a, schedule_a
):
    client = login(team_member_a)
    pdf = client.get(f"/standards/placement/schedules/{schedule_a.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for heading in (
        "СОГЛАСОВАНО",
        "График рационального размещения предметов в рабочем пространстве",
        "№ п/п",
        "Помещение",
        "Ответственный за рациональное размещение предметов",
        "Сроки размещения",
        "Лидер 5S-команды",
        "(подпись)",
    ):
        assert heading in text, heading
    assert "Лидеров Лев Львович" in text and "02.03.2026" in text
    xlsx = client.get(f"/standards/placement/schedules/{schedule_a.pk}/xlsx/")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in values if r and r[0] == "№ п/п")
    assert list(header[:3]) == [
        "№ п/п",
        "Помещение",
        "Ответственный за рациональное размещение предметов",
    ]
    assert any(r[1] == "103" for r in values if r and isinstance(r[0], int))
    assert sheet.page_setup.paperSize in (None, "9", 9)


def test_the_printed_rules_match_appendix_21(login, team_member_a, head_a, rules_a):
    client = login(team_member_a)
    assert client.post(f"/standards/placement/rules/{rules_a.pk}/approve/").status_code == 403
    assert not PlacementRules.objects.get().is_approved
    login(head_a).post(f"/standards/placement/rules/{rules_a.pk}/approve/")
    pdf = client.get(f"/standards/placement/rules/{rules_a.pk}/pdf/")
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    for heading in (
        "Приложение 21 к Методическим рекомендациям",
        "УТВЕРЖДАЮ",
        "Элементы системы хранения и визуализации",
        "№ п/п",
        "Наименование элемента",
        "Содержание действий",
        "Хранение предметов на рабочем месте",
        "Хранение предметов в рабочем пространстве",
        "Визуализация размещения предметов",
        "Р.Р. Руководов",
    ):
        assert heading in text, heading
    assert "Ручка шариковая" in text and "в один ряд" in text


def test_a_bad_desk_item_row_saves_nothing_and_the_form_keeps_it(login, team_member_a, agency_a):
    data = {
        "agency": agency_a.pk,
        "storage_rules": "Правила хранения",
        "visual_rules": "",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-name": "Степлер",
        "items-0-quantity": "0",
        "items-0-place": "ящик",
    }
    client = login(team_member_a)
    page = client.post("/standards/placement/rules/new/", data)
    assert page.status_code == 400 and 'value="Степлер"' in page.content.decode()
    assert not PlacementRules.objects.exists()
    data.update({"visual_rules": "Маркировка", "items-0-quantity": "1"})
    assert client.post("/standards/placement/rules/new/", data).status_code == 302
    assert PlacementRules.objects.get().desk_items.get().name == "Степлер"


def test_the_governors_office_may_not_create_a_schedule(login, governor, agency_a):
    url = f"/standards/placement/schedules/new/?agency={agency_a.pk}"
    assert login(governor).get(url).status_code == 403


def test_the_desk_items_xlsx_is_appendix_21_item_1(login, governor, rules_a):
    answer = login(governor).get(f"/standards/placement/rules/{rules_a.pk}/xlsx/")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in values if r and r[0] == "№ п/п")
    assert list(header[:4]) == ["№ п/п", "Наименование предмета", "Количество", "Место хранения"]
    assert [1, "Ручка шариковая", 2, "настольный органайзер"] in [r[:4] for r in values]


def test_the_person_responsible_for_a_room_sees_it_on_the_home_page_once_agreed(
    login, team_leader_a, head_a, schedule_a, monkeypatch
):
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: D(2026, 3, 1))
    assert "ваших помещениях" not in login(team_leader_a).get("/").content.decode()
    services.schedule_agree(actor=head_a, schedule=schedule_a, today=D(2026, 2, 20))
    home = login(team_leader_a).get("/").content.decode()
    assert "Помещение 101: 02.03.2026 – 03.03.2026" in home
    monkeypatch.setattr(calendar, "today", lambda: D(2026, 3, 4))
    assert "ваших помещениях" not in login(team_leader_a).get("/").content.decode()


def test_the_team_edits_a_draft_schedule_and_a_bad_row_changes_nothing(
    login, team_member_a, team_a, schedule_a, rooms_a
):
    url = f"/standards/placement/schedules/{schedule_a.pk}/"
    data = {"rows-TOTAL_FORMS": "3", "rows-INITIAL_FORMS": "3"}
    for index, row in enumerate(schedule_a.rows.order_by("position")):
        data |= {
            f"rows-{index}-room": row.room_id,
            f"rows-{index}-responsible": team_a.leader.pk,
            f"rows-{index}-date_from": "2026-03-02",
            f"rows-{index}-date_to": "2026-03-03",
        }
    data["rows-2-room"] = rooms_a[0].pk
    client = login(team_member_a)
    page = client.post(url, data)
    assert page.status_code == 400 and "один ответственный" in page.content.decode()
    assert sorted(schedule_a.rows.values_list("room__name", flat=True)) == ["101", "102", "103"]
    data["rows-2-room"] = rooms_a[2].pk
    data["rows-2-date_to"] = "2026-03-06"
    assert client.post(url, data).status_code == 302
    assert schedule_a.rows.get(room=rooms_a[2]).date_to == D(2026, 3, 6)
