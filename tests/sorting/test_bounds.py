"""Plausible bounds of what sorting accepts (issue 10 item 8), the same in the services, the
forms (and the browser's own checks) and the API schema: dates of what happened from the
order of 23.08.2011 to today, planned dates at most two years ahead, quantities from 1 to
100 000, free text at most 2 000 characters."""

import datetime

import pytest
from django.urls import reverse

from core import calendar
from core.exceptions import ApplicationError
from core.validators import plan_horizon
from sorting import services
from sorting.models import RedTag, SortingListLine, SortingRound, StorageCheck
from tests.sorting.factories import action, decide, make_round, make_tag, reason

ANCIENT = datetime.date(1, 1, 1)
FAR = datetime.date(9999, 12, 31)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("marked_on", ANCIENT, "23.08.2011"),
        ("marked_on", datetime.date(2011, 8, 22), "23.08.2011"),
        ("move_deadline", FAR, "через 2 года"),
        ("comments", "x" * 1_000_000, "2000"),
        ("quantity", 100_001, "100000"),
        ("quantity", 0, "не меньше 1"),
    ],
)
def test_implausible_tag_is_refused_and_takes_no_number(
    team_member_a, agency_a, field, value, message
):
    with pytest.raises(ApplicationError) as error:
        make_tag(team_member_a, agency_a, **{field: value})
    assert message in str(error.value.details[field])
    assert not RedTag.objects.exists()
    assert make_tag(team_member_a, agency_a).number == 1


def test_the_edges_are_accepted(team_member_a, agency_a):
    tag = make_tag(
        team_member_a,
        agency_a,
        marked_on=datetime.date(2011, 8, 23),
        comments="x" * 2000,
        quantity=100_000,
        move_deadline=plan_horizon(),
    )
    assert tag.number == 1


def test_a_correction_is_bounded_too(team_member_a, agency_a):
    tag = make_tag(team_member_a, agency_a)
    with pytest.raises(ApplicationError) as error:
        services.redtag_update(actor=team_member_a, tag=tag, data={"marked_on": ANCIENT})
    assert "marked_on" in error.value.details
    tag.refresh_from_db()
    assert tag.marked_on == calendar.today()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_from", FAR),
        ("date_from", ANCIENT),
        ("date_to", FAR),
        ("rooms", "1" * 2001),
    ],
)
def test_implausible_round_is_refused(team_leader_a, agency_a, field, value):
    with pytest.raises(ApplicationError) as error:
        make_round(team_leader_a, agency_a, **{field: value})
    assert field in error.value.details
    assert not SortingRound.objects.exists()


