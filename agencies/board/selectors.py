"""Reads of the information board (§4.9, L561–597): the board page of one agency in a constant
number of queries, the lists of updates and remarks, and the due/overdue state of every board
(L583, L589) for the home panels and the reminders in one query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, QuerySet

from agencies.board import permissions
from agencies.board.choices import REMARKS_SHOWN, UPDATES_SHOWN
from agencies.board.filters import BoardRemarkFilter, BoardUpdateFilter
from agencies.board.models import BoardRemark, BoardUpdate, InformationBoard
from agencies.board.rules import BoardStatus, board_status
from agencies.models import Agency, Person
from agencies.permissions import visible_agencies
from core.board import RenderedSection, sections_for
from core.filters import apply_filters


def board_update_list(*, user, filters=None) -> QuerySet[BoardUpdate]:
    queryset = permissions.scope(BoardUpdate.objects.all(), user).select_related("agency", "person")
    return apply_filters(BoardUpdateFilter, filters, queryset).order_by("-date", "-pk")


def board_remark_list(*, user, filters=None) -> QuerySet[BoardRemark]:
    queryset = permissions.scope(BoardRemark.objects.all(), user).select_related(
        "agency", "author", "proposal"
    )
    return apply_filters(BoardRemarkFilter, filters, queryset).order_by("-created_at", "-pk")


def team_people(agency: Agency) -> QuerySet[Person]:
    """The members (leaders included) of the 5S teams covering the agency (L583: the two
    responsible people are «члены 5S-команды»)."""
    return (
        Person.objects.filter(memberships__team__agencies=agency).distinct().order_by("full_name")
    )


def board_of(agency: Agency) -> InformationBoard | None:
    return (
        InformationBoard.objects.select_related("collector", "designer")
        .filter(agency=agency)
        .first()
    )


@dataclass(frozen=True)
class BoardView:
    """Everything the board page, its poster and `GET /api/v1/agencies/{id}/board/` show."""

    agency: Agency
    board: InformationBoard | None
    status: BoardStatus
    updates: list[BoardUpdate]
    update_count: int
    remarks: list[BoardRemark]
    sections: list[RenderedSection]

    @property
    def last_update(self) -> BoardUpdate | None:
        return self.updates[0] if self.updates else None


def board_view(*, agency: Agency, today: datetime.date) -> BoardView:
    """The board of `agency`: a fixed number of queries (the board, the latest updates with
    their count, the latest remarks, and each registered section's own fixed few)."""
    board = board_of(agency)
    updates_qs = BoardUpdate.objects.filter(agency=agency)
    updates = list(
        updates_qs.select_related("agency", "person").order_by("-date", "-pk")[:UPDATES_SHOWN]
    )
    remarks = list(
        BoardRemark.objects.filter(agency=agency)
        .select_related("agency", "author", "proposal")
        .order_by("-created_at", "-pk")[:REMARKS_SHOWN]
    )
    status = board_status(
        last_update=updates[0].date if updates else None,
        since=board.set_up_on if board else None,
        today=today,
    )
    return BoardView(
        agency=agency,
        board=board,
        status=status,
        updates=updates,
        update_count=updates_qs.count(),
        remarks=remarks,
        sections=sections_for(agency),
    )


@dataclass(frozen=True)
class BoardDue:
    """One set-up board and its state (the home panels and the reminders)."""

    board: InformationBoard
    status: BoardStatus


def board_statuses(
    *,
    today: datetime.date,
    agency_ids: frozenset[int] | None = None,
    collector_id: int | None = None,
) -> list[BoardDue]:
    """Every set-up board (or those of `agency_ids`, or those `collector_id` updates) with its
    state: one query."""
    boards = InformationBoard.objects.select_related(
        "agency", "collector__user", "designer__user"
    ).annotate(last_update=Max("agency__board_updates__date"))
    if agency_ids is not None:
        boards = boards.filter(agency_id__in=sorted(agency_ids))
    if collector_id is not None:
        boards = boards.filter(collector_id=collector_id)
    return [
        BoardDue(
            board=board,
            status=board_status(
                last_update=getattr(board, "last_update", None), since=board.set_up_on, today=today
            ),
        )
        for board in boards.order_by("agency__short_name")
    ]


@dataclass(frozen=True)
class AgencyBoard:
    """One row of the boards' overview: an agency and its board's state (None: not set up)."""

    agency: Agency
    board: InformationBoard | None
    status: BoardStatus


def board_overview(*, user, today: datetime.date) -> list[AgencyBoard]:
    """The boards of every agency the user reads, set up or not: two queries."""
    agencies = list(visible_agencies(user).order_by("short_name"))
    boards = {
        row.board.agency_id: row
        for row in board_statuses(today=today, agency_ids=frozenset(a.pk for a in agencies))
    }
    rows = []
    for agency in agencies:
        row = boards.get(agency.pk)
        status = (
            row.status
            if row is not None
            else board_status(last_update=None, since=None, today=today)
        )
        rows.append(AgencyBoard(agency, row.board if row else None, status))
    return rows
