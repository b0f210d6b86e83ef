"""The board page, its set-up form, the update and remark forms, the photo view and the poster
(§4.9, L561–597; Appendix 11, L3655–3679): who may do what, the sections from every app, a
constant number of queries, and the printed poster's text."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agencies.board.models import BoardRemark, BoardUpdate
from agencies.deployment.choices import PlanSection
from agencies.deployment.models import DeploymentPlan, PlanActivity
from agencies.models import Room
from audits.choices import AuditStatus
from audits.closure.models import StepClosure
from audits.models import (
    Audit,
    ChecklistVersion,
    FinalScoreSheet,
    InternalAudit,
    InternalScore,
    Photo,
)
from tests.agencies.board.conftest import TODAY, jpeg, record_update

pytestmark = pytest.mark.django_db

APPENDIX_11_HEADINGS = [
    "Цель, задача, миссия",
    "Члены команды",
    "Показатели и их визуальное отображение",
    "Фотографии",
    "Итоговый оценочный лист внутреннего аудита",
    "Результаты аудита рабочей группы",
    "Шаги: что сделано и что предстоит",
    "Предложения и замечания сотрудников",
]


def _url(agency, name="agencies:board"):
    return reverse(name, args=[agency.pk])


def _grow(agency, n, *, start=0):
    """n more records of every kind the board shows (updates, remarks, photos, internal scores,
    plan activities, audits): the page's query count must not follow."""
    person = agency.people.first()
    for i in range(start, start + n):
        BoardUpdate.objects.create(
            agency=agency,
            date=TODAY - datetime.timedelta(days=i + 1),
            person=person,
            image="board/x.jpg",
            thumbnail="board/x-thumb.jpg",
            content_type="image/jpeg",
        )
        BoardRemark.objects.create(agency=agency, text=f"Замечание {i}", author=person)
        before = Photo.objects.create(
            agency=agency,
            taken_on=TODAY - datetime.timedelta(days=40 + i),
            place=f"Кабинет {i}",
            subject="Стол",
            photographer="Ф",
            image="photos/x.jpg",
            thumbnail="photos/x-thumb.jpg",
            content_type="image/jpeg",
            width=1,
            height=1,
        )
        Photo.objects.create(
            agency=agency,
            taken_on=TODAY - datetime.timedelta(days=i),
            place=f"Кабинет {i}",
            subject="Стол",
            photographer="Ф",
            image="photos/y.jpg",
            thumbnail="photos/y-thumb.jpg",
            content_type="image/jpeg",
            width=1,
            height=1,
            before=before,
        )
    internal, _ = InternalAudit.objects.get_or_create(
        agency=agency, month=TODAY.replace(day=1), defaults={"conducted_on": TODAY}
    )
    plan, _ = DeploymentPlan.objects.get_or_create(
        agency=agency, year=TODAY.year, defaults={"starts_on": datetime.date(TODAY.year, 1, 1)}
    )
    checklist, _ = ChecklistVersion.objects.get_or_create(version="test", title="Чек-лист")
    for i in range(start, start + n):
        room = Room.objects.create(agency=agency, name=f"Кабинет {i}")
        for step in (1, 2, 3, 4):
            InternalScore.objects.create(internal_audit=internal, room=room, step=step, score=4)
        PlanActivity.objects.create(
            plan=plan,
            section=PlanSection.SORTING,
            number=i + 1,
            step=1,
            title=f"Мероприятие {i}",
            actual_end=TODAY if i % 2 else None,
            planned_end=TODAY + datetime.timedelta(days=i),
        )
        audit = Audit.objects.create(
            agency=agency,
            checklist=checklist,
            date=TODAY - datetime.timedelta(days=100 + i),
            status=AuditStatus.FINALISED,
            completed_steps=[1],
        )
        FinalScoreSheet.objects.create(
            audit=audit,
            overall="4.250000",
            step_values={"1": "4.250000"},
            copy_due=audit.date,
            signed_on=audit.date,
        )
    StepClosure.objects.get_or_create(agency=agency, step=1, defaults={"closed_on": TODAY})


def test_an_employee_reads_the_board_with_every_section_and_no_team_forms(
    login, board, employee_a, agency_a
):
    response = login(employee_a).get(_url(agency_a))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in APPENDIX_11_HEADINGS[:3] + APPENDIX_11_HEADINGS[4:7]:
        assert heading in html
    assert "Показатели ещё не измерялись" in html
    assert "Сделать рабочие места удобными" in html
    assert "Членова Мария Ивановна" in html  # the member who updates the board
    assert 'data-testid="board-update-form"' not in html
    assert 'data-testid="board-remark-form"' in html
    assert 'data-testid="board-edit"' not in html


@pytest.mark.parametrize("who", ["governor", "group_head", "auditor", "administrator"])
def test_the_region_reads_every_board(login, request, board, who, agency_a):
    response = login(request.getfixturevalue(who)).get(_url(agency_a))
    assert response.status_code == 200
    assert 'data-testid="board-remark-form"' not in response.content.decode() or (
        who == "administrator"
    )


