"""Training (§9.2, seed 003 L1377–1385): sessions of at most 7 people, a length outside
1–1.5 h warned about, the programme approved by the head, coverage against 100 % (L1355), and
a person's training record feeding the 5S-team rules (L381, L413)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from agencies.models import TrainingAttendance, TrainingProgramme, TrainingSession
from agencies.services import TeamComposition, team_composition_check
from agencies.training import rules, selectors, services
from agencies.training.choices import TargetGroup
from core.exceptions import ApplicationError, ConflictError
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def _session(agency, people, **kwargs):
    return {
        "agency": agency.pk,
        "date": kwargs.pop("date", DAY.isoformat()),
        "topic": kwargs.pop("topic", "Применение 5S-стандартов"),
        "duration_hours": kwargs.pop("duration_hours", "1.5"),
        "attendees": [person.pk for person in people],
        **kwargs,
    }


# --- rules ------------------------------------------------------------------------------


def test_seven_attendees_are_within_the_limit_and_eight_are_not():
    assert not rules.attendees_over_limit(7)
    assert rules.attendees_over_limit(8)


@pytest.mark.parametrize(
    ("hours", "outside"),
    [("0.99", True), ("1", False), ("1.5", False), ("1.51", True), ("2", True)],
)
def test_the_recommended_length_is_one_to_one_and_a_half_hours(hours, outside):
    assert rules.duration_outside_recommendation(Decimal(hours)) is outside


def test_the_share_is_rounded_half_up_to_one_decimal():
    assert rules.coverage_share(1, 3) == Decimal("33.3")
    assert rules.coverage_share(2, 3) == Decimal("66.7")
    assert rules.coverage_share(1, 8) == Decimal("12.5")
    assert rules.coverage_share(1, 16) == Decimal("6.3")  # 6.25 half up
    assert rules.coverage_share(0, 0) == Decimal("0.0")
    assert rules.coverage_share(5, 5) == Decimal("100.0")


def test_trained_since_is_the_earlier_of_the_course_and_the_first_session():
    course, session = datetime.date(2026, 2, 1), datetime.date(2026, 1, 15)
    assert rules.trained_since(course, session) == session
    assert rules.trained_since(None, session) == session
    assert rules.trained_since(course, None) == course
    assert rules.trained_since(None, None) is None


# --- sessions through the API ------------------------------------------------------------


def test_a_session_of_seven_is_recorded_outside_a_programme(api_client, team_leader_a, agency_a):
    people = PersonFactory.create_batch(7, agency=agency_a)
    response = api_client(team_leader_a).post(
        "/api/v1/training-sessions/", _session(agency_a, people), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["in_programme"] is False
    assert body["duration_hours"] == "1.50"
    assert sorted(body["attendees"]) == sorted(person.pk for person in people)
    assert body["warnings"] == []


def test_an_eighth_attendee_is_refused_citing_the_rule(api_client, team_leader_a, agency_a):
    people = PersonFactory.create_batch(8, agency=agency_a)
    response = api_client(team_leader_a).post(
        "/api/v1/training-sessions/", _session(agency_a, people), format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert "5 - 7 человек" in body["errors"]["attendees"][0]
    assert "9.2" in body["errors"]["attendees"][0]
    assert not TrainingSession.objects.exists()


def test_a_length_outside_the_recommendation_is_recorded_with_a_warning(
    api_client, team_leader_a, agency_a
):
    people = PersonFactory.create_batch(2, agency=agency_a)
    response = api_client(team_leader_a).post(
        "/api/v1/training-sessions/",
        _session(agency_a, people, duration_hours="2"),
        format="json",
    )
    assert response.status_code == 201
    assert "1–1,5" in response.json()["warnings"][0]


def test_a_future_session_or_another_agencys_people_are_refused(
    api_client, team_leader_a, agency_a, agency_b
):
    client = api_client(team_leader_a)
    future = _session(agency_a, [PersonFactory(agency=agency_a)], date="2099-01-01")
    assert client.post("/api/v1/training-sessions/", future, format="json").status_code == 400
    stranger = PersonFactory(agency=agency_b, full_name="Чужой Пётр")
    response = client.post(
        "/api/v1/training-sessions/", _session(agency_a, [stranger]), format="json"
    )
    # A person the leader may not see is not a valid choice at all.
    assert response.status_code == 400
    assert not TrainingSession.objects.exists()


def test_an_employee_cannot_record_a_session(api_client, employee_a, agency_a):
    response = api_client(employee_a).post(
        "/api/v1/training-sessions/",
        _session(agency_a, [PersonFactory(agency=agency_a)]),
        format="json",
    )
    assert response.status_code == 403
    assert not TrainingSession.objects.exists()


def test_the_governor_office_reads_but_cannot_record(api_client, governor, agency_a):
    client = api_client(governor)
    assert client.get("/api/v1/training-sessions/").status_code == 200
    response = client.post(
        "/api/v1/training-sessions/",
        _session(agency_a, [PersonFactory(agency=agency_a)]),
        format="json",
    )
    assert response.status_code == 403


def test_the_service_refuses_a_user_without_the_right_and_saves_nothing(team_leader_b, agency_a):
    data = services.SessionInput(
        agency=agency_a,
        date=DAY,
        topic="Тема",
        duration_hours=Decimal("1"),
        attendees=[PersonFactory(agency=agency_a)],
    )
    with pytest.raises(PermissionDenied):
        services.session_record(actor=team_leader_b, data=data)
    assert not TrainingSession.objects.exists()


# --- the programme ------------------------------------------------------------------------


def _programme(client, agency, **kwargs):
    return client.post(
        "/api/v1/training-programmes/",
        {
            "agency": agency.pk,
            "year": 2026,
            "topics": [
                {
                    "title": "Применение 5S-стандартов",
                    "target_group": "everyone",
                    "planned_on": "2026-03-01",
                },
                {
                    "title": "Развёртывание системы 5S",
                    "target_group": "team",
                    "planned_on": "2026-04-01",
                },
            ],
            **kwargs,
        },
        format="json",
    )


@pytest.fixture
def head_a(agency_a):
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    head = PersonFactory(agency=agency_a, user=user, full_name="Главный Игорь")
    agency_a.head = head
    agency_a.save()
    return user


def test_the_head_approves_the_programme_and_sessions_on_its_topics_join_it(
    api_client, team_leader_a, head_a, agency_a
):
    leader = api_client(team_leader_a)
    early = leader.post(
        "/api/v1/training-sessions/",
        _session(agency_a, [PersonFactory(agency=agency_a)], topic="применение  5S-стандартов"),
        format="json",
    ).json()
    assert early["in_programme"] is False
    response = _programme(leader, agency_a)
    assert response.status_code == 201, response.json()
    programme_id = response.json()["id"]
    # The leader writes it; only the head approves it.
    assert leader.post(f"/api/v1/training-programmes/{programme_id}/approve/").status_code == 403
    approved = api_client(head_a).post(
        f"/api/v1/training-programmes/{programme_id}/approve/", {"approved_on": "2026-02-20"}
    )
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert approved.json()["approved_on"] == "2026-02-20"
    assert TrainingSession.objects.get(pk=early["id"]).in_programme
    later = leader.post(
        "/api/v1/training-sessions/",
        _session(agency_a, [PersonFactory(agency=agency_a)], topic="Развёртывание системы 5S"),
        format="json",
    ).json()
    assert later["in_programme"] is True
    assert later["target_group"] == "team"
    # An approved programme no longer changes, nor is approved twice.
    assert (
        leader.patch(
            f"/api/v1/training-programmes/{programme_id}/", {"topics": []}, format="json"
        ).status_code
        == 409
    )
    again = api_client(head_a).post(f"/api/v1/training-programmes/{programme_id}/approve/")
    assert again.status_code == 409


def test_a_second_programme_for_the_year_is_refused(api_client, team_leader_a, agency_a):
    client = api_client(team_leader_a)
    assert _programme(client, agency_a).status_code == 201
    response = _programme(client, agency_a)
    assert response.status_code == 400
    assert "year" in response.json()["errors"]
    assert TrainingProgramme.objects.count() == 1


def test_a_topic_dated_outside_the_year_is_named_by_its_row(api_client, team_leader_a, agency_a):
    response = api_client(team_leader_a).post(
        "/api/v1/training-programmes/",
        {
            "agency": agency_a.pk,
            "year": 2026,
            "topics": [
                {"title": "А", "target_group": "everyone", "planned_on": "2026-03-01"},
                {"title": "Б", "target_group": "everyone", "planned_on": "2027-01-10"},
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "topics[1].planned_on" in response.json()["errors"]
    assert not TrainingProgramme.objects.exists()


# --- coverage and the team rules -------------------------------------------------------


def test_coverage_counts_people_trained_by_group(api_client, team_leader_a, agency_a, auditor):
    # team_a: 6 people of agency A on the team, all with a course date; 4 more employees.
    untrained = PersonFactory.create_batch(4, agency=agency_a, trained_on=None)
    services.session_record(
        actor=team_leader_a,
        data=services.SessionInput(
            agency=agency_a,
            date=DAY,
            topic="Применение 5S-стандартов",
            duration_hours=Decimal("1"),
            attendees=untrained[:1],
        ),
    )
    body = api_client(auditor).get(f"/api/v1/training-coverage/?agency={agency_a.pk}").json()
    assert body["agency"] == agency_a.pk
    assert body["employees"] == 10
    assert body["trained"] == 7
    assert body["share"] == "70.0"
    assert body["by_group"]["everyone"] == {"employees": 10, "trained": 7, "share": "70.0"}
    assert body["by_group"]["team"] == {"employees": 6, "trained": 6, "share": "100.0"}


def test_coverage_of_an_agency_the_user_may_not_see_is_404(api_client, team_leader_b, agency_a):
    client = api_client(team_leader_b)
    assert client.get(f"/api/v1/training-coverage/?agency={agency_a.pk}").status_code == 404
    assert client.get("/api/v1/training-coverage/?agency=x").status_code == 400


def test_the_region_coverage_is_two_queries_however_many_sessions(
    api_client, administrator, agency_a, agency_b, team_leader_a, django_assert_num_queries
):
    client = api_client(administrator)
    client.get("/api/v1/training-coverage/")  # warm the user's roles
    for round_ in range(3):
        people = PersonFactory.create_batch(3, agency=agency_a, trained_on=None)
        services.session_record(
            actor=administrator,
            data=services.SessionInput(
                agency=agency_a,
                date=DAY - datetime.timedelta(days=round_),
                topic=f"Тема {round_}",
                duration_hours=Decimal("1"),
                attendees=people,
            ),
        )
        with django_assert_num_queries(2):  # the agencies, the counts
            body = client.get("/api/v1/training-coverage/").json()
        assert {row["agency"] for row in body["agencies"]} >= {agency_a.pk, agency_b.pk}
    assert "Ленинградской" in body["benchmark"]["label"]


def test_the_sessions_list_is_a_constant_number_of_queries(
    api_client, administrator, agency_a, django_assert_max_num_queries
):
    client = api_client(administrator)
    client.get("/api/v1/training-sessions/")
    counts = []
    for round_ in range(3):
        services.session_record(
            actor=administrator,
            data=services.SessionInput(
                agency=agency_a,
                date=DAY,
                topic=f"Тема {round_}",
                duration_hours=Decimal("1"),
                attendees=PersonFactory.create_batch(3, agency=agency_a),
            ),
        )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/training-sessions/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]


def test_a_session_attended_makes_a_person_trained_for_the_team_rules(
    administrator, team_leader_a, agency_a
):
    newcomer = PersonFactory(agency=agency_a, trained_on=None, full_name="Новиков Иван")
    leader = PersonFactory(agency=agency_a)
    others = PersonFactory.create_batch(4, agency=agency_a)
    composition = TeamComposition(
        name="5S-команда",
        agencies=[agency_a],
        leader=leader,
        members=[*others, newcomer],
        period_start=DAY,
    )
    errors, _warnings = team_composition_check(composition)
    assert "Новиков Иван" in errors["members"]
    services.session_record(
        actor=administrator,
        data=services.SessionInput(
            agency=agency_a,
            date=DAY,
            topic="Развёртывание системы 5S",
            duration_hours=Decimal("1"),
            attendees=[newcomer],
            target_group=TargetGroup.TEAM,
        ),
    )
    errors, _warnings = team_composition_check(composition)
    assert "Новиков Иван" not in errors.get("members", "")
    assert selectors.is_trained(newcomer)
    assert TrainingAttendance.objects.filter(person=newcomer).count() == 1


def test_an_untrained_leader_becomes_acceptable_after_a_session(administrator, agency_a):
    leader = PersonFactory(agency=agency_a, trained_on=None)
    composition = TeamComposition(
        name="5S-команда",
        agencies=[agency_a],
        leader=leader,
        members=PersonFactory.create_batch(4, agency=agency_a),
        period_start=DAY,
    )
    assert "leader" in team_composition_check(composition)[0]
    services.session_record(
        actor=administrator,
        data=services.SessionInput(
            agency=agency_a,
            date=DAY,
            topic="Тема",
            duration_hours=Decimal("1"),
            attendees=[leader],
        ),
    )
    assert "leader" not in team_composition_check(composition)[0]


def test_an_approved_programme_refuses_a_second_approval_in_the_service(administrator, agency_a):
    programme = services.programme_create(
        actor=administrator,
        agency=agency_a,
        year=2026,
        topics=[services.TopicRow("Тема", "everyone", datetime.date(2026, 5, 1))],
    )
    services.programme_approve(actor=administrator, programme=programme)
    with pytest.raises(ConflictError):
        services.programme_approve(actor=administrator, programme=programme)
    with pytest.raises(ApplicationError):
        services.programme_create(actor=administrator, agency=agency_a, year=2026)


def test_the_people_filter_and_the_agency_page_count_a_session_as_training(
    api_client, login, administrator, agency_a
):
    newcomer = PersonFactory(agency=agency_a, trained_on=None, full_name="Новиков Иван")
    client = api_client(administrator)
    untrained = client.get(f"/api/v1/people/?agency={agency_a.pk}&trained=false").json()
    assert [row["id"] for row in untrained["results"]] == [newcomer.pk]
    services.session_record(
        actor=administrator,
        data=services.SessionInput(
            agency=agency_a,
            date=DAY,
            topic="Тема",
            duration_hours=Decimal("1"),
            attendees=[newcomer],
        ),
    )
    untrained = client.get(f"/api/v1/people/?agency={agency_a.pk}&trained=false").json()
    assert untrained["results"] == []
    page = login(administrator).get(f"/agencies/{agency_a.pk}/").content.decode()
    assert "02.03.2026" in page


def test_a_scheduled_topic_without_a_session_reminds_the_leader_once(
    administrator, team_leader_a, agency_a
):
    from core.models import Notice

    programme = services.programme_create(
        actor=administrator,
        agency=agency_a,
        year=2026,
        topics=[
            services.TopicRow("Применение 5S-стандартов", "everyone", datetime.date(2026, 3, 5)),
            services.TopicRow("Позже", "everyone", datetime.date(2026, 9, 1)),
        ],
    )
    services.programme_approve(actor=administrator, programme=programme)
    today = datetime.date(2026, 3, 2)
    assert services.training_reminders_send(today=today) == 1
    assert services.training_reminders_send(today=today) == 0
    notice = Notice.objects.get(kind="agencies.training_topic_due")
    assert notice.user == team_leader_a
    # Once a session is held on the topic, nothing more is due.
    services.session_record(
        actor=administrator,
        data=services.SessionInput(
            agency=agency_a,
            date=today,
            topic="Применение 5S-стандартов",
            duration_hours=Decimal("1"),
            attendees=[PersonFactory(agency=agency_a)],
        ),
    )
    assert services.training_reminders_send(today=datetime.date(2026, 3, 10)) == 0


def test_the_home_page_shows_the_head_a_programme_to_approve(login, administrator, agency_a):
    head_user = UserFactory(username="head_home", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(agency=agency_a, user=head_user)
    agency_a.save()
    services.programme_create(
        actor=administrator,
        agency=agency_a,
        year=2026,
        topics=[services.TopicRow("Тема", "everyone", datetime.date(2026, 5, 1))],
    )
    page = login(head_user).get("/").content.decode()
    assert "Утвердить программу обучения на 2026 год" in page
