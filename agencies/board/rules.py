"""Pure rules of the information board (§4.9, seed 003 L583, L589; criterion 2.6, L1903–1917).
No database.

- L583: one of the two responsible members updates the board «не реже 1 раза в 2 недели»: the
  next update is due UPDATE_EVERY_DAYS (14) days after the latest one; from that day on the
  board is «пора обновить» (due), its responsible member is reminded and sees it at home.
- L589 «обновлять информацию не реже одного раза в месяц» and criterion 2.6 (L1903: «прошло не
  более 1 месяца» scores 5, L1917: «более 1 месяца» scores 1): up to and including the day one
  calendar month after the latest update the board is at most due; from the next day it is
  overdue.
- Before the first update the count starts from the day the board was set up (its responsible
  members named); a board never set up is due at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from agencies.board.choices import OVERDUE_AFTER_MONTHS, UPDATE_EVERY_DAYS, BoardState
from core.periods import add_months


@dataclass(frozen=True)
class BoardStatus:
    last_update: datetime.date | None
    since: datetime.date | None
    due_on: datetime.date
    overdue_after: datetime.date | None
    state: str

    @property
    def is_due(self) -> bool:
        return self.state in (BoardState.DUE, BoardState.OVERDUE)

    @property
    def is_overdue(self) -> bool:
        return self.state == BoardState.OVERDUE

    @property
    def label(self) -> str:
        return str(BoardState(self.state).label)


def next_due(base: datetime.date) -> datetime.date:
    """L583: the update after `base` is due 14 days later."""
    return base + datetime.timedelta(days=UPDATE_EVERY_DAYS)


def overdue_after(base: datetime.date) -> datetime.date:
    """L589, criterion 2.6: the last day that is still «не более 1 месяца» after `base`."""
    return add_months(base, OVERDUE_AFTER_MONTHS)


def board_status(
    *, last_update: datetime.date | None, since: datetime.date | None, today: datetime.date
) -> BoardStatus:
    """The board's state on `today` from its latest update (or, before one, its set-up day)."""
    base = last_update or since
    if base is None:
        return BoardStatus(None, None, today, None, BoardState.DUE)
    due_on = next_due(base)
    limit = overdue_after(base)
    if today < due_on:
        state = BoardState.FRESH
    elif today <= limit:
        state = BoardState.DUE
    else:
        state = BoardState.OVERDUE
    return BoardStatus(last_update, since, due_on, limit, state)
