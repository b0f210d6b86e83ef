"""Internal audits (§4.6, Appendix 7 matrix) and photo reports."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from audits import selectors, services
from audits.models import InternalAudit, Photo
from core.exceptions import ApplicationError
from tests.audits.conftest import TODAY


def _jpeg(name="room.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def rooms(team_leader_a, agency_a):
    return [
        services.internal_audit_room_add(actor=team_leader_a, agency=agency_a, name=name)
        for name in ("Кабинет 101", "Архив")
    ]


def test_the_team_scores_rooms_by_steps_one_to_four_and_the_matrix_shows_months(
    team_leader_a, team_member_a, agency_a, rooms, today
):
    room, archive = rooms
    services.internal_audit_save(
        actor=team_leader_a,
        agency=agency_a,
        conducted_on=datetime.date(2026, 1, 20),
        scores={(room.pk, 1): 2, (room.pk, 2): 3, (archive.pk, 1): 1},
    )
    services.internal_audit_save(
        actor=team_member_a,
        agency=agency_a,
        conducted_on=datetime.date(2026, 2, 18),
        scores={(room.pk, 1): 4, (room.pk, 2): 4, (room.pk, 3): 3, (room.pk, 4): 4},
    )
    matrix = selectors.internal_matrix(agency=agency_a, until=TODAY)
    assert matrix["months"][-1] == datetime.date(2026, 3, 1) and len(matrix["months"]) == 6
    row = next(r for r in matrix["rows"] if r["room"] == room)
    by_month = {cell["month"]: cell for cell in row["cells"]}
    assert by_month[datetime.date(2026, 1, 1)]["value"] == Decimal("2.50")
    assert by_month[datetime.date(2026, 2, 1)]["steps"] == [4, 4, 3, 4]
    assert by_month[datetime.date(2026, 2, 1)]["value"] == Decimal("3.75")
    assert by_month[datetime.date(2026, 3, 1)]["value"] is None


def test_step_five_and_bad_scores_are_refused_and_nothing_saved(
    team_leader_a, agency_a, rooms, today
):
    room = rooms[0]
    with pytest.raises(ApplicationError) as error:
        services.internal_audit_save(
            actor=team_leader_a,
            agency=agency_a,
            conducted_on=TODAY,
            scores={(room.pk, 5): 4, (room.pk, 1): 6},
        )
    assert set(error.value.details) == {f"{room.pk}-5", f"{room.pk}-1"}
    assert not InternalAudit.objects.exists()


@pytest.mark.parametrize("who", ["employee_a", "team_leader_b", "auditor", "governor"])
def test_only_the_agencys_team_records_internal_audits(request, who, agency_a, rooms, today):
    with pytest.raises(PermissionDenied):
        services.internal_audit_save(
            actor=request.getfixturevalue(who),
            agency=agency_a,
            conducted_on=TODAY,
            scores={(rooms[0].pk, 1): 4},
        )


def test_a_photo_is_stored_under_a_generated_name_with_a_thumbnail(
    team_leader_a, agency_a, rooms, today
):
    photo = services.photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=_jpeg("Иванов_кабинет_101.jpg"),
        taken_on=TODAY,
        place="Кабинет 101",
        subject="Рабочее место у окна",
        problem="Папки на подоконнике",
        photographer="Лидеров Л. Л.",
        room=rooms[0],
    )
    assert "Иванов" not in photo.image.name and photo.image.name.endswith(".jpg")
    assert photo.thumbnail.name.endswith("-thumb.jpg")
    assert (photo.width, photo.height) == (640, 480)
    from django.conf import settings

    assert not photo.image.path.startswith(str(settings.MEDIA_ROOT))  # never a public URL


def test_a_repeat_photo_is_paired_with_the_earlier_one(team_leader_a, agency_a, today):
    fields = {"place": "Кабинет 101", "subject": "Шкаф", "photographer": "Лидеров Л. Л."}
    before = services.photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=_jpeg(),
        taken_on=datetime.date(2026, 1, 10),
        **fields,
    )
    after = services.photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=_jpeg(),
        taken_on=TODAY,
        before=before,
        **fields,
    )
    assert list(before.after_photos.all()) == [after]
    with pytest.raises(ApplicationError) as error:
        services.photo_upload(
            actor=team_leader_a,
            agency=agency_a,
            upload=_jpeg(),
            taken_on=datetime.date(2026, 1, 1),
            before=after,
            **fields,
        )
    assert "раньше" in error.value.details["before"]


def test_an_invalid_image_is_refused_and_nothing_saved(team_leader_a, agency_a, today):
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(ApplicationError, match="не является фотоснимком"):
        services.photo_upload(
            actor=team_leader_a,
            agency=agency_a,
            upload=upload,
            taken_on=TODAY,
            place="Кабинет",
            subject="Стол",
            photographer="Лидеров",
        )
    assert not Photo.objects.exists()


def test_missing_explanations_are_refused(team_leader_a, agency_a, today):
    with pytest.raises(ApplicationError) as error:
        services.photo_upload(
            actor=team_leader_a,
            agency=agency_a,
            upload=_jpeg(),
            taken_on=TODAY,
            place="",
            subject="Стол",
            photographer="",
        )
    assert set(error.value.details) == {"place", "photographer"}


def test_photos_are_served_only_to_those_who_may_see_the_agency(
    login, team_leader_a, employee_a, team_leader_b, auditor, agency_a, today, client
):
    photo = services.photo_upload(
        actor=team_leader_a,
        agency=agency_a,
        upload=_jpeg(),
        taken_on=TODAY,
        place="Кабинет 101",
        subject="Стол",
        photographer="Лидеров Л. Л.",
    )
    url = reverse("audits:photo-file", args=[photo.pk, "thumbnail"])
    for user in (team_leader_a, employee_a, auditor):
        response = login(user).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        b"".join(response.streaming_content)
    assert login(team_leader_b).get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_the_internal_page_uploads_a_photo_and_shows_the_matrix(
    login, team_leader_a, agency_a, rooms, today, django_assert_max_num_queries
):
    client = login(team_leader_a)
    url = reverse("audits:internal", args=[agency_a.pk])
    response = client.post(
        url,
        {
            "action": "photo",
            "image": _jpeg(),
            "taken_on": TODAY.isoformat(),
            "place": "Кабинет 101",
            "subject": "Стол",
            "photographer": "Лидеров Л. Л.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        url, {"action": "scores", "conducted_on": TODAY.isoformat(), f"s-{rooms[0].pk}-1": "4"}
    )
    assert response.status_code == 302
    for index in range(8):
        services.internal_audit_room_add(
            actor=team_leader_a, agency=agency_a, name=f"Кабинет {200 + index}"
        )
    with django_assert_max_num_queries(20):
        page = client.get(url)
    assert page.status_code == 200 and 'data-testid="internal-matrix"' in page.content.decode()


def test_the_internal_page_is_read_only_for_employees_and_closed_to_other_agencies(
    login, employee_a, team_leader_b, agency_a, rooms
):
    url = reverse("audits:internal", args=[agency_a.pk])
    page = login(employee_a).get(url)
    assert page.status_code == 200 and 'value="photo"' not in page.content.decode()
    assert login(team_leader_b).get(url).status_code == 403


def test_the_photo_report_is_paged_newest_first(login, team_leader_a, agency_a, today, monkeypatch):
    monkeypatch.setattr("audits.views.PHOTOS_PER_PAGE", 2)
    for day in (1, 2, 3):
        services.photo_upload(
            actor=team_leader_a,
            agency=agency_a,
            upload=_jpeg(),
            taken_on=datetime.date(2026, 1, day),
            place="Кабинет 101",
            subject=f"Снимок {day}",
            photographer="Лидеров Л. Л.",
        )
    client = login(team_leader_a)
    url = reverse("audits:internal", args=[agency_a.pk])
    first, second = (client.get(url, {"page": n}).content.decode() for n in (1, 2))
    # A thumbnail's alt text is its subject (the pairing list below names every photo).
    assert 'alt="Снимок 3"' in first and 'alt="Снимок 2"' in first
    assert 'alt="Снимок 1"' not in first
    assert 'alt="Снимок 1"' in second and 'alt="Снимок 3"' not in second
    assert "Страница 2 из 2" in second
