import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from agencies.models import Agency, FiveSTeam, Person, WorkingGroup
from agencies.services import TeamComposition, team_composition_check
from core.permissions import roles_of

pytestmark = pytest.mark.django_db

DEMO = json.loads((settings.BASE_DIR / "fixtures" / "demo" / "region.json").read_text())


def counts():
    return (
        Agency.objects.count(),
        Person.objects.count(),
        FiveSTeam.objects.count(),
        WorkingGroup.objects.get().members.count(),
    )


def test_demo_region_loads_once_however_often_it_runs():
    call_command("load_demo", quiet=True)
    first = counts()
    call_command("load_demo", quiet=True)
    assert counts() == first
    assert first[0] == len(DEMO["agencies"]) == 30
    assert first[3] == 12


def accounts_people():
    return dict(Person.objects.filter(user__isnull=False).values_list("user__username", "pk"))


def test_a_rerun_keeps_every_account_on_its_own_person():
    call_command("load_demo", quiet=True)
    first = accounts_people()
    call_command("load_demo", quiet=True)
    assert accounts_people() == first
    # The governor's office and the IT department's login speak for their office, not a person.
    without_person = {"governor", "it_dept"}
    assert set(first) == {account["username"] for account in DEMO["accounts"][1:]} - without_person
    group = WorkingGroup.objects.get()
    assert group.head.user.username == "wg_head"
    assert not group.members.filter(user__username__in=["employee", "leader", "member"]).exists()


def test_every_demo_account_signs_in_with_its_role():
    call_command("load_demo", quiet=True)
    for account in DEMO["accounts"]:
        client = Client()
        assert client.login(username=account["username"], password=DEMO["password"])
        response = client.get("/")
        assert response.status_code == 200
        user = response.wsgi_request.user
        assert account["role"] in roles_of(user), account["username"]


def test_demo_teams_keep_the_team_rules():
    call_command("load_demo", quiet=True)
    teams = FiveSTeam.objects.prefetch_related("agencies", "memberships__person").select_related(
        "leader", "storage_keeper"
    )
    for team in teams:
        people = [m.person for m in team.memberships.all()]
        composition = TeamComposition(
            name=team.name,
            agencies=list(team.agencies.all()),
            leader=team.leader,
            members=people,
            period_start=team.period_start,
            storage_keeper=team.storage_keeper,
        )
        errors, _warnings = team_composition_check(composition, team=team)
        assert errors == {}, (team.name, errors)


def test_demo_logins_are_printed(capsys):
    call_command("load_demo")
    output = capsys.readouterr().out
    for account in DEMO["accounts"]:
        assert account["username"] in output
    assert DEMO["password"] in output


def test_the_demo_training_and_proposals_load_once(demo_region):
    from django.core.management import call_command

    from agencies.models import Proposal, TrainingProgramme, TrainingSession

    call_command("load_demo_training")
    call_command("load_demo_training")
    programme = TrainingProgramme.objects.get()
    assert programme.is_approved
    assert TrainingSession.objects.count() == 2
    assert TrainingSession.objects.filter(programme_topic__isnull=True).count() == 1
    assert sorted(Proposal.objects.values_list("state", flat=True)) == ["open", "standardised"]
