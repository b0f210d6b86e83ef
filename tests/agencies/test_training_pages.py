"""Training pages (§9.2): the region's coverage, an agency's training, the programme with its
grid of topics (a formset), approval by the head, recording a session; denied cases by role."""

import datetime

import pytest

from agencies.models import TrainingProgramme, TrainingSession
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _grid(rows, prefix="topics"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def test_the_leader_writes_the_programme_and_the_head_approves_it(login, team_leader_a, agency_a):
    head_user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(agency=agency_a, user=head_user)
    agency_a.save()
    leader = login(team_leader_a)
    url = f"/agencies/{agency_a.pk}/training/programmes/new/"
    assert leader.get(url).status_code == 200
    bad = leader.post(
        url,
        {
            "year": "2026",
            **_grid(
                [
                    {
                        "title": "Применение 5S-стандартов",
                        "target_group": "everyone",
                        "planned_on": "2026-03-01",
                    },
                    {"title": "Развёртывание", "target_group": "team", "planned_on": "2027-03-01"},
                    {"title": "", "target_group": "everyone", "planned_on": ""},
                ]
            ),
        },
    )
    assert bad.status_code == 200
    assert "в 2026 году" in bad.content.decode()
    assert not TrainingProgramme.objects.exists()
    response = leader.post(
        url,
        {
            "year": "2026",
            **_grid(
                [
                    {
                        "title": "Применение 5S-стандартов",
                        "target_group": "everyone",
                        "planned_on": "2026-03-01",
                    },
                    {"title": "", "target_group": "everyone", "planned_on": ""},
                ]
            ),
        },
    )
    assert response.status_code == 302
    programme = TrainingProgramme.objects.get()
    assert programme.topics.count() == 1
    # The leader may not approve; the head may.
    assert leader.post(programme.get_absolute_url(), {"approve": "1"}).status_code == 403
    approved = login(head_user).post(
        programme.get_absolute_url(), {"approve": "1", "approved_on": "2026-02-01"}
    )
    assert approved.status_code == 302
    programme.refresh_from_db()
    assert programme.is_approved
    assert programme.approved_on == datetime.date(2026, 2, 1)


def test_recording_a_session_on_the_page_warns_about_the_length(login, team_leader_a, agency_a):
    people = PersonFactory.create_batch(2, agency=agency_a)
    response = login(team_leader_a).post(
        f"/agencies/{agency_a.pk}/training/sessions/new/",
        {
            "date": "2026-03-02",
            "topic": "Применение 5S-стандартов",
            "target_group": "everyone",
            "trainer": "Иванова",
            "duration_hours": "2",
            "attendees": [person.pk for person in people],
        },
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "вне программы" in text
    assert "1–1,5" in text
    assert TrainingSession.objects.count() == 1


def test_an_eighth_attendee_is_refused_on_the_page(login, team_leader_a, agency_a):
    people = PersonFactory.create_batch(8, agency=agency_a)
    response = login(team_leader_a).post(
        f"/agencies/{agency_a.pk}/training/sessions/new/",
        {
            "date": "2026-03-02",
            "topic": "Тема",
            "target_group": "everyone",
            "duration_hours": "1",
            "attendees": [person.pk for person in people],
        },
    )
    assert response.status_code == 200
    assert "5 - 7 человек" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_pages_by_role(login, employee_a, governor, team_leader_b, no_role, agency_a):
    assert login(governor).get("/agencies/training/").status_code == 200
    assert login(governor).get(f"/agencies/{agency_a.pk}/training/").status_code == 200
    new_session = f"/agencies/{agency_a.pk}/training/sessions/new/"
    assert login(governor).get(new_session).status_code == 403
    assert login(employee_a).get(f"/agencies/{agency_a.pk}/training/").status_code == 200
    assert login(employee_a).get(new_session).status_code == 403
    assert (
        login(employee_a).get(f"/agencies/{agency_a.pk}/training/programmes/new/").status_code
        == 403
    )
    assert login(team_leader_b).get(f"/agencies/{agency_a.pk}/training/").status_code == 404
    assert login(no_role).get("/agencies/training/").status_code == 403


def test_the_agency_page_is_a_constant_number_of_queries(login, administrator, agency_a):
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from agencies.training import services

    client = login(administrator)
    url = f"/agencies/{agency_a.pk}/training/"
    client.get(url)
    counts = []
    for round_ in range(3):
        services.session_record(
            actor=administrator,
            data=services.SessionInput(
                agency=agency_a,
                date=datetime.date(2026, 3, 2),
                topic=f"Тема {round_}",
                duration_hours=Decimal("1"),
                attendees=PersonFactory.create_batch(3, agency=agency_a),
            ),
        )
        client.get(url)  # who the user is, read again after the growth forgot it (core.identity)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
            assert client.get("/agencies/training/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]