def test_decision_deadline_in_9999_is_refused(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    with pytest.raises(ApplicationError) as error:
        decide(team_leader_a, tag.list_line, execute_by=FAR)
    assert "через 2 года" in str(error.value.details["execute_by"])
    assert SortingListLine.objects.get().decision is None


def test_decision_carried_out_in_year_one_is_refused(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    line = decide(team_leader_a, tag.list_line)
    with pytest.raises(ApplicationError) as error:
        services.line_mark_carried_out(actor=team_leader_a, line=line, carried_out_on=ANCIENT)
    assert "23.08.2011" in str(error.value.details["carried_out_on"])
    line.refresh_from_db()
    assert line.carried_out_on is None


def test_a_check_dated_before_the_programme_is_refused(keeper_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        services.storage_check_record(
            actor=keeper_a, agency=agency_a, checked_on=datetime.date(2000, 1, 1), entries=[]
        )
    assert "23.08.2011" in str(error.value.details["checked_on"])
    assert not StorageCheck.objects.exists()


def test_a_long_check_note_is_refused(keeper_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        services.storage_check_record(
            actor=keeper_a,
            agency=agency_a,
            checked_on=calendar.today(),
            entries=[],
            note="x" * 2001,
        )
    assert "note" in error.value.details
    assert not StorageCheck.objects.exists()


# --- API ------------------------------------------------------------------------------------


def _payload(agency, **overrides):
    data = {
        "agency": agency.pk,
        "room": "410",
        "item_name": "Факс Panasonic",
        "quantity": 1,
        "reason": reason(1).pk,
        "action": action(3).pk,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("marked_on", "0001-01-01"),
        ("move_deadline", "9999-12-31"),
        ("comments", "x" * 1_000_000),
        ("quantity", 10**12),
        ("quantity", 0),
        ("room", "1" * 101),  # a room's name (agencies.Room), at most 100 characters
    ],
)
def test_api_refuses_an_implausible_tag_with_400_naming_the_field(
    api_client, team_member_a, agency_a, field, value
):
    response = api_client(team_member_a).post(
        "/api/v1/red-tags/", _payload(agency_a, **{field: value}), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not RedTag.objects.exists()


def test_api_refuses_a_round_in_9999(api_client, team_leader_a, agency_a):
    response = api_client(team_leader_a).post(
        "/api/v1/sorting-rounds/",
        {"agency": agency_a.pk, "date_from": "9999-12-31", "rooms": "1"},
        format="json",
    )
    assert response.status_code == 400 and "date_from" in response.json()
    assert not SortingRound.objects.exists()


def test_api_refuses_an_approval_dated_in_year_one(api_client, team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    response = api_client(team_leader_a).post(
        f"/api/v1/sorting-lists/{tag.list_line.sorting_list_id}/approvals/",
        {"role": "chief_accountant", "full_name": "Б", "position": "Б", "agreed_on": "0001-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "agreed_on" in response.json()


def test_the_schema_states_the_bounds(api_client, administrator):
    schema = api_client(administrator).get("/api/schema/", {"format": "json"}).json()
    tag = schema["components"]["schemas"]["RedTagRequest"]["properties"]
    assert tag["comments"]["maxLength"] == 2000
    assert (tag["quantity"]["minimum"], tag["quantity"]["maximum"]) == (1, 100_000)
    assert tag["room"]["maxLength"] == 100
    round_ = schema["components"]["schemas"]["SortingRoundRequest"]["properties"]
    assert round_["rooms"]["maxLength"] == 2000
    check = schema["components"]["schemas"]["StorageCheckRequest"]["properties"]
    assert check["note"]["maxLength"] == 2000
    assert check["entries"]["maxItems"] == 1000


# --- Pages ----------------------------------------------------------------------------------


def test_the_tag_form_states_the_bounds_to_the_browser(login, team_member_a):
    page = login(team_member_a).get(reverse("sorting:tag-create")).content.decode()
    today = calendar.today().isoformat()
    assert 'maxlength="2000"' in page  # comments
    assert 'name="quantity" value="1" min="1" max="100000"' in page
    assert f'name="marked_on" value="{today}" min="2011-08-23" max="{today}"' in page
    assert f'max="{plan_horizon().isoformat()}"' in page  # move deadline


def test_the_round_form_states_the_plan_horizon(login, team_leader_a, agency_a):
    page = login(team_leader_a).get(reverse("sorting:round-create")).content.decode()
    assert f'name="date_from" value="{calendar.today().isoformat()}" min="2011-08-23" max="' in page
    assert 'maxlength="2000"' in page


def test_a_tag_form_dated_in_year_one_shows_the_message_beside_the_field(
    login, team_member_a, agency_a
):
    response = login(team_member_a).post(
        reverse("sorting:tag-create"),
        {
            "agency": agency_a.pk,
            "marked_on": "0001-01-01",
            "room": "1",
            "item_name": "Стул",
            "quantity": "1",
            "reason": reason(0).pk,
            "action": action(0).pk,
        },
    )
    assert response.status_code == 200
    assert "23.08.2011" in str(response.context["form"].errors["marked_on"])
    assert not RedTag.objects.exists()
