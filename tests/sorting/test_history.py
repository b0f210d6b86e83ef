"""The change history of red tags (issue 13, item 4): the decision that a list line carries over
to its tag (Appendix 1, note 3) is recorded with who made it, as is the storage zone's release."""

import pytest

from sorting.models import RedTag
from tests.sorting.factories import action, decide, make_round, make_tag

pytestmark = pytest.mark.django_db


def test_a_list_decision_carried_to_the_tag_is_in_the_tags_history(
    team_leader_a, team_member_a, agency_a
):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    assert tag.action == action(0)
    decide(team_leader_a, tag.list_line, decision=action(1))

    tag = RedTag.objects.get(pk=tag.pk)
    assert tag.action == action(1)
    latest = tag.history.order_by("history_date", "history_id").last()
    assert latest.history_type == "~"
    assert latest.action_id == action(1).pk
    assert latest.history_user == team_leader_a
    assert tag.history.filter(action_id=action(0).pk).exists()  # the earlier action is kept
