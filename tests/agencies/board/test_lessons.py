"""Appendix 11's mini-lessons on the information board (seed 003 L3675: «сортировка,
рациональное размещение, уборка и проверка, стандартизация: мини-урок …», L3677: «поддержание
и совершенствование: мини-урок»): the board's team writes them on the board's form or through
the API; the board page, its A3/A1 poster and the API show them; nobody else writes them."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from agencies.board import services
from agencies.board.models import InformationBoard

pytestmark = pytest.mark.django_db

LESSONS = {
    "sorting": "Красный ярлык: что не нужно — в зону временного хранения",
    "set_in_order": "У каждой вещи своё место и подпись",
    "shine": "Пять минут уборки в конце дня",
    "standardisation": "Стандарт рабочего места висит у двери",
    "sustain": "Раз в месяц — внутренний аудит",
}
FIELDS = {f"lesson_{key}": text for key, text in LESSONS.items()}
LABELS = [
    "Сортировка",
    "Рациональное размещение",
    "Уборка и проверка",
    "Стандартизация",
    "Поддержание и совершенствование",
]


def _url(agency, name="agencies:board"):
    return reverse(name, args=[agency.pk])


def _form(member_person, team_a):
    return {
        "goal": "Порядок",
        "place": "Холл",
        "size": "A1",
        "collector": member_person.pk,
        "designer": team_a.leader_id,
    }


def test_the_team_writes_the_mini_lessons_and_the_board_and_poster_show_them(
    login, on, team_leader_a, employee_a, agency_a, team_a, member_person
):
    leader = login(team_leader_a)
    form = leader.get(_url(agency_a, "agencies:board-edit")).content.decode()
    assert "Мини-урок: поддержание и совершенствование" in form
    response = leader.post(
        _url(agency_a, "agencies:board-edit"), _form(member_person, team_a) | FIELDS
    )
    assert response.status_code == 302
    board = InformationBoard.objects.get(agency=agency_a)
    assert board.lesson_sustain == LESSONS["sustain"]
    html = login(employee_a).get(_url(agency_a)).content.decode()
    assert 'data-testid="board-section-lessons"' in html and "Мини-уроки по шагам" in html
    section = html.split('data-testid="board-section-lessons"')[1].split("</section>")[0]
    positions = [section.index(label) for label in LABELS]
    assert positions == sorted(positions)  # in the steps' order
    assert all(text in section for text in LESSONS.values())
    # The form shows what was written for the next change.
    again = leader.get(_url(agency_a, "agencies:board-edit")).content.decode()
    assert LESSONS["shine"] in again
    for size in ("A3", "A1"):
        pdf = login(employee_a).get(_url(agency_a, "agencies:board-poster") + f"?size={size}")
        text = " ".join(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
        )
        assert "Мини-уроки по шагам" in text
        assert "Поддержание и совершенствование: Раз в месяц — внутренний аудит" in text


def test_a_board_without_lessons_says_so(login, board, employee_a, agency_a):
    html = login(employee_a).get(_url(agency_a)).content.decode()
    assert "Мини-уроки ещё не написаны." in html


def test_only_the_team_writes_the_lessons_and_nothing_is_saved_otherwise(
    login, board, employee_a, governor, agency_a, team_a, member_person
):
    for user in (employee_a, governor):
        assert (
            login(user)
            .post(_url(agency_a, "agencies:board-edit"), _form(member_person, team_a) | FIELDS)
            .status_code
            == 403
        )
        with pytest.raises(PermissionDenied):
            services.board_save(
                actor=user,
                agency=agency_a,
                collector=board.collector,
                designer=board.designer,
                lessons=LESSONS,
            )
    board.refresh_from_db()
    assert not any(getattr(board, name) for name in FIELDS)


def test_the_api_reads_and_writes_the_lessons_and_keeps_those_left_out(
    api_client, board, team_leader_a, employee_a, governor, agency_a
):
    url = f"/api/v1/agencies/{agency_a.pk}/board/"
    data = api_client(employee_a).get(url).json()
    assert data["lessons"] == dict.fromkeys(LESSONS, "")
    assert "lessons" in [section["key"] for section in data["sections"]]
    body = {"collector": board.collector_id, "designer": board.designer_id}
    assert (
        api_client(governor).put(url, body | {"lessons": LESSONS}, format="json").status_code == 403
    )
    response = api_client(team_leader_a).put(url, body | {"lessons": LESSONS}, format="json")
    assert response.status_code == 200 and response.json()["lessons"] == LESSONS
    # A PUT without lessons (a client of the earlier contract) keeps them; one lesson changes.
    kept = api_client(team_leader_a).put(url, body, format="json").json()
    assert kept["lessons"] == LESSONS
    changed = api_client(team_leader_a).put(
        url, body | {"lessons": {"shine": "Уборка — это проверка"}}, format="json"
    )
    assert changed.json()["lessons"] == LESSONS | {"shine": "Уборка — это проверка"}
    lessons = next(s for s in changed.json()["sections"] if s["key"] == "lessons")
    assert {"label": "Уборка и проверка", "value": "Уборка — это проверка", "state": ""} in (
        lessons["rows"]
    )
    too_long = api_client(team_leader_a).put(
        url, body | {"lessons": {"sorting": "х" * 4001}}, format="json"
    )
    assert too_long.status_code == 400


def test_the_lessons_read_in_english(login, board, team_leader_a, agency_a, settings):
    services.board_save(
        actor=team_leader_a,
        agency=agency_a,
        collector=board.collector,
        designer=board.designer,
        lessons={"sustain": "Раз в месяц"},
    )
    client = login(team_leader_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(_url(agency_a), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mini-lessons by step" in html and "Sustain and improve" in html
    form = client.get(_url(agency_a, "agencies:board-edit"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Mini-lesson: sorting" in form.content.decode()