def test_other_agencies_see_no_board_and_the_roleless_are_refused(
    login, client, board, team_leader_b, no_role, agency_a
):
    assert login(team_leader_b).get(_url(agency_a)).status_code == 404
    assert login(team_leader_b).get(_url(agency_a, "agencies:board-poster")).status_code == 404
    assert login(no_role).get(_url(agency_a)).status_code == 403
    assert client.get(_url(agency_a)).status_code == 302


def test_the_team_sets_up_the_board_and_an_employee_may_not(
    login, on, team_leader_a, employee_a, governor, agency_a, team_a, member_person
):
    data = {
        "goal": "Порядок",
        "place": "Холл",
        "size": "A1",
        "collector": member_person.pk,
        "designer": team_a.leader_id,
    }
    assert login(employee_a).post(_url(agency_a, "agencies:board-edit"), data).status_code == 403
    assert login(governor).post(_url(agency_a, "agencies:board-edit"), data).status_code == 403
    bad = login(team_leader_a).post(
        _url(agency_a, "agencies:board-edit"), data | {"designer": member_person.pk}
    )
    assert bad.status_code == 400 and "два члена 5S-команды" in bad.content.decode()
    response = login(team_leader_a).post(_url(agency_a, "agencies:board-edit"), data)
    assert response.status_code == 302
    assert agency_a.information_board.collector == member_person


