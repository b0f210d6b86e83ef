"""The step-3 API: scoped like the pages, the rules' refusals as 400 naming the field, the
wrong signer 403, a signed form 409, another agency's record 404."""

import datetime

import pytest

from standards.shine import services
from standards.shine.choices import SignRole
from standards.shine.models import CleaningSchedule, ContaminationType, ScheduleDate

pytestmark = pytest.mark.django_db


def _schedule_body(agency, room, chief, end="2026-03-31"):
    return {
        "agency": agency.pk,
        "room": room.pk,
        "period_start": "2026-01-01",
        "period_end": end,
        "department_head": chief.person.pk,
        "staff": [],
        "rows": [{"work": "Протереть пыль", "frequency": "еженедельно", "dates": ["2026-01-09"]}],
    }


def test_a_schedule_shorter_than_a_quarter_is_a_400_naming_the_rule(
    api_client, team_leader_a, agency_a, room_a, chief_a
):
    client = api_client(team_leader_a)
    answer = client.post(
        "/api/v1/cleaning-schedules/",
        _schedule_body(agency_a, room_a, chief_a, "2026-03-30"),
        format="json",
    )
    assert answer.status_code == 400
    assert "не менее 1 квартала" in str(answer.json()["errors"]["period_end"])
    assert not CleaningSchedule.objects.exists()
    answer = client.post(
        "/api/v1/cleaning-schedules/", _schedule_body(agency_a, room_a, chief_a), format="json"
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["signed"] is False and body["rows"][0]["planned"][0]["planned_on"] == "2026-01-09"


def test_the_schedules_are_scoped_and_filtered(
    api_client, schedule_a, team_leader_b, governor, agency_a
):
    assert _results(api_client(team_leader_b).get("/api/v1/cleaning-schedules/")) == []
    assert (
        api_client(team_leader_b).get(f"/api/v1/cleaning-schedules/{schedule_a.pk}/").status_code
        == 404
    )
    rows = _results(
        api_client(governor).get(f"/api/v1/cleaning-schedules/?agency={agency_a.pk}&on=2026-02-01")
    )
    assert [r["id"] for r in rows] == [schedule_a.pk]
    assert _results(api_client(governor).get("/api/v1/cleaning-schedules/?on=2026-05-01")) == []
    assert api_client(governor).get("/api/v1/cleaning-schedules/?on=nonsense").status_code == 400


def _results(answer):
    body = answer.json()
    return body["results"] if isinstance(body, dict) else body


def test_signing_through_the_api_wrong_person_403_twice_409(
    api_client, schedule_a, chief_a, team_leader_a, cleaner_a, monkeypatch
):
    url = f"/api/v1/cleaning-schedules/{schedule_a.pk}/"
    assert api_client(team_leader_a).post(url + "sign/").status_code == 403
    assert api_client(chief_a).post(url + "sign/").status_code == 200
    assert api_client(chief_a).post(url + "sign/").status_code == 409
    assert (
        api_client(team_leader_a).patch(url, {"department": "x"}, format="json").status_code == 409
    )
    monkeypatch.setattr("core.calendar.today", lambda: datetime.date(2026, 2, 1))
    first = ScheduleDate.objects.filter(row__schedule=schedule_a).first()
    answer = api_client(cleaner_a).post(
        url + "done-dates/", [{"id": first.pk, "done_on": "2026-01-10"}], format="json"
    )
    assert answer.status_code == 200
    first.refresh_from_db()
    assert first.done_on == datetime.date(2026, 1, 10)


def test_plans_through_the_api(
    api_client, plan_a, team_leader_a, head_a, housekeeper_a, inventory_a, governor
):
    url = f"/api/v1/cleaning-plans/{plan_a.pk}/sign/"
    assert api_client(head_a).post(url, {"role": "head"}, format="json").status_code == 409
    for user, role in (
        (team_leader_a, "leader"),
        (housekeeper_a, "housekeeping"),
        (inventory_a, "inventory"),
    ):
        assert api_client(user).post(url, {"role": role}, format="json").status_code == 200
    answer = api_client(head_a).post(url, {"role": "head"}, format="json")
    assert answer.status_code == 200 and answer.json()["approved"] is True
    assert api_client(governor).post(url, {"role": "head"}, format="json").status_code == 403
    assert [
        p["id"] for p in _results(api_client(governor).get("/api/v1/cleaning-plans/?approved=true"))
    ] == [plan_a.pk]
    pdf = api_client(governor).get(f"/api/v1/cleaning-plans/{plan_a.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_plan_with_a_bare_reference_is_a_400_naming_the_cell(
    api_client, team_leader_a, agency_a, room_a, team_a, housekeeper_a, inventory_a
):
    body = {
        "agency": agency_a.pk,
        "rooms": [room_a.pk],
        "leader": team_a.leader.pk,
        "housekeeping": housekeeper_a.person.pk,
        "inventory_officer": inventory_a.person.pk,
        "inventory_phone": "40-00-01",
        "rows": [
            {
                "activity": "Протереть пыль",
                "frequency": "еженедельно",
                "time_from": "08:30",
                "time_to": "08:45",
                "responsible": "Чистова А.А.",
                "safety": "п. 3.2 инструкции",
            }
        ],
    }
    answer = api_client(team_leader_a).post("/api/v1/cleaning-plans/", body, format="json")
    assert answer.status_code == 400 and "0.safety" in answer.json()["errors"]


def test_the_classifier_through_the_api(
    api_client, classifier, team_leader_a, agency_a, team_leader_b
):
    client = api_client(team_leader_a)
    answer = client.post(
        "/api/v1/contamination-types/", {"agency": agency_a.pk, "name": "Пятна"}, format="json"
    )
    assert answer.status_code == 201
    own = answer.json()["id"]
    names = [
        t["name"]
        for t in _results(client.get(f"/api/v1/contamination-types/?agency={agency_a.pk}"))
    ]
    assert names[:4] == ["Пыль", "Грязь", "Неисправность", "Беспорядок"] and "Пятна" in names
    assert "Пятна" not in [
        t["name"] for t in _results(api_client(team_leader_b).get("/api/v1/contamination-types/"))
    ]
    assert client.delete(f"/api/v1/contamination-types/{classifier['Пыль'].pk}/").status_code == 409
    assert client.delete(f"/api/v1/contamination-types/{own}/").status_code == 204
    assert ContaminationType.objects.count() == 4


def test_analyses_and_general_cleanings_through_the_api(
    api_client, analysis_a, team_member_a, head_a, team_leader_a, agency_a, employee_a
):
    row = analysis_a.rows.get()
    url = f"/api/v1/cleaning-analyses/{analysis_a.pk}/"
    assert (
        api_client(employee_a)
        .post(url + "done-dates/", [{"id": row.pk, "done_on": "2026-01-19"}], format="json")
        .status_code
        == 403
    )
    assert (
        api_client(team_member_a)
        .post(url + "done-dates/", [{"id": row.pk, "done_on": "2026-01-19"}], format="json")
        .status_code
        == 200
    )
    assert (
        api_client(team_leader_a)
        .post(url + "sign/", {"role": SignRole.LEADER}, format="json")
        .status_code
        == 200
    )
    assert api_client(employee_a).get(url + "xlsx/").status_code == 200
    body = {
        "agency": agency_a.pk,
        "preparation_start": "2026-03-02T09:00:00+03:00",
        "preparation_end": "2026-03-03T09:01:00+03:00",
        "cleaning_start": "2026-03-03T10:00:00+03:00",
        "cleaning_end": "2026-03-03T18:00:00+03:00",
    }
    answer = api_client(team_leader_a).post("/api/v1/general-cleanings/", body, format="json")
    assert answer.status_code == 400 and "preparation_end" in answer.json()["errors"]
    body["preparation_end"] = "2026-03-03T09:00:00+03:00"
    answer = api_client(team_leader_a).post("/api/v1/general-cleanings/", body, format="json")
    assert answer.status_code == 201
    assert answer.json()["briefing_at"].startswith("2026-03-03T09:45")
    cleaning = answer.json()["id"]
    assert (
        api_client(team_leader_a).post(f"/api/v1/general-cleanings/{cleaning}/agree/").status_code
        == 403
    )
    assert (
        api_client(head_a).post(f"/api/v1/general-cleanings/{cleaning}/agree/").status_code == 200
    )


@pytest.mark.parametrize("size", [1, 5])
def test_the_api_lists_take_the_same_queries_however_many_forms(
    api_client,
    governor,
    team_leader_a,
    agency_a,
    analysis_data,
    schedule_data,
    size,
    django_assert_num_queries,
):
    from agencies.models import Room

    for i in range(size):
        room = Room.objects.create(agency=agency_a, name=f"4{i:02d}")
        schedule_data["room"] = room
        services.schedule_create(actor=team_leader_a, agency=agency_a, data=schedule_data)
        analysis_data["rows"] = [dict(analysis_data["rows"][0], room=room)] * 3
        services.analysis_create(actor=team_leader_a, agency=agency_a, data=analysis_data)
    client = api_client(governor)
    for path, expected in (
        ("/api/v1/cleaning-schedules/", API_SCHEDULE_QUERIES),
        ("/api/v1/cleaning-analyses/", API_ANALYSIS_QUERIES),
    ):
        client.get(path)
        with django_assert_num_queries(expected):
            assert client.get(path).status_code == 200


API_SCHEDULE_QUERIES = 6
API_ANALYSIS_QUERIES = 5
