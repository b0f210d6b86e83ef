import datetime

import pytest
from django.core.exceptions import PermissionDenied

from core import calendar
from core.exceptions import ApplicationError
from sorting import selectors, services
from sorting.models import StorageAdmission, StorageCheck
from tests.sorting.factories import decide, make_round, make_tag

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture
def listed_tag(team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    return make_tag(team_member_a, agency_a, sorting_round=sorting_round)


def test_item_with_filled_tag_on_the_list_is_admitted(keeper_a, listed_tag):
    admission = services.storage_admit(actor=keeper_a, tag=listed_tag)
    assert admission.admitted_on == calendar.today()
    assert admission.agency_id == listed_tag.agency_id
    assert admission.released_on is None


def test_item_not_on_the_unneeded_list_is_refused_with_the_reason(
    keeper_a, team_member_a, agency_a
):
    tag = make_tag(team_member_a, agency_a)
    with pytest.raises(ApplicationError) as error:
        services.storage_admit(actor=keeper_a, tag=tag)
    assert "нет в списке «ненужных» предметов" in error.value.message
    assert not StorageAdmission.objects.exists()


def test_item_with_an_unfilled_tag_is_refused_naming_the_empty_lines(
    keeper_a, team_leader_a, team_member_a, agency_a
):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(
        team_member_a,
        agency_a,
        sorting_round=sorting_round,
        move_deadline=None,
        responsible_for_moving="",
    )
    with pytest.raises(ApplicationError) as error:
        services.storage_admit(actor=keeper_a, tag=tag)
    assert "заполнен не полностью" in error.value.message
    assert "ответственный за перемещение" in error.value.message
    assert "срок, до которого" in error.value.message
    assert not StorageAdmission.objects.exists()


def test_item_is_admitted_once(keeper_a, listed_tag):
    services.storage_admit(actor=keeper_a, tag=listed_tag)
    with pytest.raises(ApplicationError) as error:
        services.storage_admit(actor=keeper_a, tag=listed_tag)
    assert "уже помещён" in error.value.message


def test_team_leader_may_admit_items(team_leader_a, listed_tag):
    assert services.storage_admit(actor=team_leader_a, tag=listed_tag)


@pytest.mark.parametrize(
    "who", ["team_member_a", "employee_a", "governor", "auditor", "team_leader_b", "no_role"]
)
def test_others_cannot_admit_items(request, listed_tag, who):
    with pytest.raises(PermissionDenied):
        services.storage_admit(actor=request.getfixturevalue(who), tag=listed_tag)
    assert not StorageAdmission.objects.exists()


def test_keeper_of_agency_a_cannot_admit_into_agency_b(keeper_a, team_leader_b, agency_b):
    round_b = make_round(team_leader_b, agency_b)
    tag_b = make_tag(team_leader_b, agency_b, sorting_round=round_b)
    with pytest.raises(PermissionDenied):
        services.storage_admit(actor=keeper_a, tag=tag_b)


def _admitted(keeper, tag, team_leader, *, execute_by=None):
    decide(team_leader, tag.list_line, execute_by=execute_by)
    return services.storage_admit(actor=keeper, tag=tag)


def test_weekly_check_marks_decisions_carried_out_and_releases_items(
    keeper_a, team_leader_a, listed_tag, agency_a
):
    admission = _admitted(keeper_a, listed_tag, team_leader_a)
    today = calendar.today()
    check = services.storage_check_record(
        actor=keeper_a,
        agency=agency_a,
        checked_on=today,
        entries=[
            {
                "admission": admission.pk,
                "present": True,
                "matches_list": True,
                "carried_out_on": today,
            }
        ],
    )
    admission.refresh_from_db()
    listed_tag.list_line.refresh_from_db()
    assert admission.released_on == today
    assert listed_tag.list_line.carried_out_on == today
    assert check.lines.get().matches_list
    assert selectors.zone_rows(agency_id=agency_a.pk) == []


def test_weekly_check_must_cover_every_item_in_the_zone(
    keeper_a, team_leader_a, listed_tag, agency_a
):
    _admitted(keeper_a, listed_tag, team_leader_a)
    with pytest.raises(ApplicationError) as error:
        services.storage_check_record(
            actor=keeper_a, agency=agency_a, checked_on=calendar.today(), entries=[]
        )
    assert f"№ {listed_tag.number}" in str(error.value.details["entries"])
    assert not StorageCheck.objects.exists()


def test_decision_cannot_be_carried_out_before_it_is_taken(keeper_a, listed_tag, agency_a):
    admission = services.storage_admit(actor=keeper_a, tag=listed_tag)
    with pytest.raises(ApplicationError) as error:
        services.storage_check_record(
            actor=keeper_a,
            agency=agency_a,
            checked_on=calendar.today(),
            entries=[
                {
                    "admission": admission.pk,
                    "present": True,
                    "matches_list": True,
                    "carried_out_on": calendar.today(),
                }
            ],
        )
    assert "ещё нет решения" in str(error.value.details["entries"])
    assert not StorageCheck.objects.exists()


def test_missing_item_and_overdue_decision_are_flagged(
    keeper_a, team_leader_a, team_member_a, agency_a, monkeypatch
):
    sorting_round = make_round(team_leader_a, agency_a)
    late = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name="Шкаф")
    lost = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name="Монитор")
    late_admission = _admitted(keeper_a, late, team_leader_a, execute_by=calendar.today())
    lost_admission = _admitted(
        keeper_a, lost, team_leader_a, execute_by=calendar.today() + datetime.timedelta(days=30)
    )
    services.storage_check_record(
        actor=keeper_a,
        agency=agency_a,
        checked_on=calendar.today(),
        entries=[
            {"admission": late_admission.pk, "present": True, "matches_list": True},
            {"admission": lost_admission.pk, "present": False, "matches_list": True},
        ],
    )
    later = calendar.today() + datetime.timedelta(days=9)
    rows = {
        row.admission.red_tag.item_name: row
        for row in selectors.zone_rows(agency_id=agency_a.pk, today=later)
    }
    assert rows["Шкаф"].overdue and not rows["Шкаф"].unaccounted
    assert rows["Монитор"].unaccounted and not rows["Монитор"].overdue
    assert selectors.zone_check_overdue(agency_id=agency_a.pk, today=later)
    assert not selectors.zone_check_overdue(agency_id=agency_a.pk, today=calendar.today())


