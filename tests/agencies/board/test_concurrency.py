"""Two members set the board up at the same moment (§4.9, L583), on PostgreSQL: one board, no
server error."""

import pytest
from django.db import connection

from agencies.board import services
from agencies.board.models import InformationBoard
from tests.concurrency import in_parallel


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_saves_make_one_board(team_leader_a, team_member_a, agency_a, team_a):
    assert connection.vendor == "postgresql"
    member = team_member_a.person
    leader = team_a.leader

    def work(index):
        services.board_save(
            actor=team_leader_a if index % 2 else team_member_a,
            agency=agency_a,
            goal=f"Миссия {index}",
            collector=member,
            designer=leader,
        )

    in_parallel(work, count=6)
    assert InformationBoard.objects.filter(agency=agency_a).count() == 1
