import pytest

from sorting.services import classifier_load
from tests.sorting.factories import make_keeper


@pytest.fixture(autouse=True)
def classifier(db):
    """The classifier and control sheet, loaded through the same service as the command."""
    return classifier_load()


@pytest.fixture
def keeper_a(team_a):
    """The employee responsible for agency A's storage zone (FiveSTeam.storage_keeper)."""
    return make_keeper(team_a)


@pytest.fixture
def member_b(team_b):
    from core.roles import Role
    from tests.agencies.factories import PersonFactory, UserFactory

    user = UserFactory(username="member_b", roles=[Role.TEAM_MEMBER])
    person = PersonFactory(agency=team_b.agencies.get(), user=user, full_name="Членов Б")
    team_b.memberships.create(person=person)
    return user
