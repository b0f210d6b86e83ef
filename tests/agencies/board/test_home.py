"""The responsible member's home panel (L583): «обновить стенд» due after two weeks, overdue
after a month (L589, criterion 2.6); nothing while the board is fresh, nothing for others."""

import datetime

import pytest

from agencies.board import home
from tests.agencies.board.conftest import TODAY, record_update

pytestmark = pytest.mark.django_db


def _items(user):
    return [item for panel in home.panels(user) for item in panel.items]


def test_the_member_who_updates_sees_the_update_due_then_overdue(
    board, on, team_member_a, team_leader_a, employee_a, agency_a
):
    record_update(team_member_a, agency_a, TODAY)
    on(TODAY + datetime.timedelta(days=13))
    assert _items(team_member_a) == []
    on(TODAY + datetime.timedelta(days=14))
    (item,) = _items(team_member_a)
    assert "обновить стенд" in item["text"] and not item["overdue"]
    assert item["due"] == TODAY + datetime.timedelta(days=14)
    on(datetime.date(2026, 12, 17))
    (item,) = _items(team_member_a)
    assert item["overdue"]
    assert _items(team_leader_a) == [] and _items(employee_a) == []


def test_the_home_page_shows_the_panel(login, board, on, team_member_a):
    on(TODAY + datetime.timedelta(days=20))
    assert "обновить стенд" in login(team_member_a).get("/").content.decode()
