import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from agencies.board import services
from core import calendar

TODAY = datetime.date(2026, 11, 16)


def jpeg(name="board.jpg", color="blue"):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), color).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def on(monkeypatch):
    """on(day): freeze the portal's calendar day."""

    def freeze(day):
        monkeypatch.setattr(calendar, "today", lambda: day)

    freeze(TODAY)
    return freeze


@pytest.fixture
def member_person(team_member_a):
    return team_member_a.person


@pytest.fixture
def leader_person(team_leader_a):
    return team_leader_a.person


@pytest.fixture
def board(on, team_leader_a, agency_a, member_person, leader_person):
    """Agency A's board, set up on TODAY: the member updates it, the leader keeps it visual."""
    return services.board_save(
        actor=team_leader_a,
        agency=agency_a,
        goal="Сделать рабочие места удобными",
        place="Холл 1 этажа",
        size="1,5 × 1 м",
        collector=member_person,
        designer=leader_person,
    )


def record_update(actor, agency, day, person=None, note="Новые фото"):
    return services.board_update_record(
        actor=actor, agency=agency, date=day, person=person, note=note, photo=jpeg()
    )