@pytest.mark.parametrize("who", ["team_member_a", "governor", "team_leader_b"])
def test_others_cannot_record_the_weekly_check(request, agency_a, who):
    with pytest.raises(PermissionDenied):
        services.storage_check_record(
            actor=request.getfixturevalue(who),
            agency=agency_a,
            checked_on=calendar.today(),
            entries=[],
        )


def test_future_check_is_refused(keeper_a, agency_a):
    with pytest.raises(ApplicationError) as error:
        services.storage_check_record(
            actor=keeper_a,
            agency=agency_a,
            checked_on=calendar.today() + datetime.timedelta(days=1),
            entries=[],
        )
    assert "будущем" in str(error.value.details["checked_on"])


def test_item_not_matched_against_the_list_is_flagged(
    keeper_a, team_leader_a, listed_tag, agency_a
):
    admission = _admitted(keeper_a, listed_tag, team_leader_a)
    services.storage_check_record(
        actor=keeper_a,
        agency=agency_a,
        checked_on=calendar.today(),
        entries=[{"admission": admission.pk, "present": True, "matches_list": False}],
    )
    (row,) = selectors.zone_rows(agency_id=agency_a.pk)
    assert row.mismatched and not row.unaccounted


def test_zone_page_takes_a_fixed_number_of_queries(
    login, keeper_a, team_leader_a, team_member_a, agency_a, django_assert_max_num_queries
):
    sorting_round = make_round(team_leader_a, agency_a)
    for index in range(20):
        tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name=f"П {index}")
        _admitted(keeper_a, tag, team_leader_a)
    client = login(keeper_a)
    with django_assert_max_num_queries(25):
        page = client.get(f"/sorting/zone/{agency_a.pk}/")
    assert page.status_code == 200 and "П 19" in page.content.decode()
    with django_assert_max_num_queries(25):
        assert client.get(f"/sorting/zone/{agency_a.pk}/check/").status_code == 200
