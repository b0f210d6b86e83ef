"""The board's rhythm at its exact day boundaries: due 14 days after an update (L583: «не реже
1 раза в 2 недели»), overdue the day after one calendar month (L589; criterion 2.6, L1903:
«прошло не более 1 месяца» / L1917 «более 1 месяца»)."""

import datetime

import pytest

from agencies.board.choices import BoardState
from agencies.board.rules import board_status

UPDATED = datetime.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (UPDATED, BoardState.FRESH),
        (datetime.date(2026, 11, 15), BoardState.FRESH),  # 13 days: still within two weeks
        (datetime.date(2026, 11, 16), BoardState.DUE),  # 14 days: the next update is due
        (datetime.date(2026, 12, 2), BoardState.DUE),  # exactly one month: «не более 1 месяца»
        (datetime.date(2026, 12, 3), BoardState.OVERDUE),  # «более 1 месяца»
    ],
)
def test_state_at_the_day_boundaries(today, state):
    status = board_status(last_update=UPDATED, since=datetime.date(2026, 10, 1), today=today)
    assert status.state == state
    assert status.due_on == datetime.date(2026, 11, 16)
    assert status.overdue_after == datetime.date(2026, 12, 2)


def test_a_month_from_the_31st_ends_on_the_last_day_of_a_shorter_month():
    status = board_status(
        last_update=datetime.date(2027, 1, 31), since=None, today=datetime.date(2027, 2, 28)
    )
    assert status.overdue_after == datetime.date(2027, 2, 28)
    assert status.state == BoardState.DUE
    later = board_status(
        last_update=datetime.date(2027, 1, 31), since=None, today=datetime.date(2027, 3, 1)
    )
    assert later.state == BoardState.OVERDUE


def test_before_the_first_update_the_count_starts_when_the_board_was_set_up():
    since = datetime.date(2026, 11, 1)
    assert board_status(last_update=None, since=since, today=datetime.date(2026, 11, 14)).state == (
        BoardState.FRESH
    )
    assert board_status(last_update=None, since=since, today=datetime.date(2026, 11, 15)).state == (
        BoardState.DUE
    )
    assert board_status(last_update=None, since=since, today=datetime.date(2026, 12, 2)).state == (
        BoardState.OVERDUE
    )


def test_a_board_never_set_up_is_due_at_once():
    today = datetime.date(2026, 11, 16)
    status = board_status(last_update=None, since=None, today=today)
    assert status.state == BoardState.DUE and status.due_on == today
    assert status.overdue_after is None


def test_the_latest_update_counts_not_the_set_up_day():
    status = board_status(
        last_update=datetime.date(2026, 11, 10),
        since=datetime.date(2026, 1, 1),
        today=datetime.date(2026, 11, 16),
    )
    assert status.state == BoardState.FRESH