def test_the_team_records_an_update_through_the_page(login, board, team_member_a, agency_a):
    client = login(team_member_a)
    response = client.post(
        _url(agency_a, "agencies:board-update-create"),
        {"date": TODAY.isoformat(), "note": "Заменили фото", "photo": jpeg()},
    )
    assert response.status_code == 302
    update = BoardUpdate.objects.get()
    page = client.get(_url(agency_a)).content.decode()
    assert "Заменили фото" in page and "Обновлён" in page
    thumb = client.get(reverse("agencies:board-update-photo", args=[update.pk, "thumbnail"]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert b"".join(thumb.streaming_content).startswith(b"\xff\xd8")


def test_a_bad_photo_is_shown_beside_the_field_and_nothing_saved(
    login, board, team_member_a, agency_a
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login(team_member_a).post(
        _url(agency_a, "agencies:board-update-create"),
        {"date": TODAY.isoformat(), "photo": SimpleUploadedFile("a.jpg", b"not an image")},
    )
    assert response.status_code == 400
    assert 'accept="image/*"' in response.content.decode()
    assert not BoardUpdate.objects.exists()


def test_an_employee_cannot_record_an_update_nor_see_another_agencys_photos(
    login, board, team_member_a, employee_a, team_leader_b, agency_a
):
    response = login(employee_a).post(
        _url(agency_a, "agencies:board-update-create"),
        {"date": TODAY.isoformat(), "photo": jpeg()},
    )
    assert response.status_code == 403 and not BoardUpdate.objects.exists()
    update = record_update(team_member_a, agency_a, TODAY)
    url = reverse("agencies:board-update-photo", args=[update.pk, "image"])
    photo = login(employee_a).get(url)
    assert photo.status_code == 200
    b"".join(photo.streaming_content)
    assert login(team_leader_b).get(url).status_code == 404


def test_an_employee_leaves_a_remark_and_another_agency_may_not(
    login, board, employee_a, team_leader_b, agency_a
):
    url = _url(agency_a, "agencies:board-remark-create")
    assert login(team_leader_b).post(url, {"kind": "remark", "text": "x"}).status_code == 404
    empty = login(employee_a).post(url, {"kind": "remark", "text": ""})
    assert empty.status_code == 400 and not BoardRemark.objects.exists()
    assert login(employee_a).post(url, {"kind": "remark", "text": "Мелко"}).status_code == 302
    assert "Мелко" in login(employee_a).get(_url(agency_a)).content.decode()


def test_the_board_page_query_count_does_not_grow_with_records(
    login, board, team_leader_a, agency_a, django_assert_max_num_queries
):
    client = login(team_leader_a)
    _grow(agency_a, 2)
    with django_assert_max_num_queries(40) as few:
        assert client.get(_url(agency_a)).status_code == 200
    _grow(agency_a, 15, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url(agency_a))
    html = response.content.decode()
    assert "в процессе" in html or "результат" in html
    assert "Кабинет 16" in html  # the internal audit's rooms
    assert "4,25" in html  # the external audit's overall score
    assert "сделано 8 из 17" in html


def _millimetres(page):
    box = page.mediabox
    return round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)


def test_the_poster_prints_the_appendix_11_headings_on_a3_landscape_and_a1(
    login, board, team_member_a, employee_a, agency_a
):
    record_update(team_member_a, agency_a, TODAY)
    _grow(agency_a, 2)
    client = login(employee_a)
    response = client.get(_url(agency_a, "agencies:board-poster"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for heading in APPENDIX_11_HEADINGS:
        assert heading in text, heading
    assert "Показатели ещё не измерялись" in text
    box = reader.pages[0].mediabox
    assert (
        round(float(box.width) / 72 * 25.4) == 420 and round(float(box.height) / 72 * 25.4) == 297
    )
    a1 = client.get(_url(agency_a, "agencies:board-poster") + "?size=A1")
    box = PdfReader(io.BytesIO(a1.content)).pages[0].mediabox
    assert (
        round(float(box.width) / 72 * 25.4) == 841 and round(float(box.height) / 72 * 25.4) == 594
    )
    odd = client.get(_url(agency_a, "agencies:board-poster") + "?size=Z9")
    assert odd.status_code == 200  # an unknown size prints A3


def test_the_overview_lists_the_boards_the_user_reads_in_constant_queries(
    login, board, governor, team_leader_b, agency_a, agency_b, django_assert_max_num_queries
):
    from tests.agencies.factories import AgencyFactory

    client = login(governor)
    with django_assert_max_num_queries(10) as few:
        html = client.get(reverse("agencies:board-overview")).content.decode()
    assert "Департамент А" in html and "Обновлён" in html and "стенд не создан" in html
    AgencyFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("agencies:board-overview"))
    html = login(team_leader_b).get(reverse("agencies:board-overview")).content.decode()
    assert "Департамент Б" in html and "Департамент А<" not in html


def test_the_poster_embeds_the_photo_reports_before_and_after(
    login, board, team_leader_a, employee_a, agency_a
):
    from audits.services import photo_upload

    first = photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=jpeg(color="red"),
        taken_on=TODAY - datetime.timedelta(days=30),
        place="Кабинет 101",
        subject="Стол",
        photographer="Лидеров Л. Л.",
    )
    photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=jpeg(color="green"),
        taken_on=TODAY,
        place="Кабинет 101",
        subject="Стол",
        photographer="Лидеров Л. Л.",
        before=first,
    )
    client = login(employee_a)
    html = client.get(_url(agency_a)).content.decode()
    assert reverse("audits:photo-file", args=[first.pk, "thumbnail"]) in html
    response = client.get(_url(agency_a, "agencies:board-poster"))
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert len(page.images) == 2
    text = " ".join(page.extract_text().split())
    assert "до" in text and "результат" in text


def test_a_remark_form_sent_twice_saves_one_remark(login, board, employee_a, agency_a):
    from core.idempotency import FORM_TOKEN_FIELD, new_token

    client = login(employee_a)
    data = {"kind": "remark", "text": "Дважды", FORM_TOKEN_FIELD: new_token()}
    for _ in range(2):
        assert client.post(_url(agency_a, "agencies:board-remark-create"), data).status_code == 302
    assert BoardRemark.objects.count() == 1


def test_a_section_given_as_a_template_shows_on_the_page_and_the_poster(
    login, board, employee_a, agency_a, settings, tmp_path, monkeypatch
):
    """How the indicators helper plugs its charts in at merge: a provider returning a template
    and its context replaces the declared «indicators» key."""
    from agencies.board import registration
    from core import board as core_board
    from core.board import BoardSection, register_board_section

    # The registry as it was comes back after the test (the indicators' real section among it).
    monkeypatch.setattr(core_board, "_sections", dict(core_board._sections))
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "indicators.html").write_text(
        "Время выполнения операции: {{ data.value }} с", encoding="utf-8"
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    register_board_section(
        registration.INDICATORS_KEY,
        order=registration.INDICATORS_ORDER,
        title=registration.INDICATORS_TITLE,
        provider=lambda agency: BoardSection(
            template="test/indicators.html", context={"value": "42"}
        ),
        empty_text=registration.INDICATORS_EMPTY,
    )
    client = login(employee_a)
    assert "Время выполнения операции: 42 с" in client.get(_url(agency_a)).content.decode()
    pdf = client.get(_url(agency_a, "agencies:board-poster")).content
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Время выполнения операции: 42 с" in text


def _curator_of(agency, username):
    """The deputy governor curating `agency` (role «curator», through Curator.person)."""
    from core.roles import Role
    from tests.agencies.factories import AgencyFactory, PersonFactory, UserFactory

    user = UserFactory(username=username, roles=[Role.CURATOR])
    apparatus = AgencyFactory(short_name=f"Аппарат {username}")
    agency.curator.person = PersonFactory(agency=apparatus, user=user)
    agency.curator.save()
    return user


def test_the_agencys_curator_sees_the_photo_thumbnails_of_its_board(
    login, board, team_leader_a, team_leader_b, agency_a
):
    from audits.services import photo_upload

    photo = photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=jpeg(color="red"),
        taken_on=TODAY,
        place="Кабинет 101",
        subject="Стол",
        photographer="Лидеров Л. Л.",
    )
    thumbnail = reverse("audits:photo-file", args=[photo.pk, "thumbnail"])
    curator = login(_curator_of(agency_a, "curator_board_a"))
    html = curator.get(_url(agency_a)).content.decode()
    assert thumbnail in html
    response = curator.get(thumbnail)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)
    # The board shows thumbnails only: the full picture stays with the internal audits' readers.
    full = curator.get(reverse("audits:photo-file", args=[photo.pk, "image"]))
    assert full.status_code == 403
    # A person of another agency reads neither the board nor its thumbnails.
    other = login(team_leader_b)
    assert other.get(_url(agency_a)).status_code == 404
    assert other.get(thumbnail).status_code == 403
