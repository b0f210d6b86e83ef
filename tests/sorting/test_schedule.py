import datetime

import pytest

from agencies.choices import DeploymentState
from core import calendar
from core.periods import add_months
from core.registry import home_panels_for
from sorting import selectors, services
from sorting.schedule import next_sorting_due
from tests.sorting.factories import decide, make_round, make_tag, unneeded_list

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 3, 15), 1, D(2026, 4, 15)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_next_sorting_is_monthly_while_deploying_and_quarterly_when_functioning():
    last = D(2026, 3, 10)
    kwargs = {"last_sorting_end": last, "planned_next": None, "deployment_start": None}
    assert next_sorting_due(deployment_state=DeploymentState.DEPLOYING, **kwargs) == D(2026, 4, 10)
    assert next_sorting_due(deployment_state=DeploymentState.PREPARING, **kwargs) == D(2026, 4, 10)
    assert next_sorting_due(deployment_state=DeploymentState.FUNCTIONING, **kwargs) == D(
        2026, 6, 10
    )


def test_leaders_earlier_date_wins_but_never_a_later_one():
    common = {"last_sorting_end": D(2026, 3, 10), "deployment_start": None}
    deploying = DeploymentState.DEPLOYING
    assert next_sorting_due(planned_next=D(2026, 3, 25), deployment_state=deploying, **common) == D(
        2026, 3, 25
    )
    assert next_sorting_due(planned_next=D(2026, 9, 1), deployment_state=deploying, **common) == D(
        2026, 4, 10
    )


def test_before_the_first_sorting_the_deployment_start_counts():
    assert next_sorting_due(
        last_sorting_end=None,
        planned_next=None,
        deployment_state=DeploymentState.DEPLOYING,
        deployment_start=D(2026, 2, 1),
    ) == D(2026, 3, 1)
    assert (
        next_sorting_due(
            last_sorting_end=None,
            planned_next=None,
            deployment_state=DeploymentState.PREPARING,
            deployment_start=None,
        )
        is None
    )


@pytest.fixture
def overdue_a(team_leader_a, agency_a):
    """Agency A deploying, its last sorting two months ago: overdue."""
    agency_a.deployment_state = DeploymentState.DEPLOYING
    agency_a.save()
    team_leader_a.email = "leader_a@example.org"
    team_leader_a.save()
    return make_round(team_leader_a, agency_a, date_from=add_months(calendar.today(), -2))


def test_schedule_flags_the_overdue_agency(overdue_a, agency_a, team_b, agency_b):
    schedules = selectors.agency_schedules()
    assert schedules[agency_a.pk].overdue
    assert schedules[agency_a.pk].due == add_months(overdue_a.date_from, 1)
    assert agency_b.pk in schedules and not schedules[agency_b.pk].overdue


def test_leader_sees_the_overdue_sorting_at_home(overdue_a, team_leader_a):
    panels = home_panels_for(team_leader_a)
    items = [item for panel in panels if panel.title == "Сортировка" for item in panel.items]
    assert any(
        item["overdue"] and item["due"] == add_months(overdue_a.date_from, 1) for item in items
    )


@pytest.mark.parametrize("who", ["governor", "group_head", "auditor"])
def test_region_sees_the_list_of_overdue_agencies(request, overdue_a, agency_a, who):
    panels = home_panels_for(request.getfixturevalue(who))
    overdue = next(panel for panel in panels if panel.title == "Просроченные сортировки")
    assert [item["text"] for item in overdue.items] == [agency_a.short_name]


def test_member_sees_no_overdue_panel(overdue_a, team_member_a):
    titles = [panel.title for panel in home_panels_for(team_member_a)]
    assert "Просроченные сортировки" not in titles


def test_home_page_renders_with_the_sorting_panels(login, overdue_a, team_leader_a, governor):
    assert "Следующая сортировка" in login(team_leader_a).get("/").content.decode()
    assert "Просроченные сортировки" in login(governor).get("/").content.decode()


def test_figures_count_tags_moved_items_and_overdue_decisions(
    team_leader_a, team_member_a, agency_a, keeper_a, agency_b, django_assert_num_queries
):
    sorting_round = make_round(team_leader_a, agency_a)
    tags = [make_tag(team_member_a, agency_a, sorting_round=sorting_round) for _ in range(4)]
    for tag in tags[:3]:
        decide(team_leader_a, tag.list_line, execute_by=calendar.today())
    services.storage_admit(actor=keeper_a, tag=tags[0])
    services.storage_admit(actor=keeper_a, tag=tags[1])
    later = calendar.today() + datetime.timedelta(days=1)
    with django_assert_num_queries(4):
        figures = selectors.sorting_figures([agency_a.pk, agency_b.pk], today=later)
    assert figures[agency_a.pk] == {
        "tags_issued": 4,
        "items_moved": 2,
        "decisions_overdue": 3,
        "decisions_missing": 0,  # the fourth is not yet late: one working day after the sorting
    }
    assert figures[agency_b.pk] == {
        "tags_issued": 0,
        "items_moved": 0,
        "decisions_overdue": 0,
        "decisions_missing": 0,
    }
    much_later = calendar.add_working_days(sorting_round.date_from, 2)
    assert (
        selectors.sorting_figures([agency_a.pk], today=much_later)[agency_a.pk]["decisions_missing"]
        == 1
    )
    assert unneeded_list(sorting_round).lines.count() == 4


def test_figures_for_every_agency_take_four_queries(
    team_member_a, agency_a, django_assert_num_queries
):
    make_tag(team_member_a, agency_a)
    with django_assert_num_queries(4):
        figures = selectors.sorting_figures()
    assert figures[agency_a.pk]["tags_issued"] == 1


def test_daily_reminder_is_on_the_beat_schedule():
    from fives_portal.celery import app

    entry = app.conf.beat_schedule["sorting: next sorting due"]
    assert entry["task"] == "sorting.send_sorting_reminders"


def test_keeper_is_told_at_home_about_items_needing_attention(
    keeper_a, team_leader_a, team_member_a, agency_a
):
    sorting_round = make_round(team_leader_a, agency_a)
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line, execute_by=calendar.today())
    services.storage_admit(actor=keeper_a, tag=tag)
    services.storage_check_record(
        actor=keeper_a,
        agency=agency_a,
        checked_on=calendar.today(),
        entries=[{"admission": tag.admission.pk, "present": False, "matches_list": True}],
    )
    items = [item for panel in home_panels_for(keeper_a) for item in panel.items]
    # a Russian plural, not «требуют внимания 1» (issue 17 item 10)
    assert any(
        "Зона временного хранения: 1 предмет требует внимания" in item["text"] for item in items
    )
