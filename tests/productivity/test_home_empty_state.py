"""Issue 17, item 12: «Все исследования завершены» only when some study exists."""

import pytest
from django.urls import reverse

from tests.productivity.factories import WorkplaceFactory, complete_study

pytestmark = pytest.mark.django_db


def test_no_studies_is_not_all_finished(login, team_leader_a):
    page = login(team_leader_a).get(reverse("home")).content.decode()
    assert "Все исследования завершены." not in page
    assert "Исследований пока нет." in page


def test_finished_studies_are_all_finished(login, team_leader_a, agency_a):
    complete_study(team_leader_a, WorkplaceFactory(agency=agency_a, name="Участок"))
    page = login(team_leader_a).get(reverse("home")).content.decode()
    assert "Все исследования завершены." in page
