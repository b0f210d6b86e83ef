"""Decisions and agreements of the lists are made «по окончании сортировки» (Appendix 16 item 9
L4125, item 10 L4127; Appendix 17 item 10 L4249; §5.4 L751): accepted from the sorting's last
day (its end date, or its one day), that day included, refused the day before with nothing
saved (issue 12 item 4)."""

import datetime

import pytest
from django.urls import reverse

from core import calendar
from core.exceptions import ApplicationError
from sorting import services
from sorting.choices import ApprovalRole, EntryKind, ItemCategory
from sorting.models import ListApproval, SortingListLine
from sorting.schedule import decisions_open, sorting_end
from tests.sorting.factories import decide, entry, make_round, make_tag, unneeded_list

DAY = datetime.timedelta(days=1)


def today():
    return calendar.today()


def _line(user, agency, **round_dates):
    sorting_round = make_round(user, agency, **round_dates)
    return make_tag(user, agency, sorting_round=sorting_round).list_line


def _decision():
    return entry(ItemCategory.UNNEEDED, EntryKind.DECISION, 0)


def _body():
    return {
        "decider_name": "Сидоров С.С.",
        "decider_position": "Начальник отдела",
        "decision": _decision().pk,
        "execute_by": (today() + 10 * DAY).isoformat(),
    }


def test_the_rule_opens_on_the_last_day_of_the_sorting():
    end = datetime.date(2026, 12, 16)
    assert sorting_end(datetime.date(2026, 12, 14), end) == end
    assert sorting_end(end, None) == end
    assert not decisions_open(sorting_end=end, day=end - DAY)
    assert decisions_open(sorting_end=end, day=end)
    assert decisions_open(sorting_end=end, day=end + DAY)


def test_a_decision_on_the_last_day_of_the_period_is_accepted(team_leader_a, agency_a):
    line = _line(team_leader_a, agency_a, date_from=today() - 2 * DAY, date_to=today())
    decide(team_leader_a, line)
    line.refresh_from_db()
    assert line.decision == _decision()


def test_a_decision_before_the_periods_last_day_is_refused_and_nothing_saved(
    team_leader_a, agency_a
):
    # Started two days ago, ends tomorrow: today is still during the sorting.
    line = _line(team_leader_a, agency_a, date_from=today() - 2 * DAY, date_to=today() + DAY)
    with pytest.raises(ApplicationError) as error:
        decide(team_leader_a, line)
    assert "по окончании сортировки" in error.value.details["decision"]
    assert (today() + DAY).strftime("%d.%m.%Y") in error.value.details["decision"]
    line.refresh_from_db()
    assert line.decision is None and line.decided_at is None


def test_without_an_end_date_the_start_day_counts(team_leader_a, agency_a):
    accepted = _line(team_leader_a, agency_a, date_from=today())
    decide(team_leader_a, accepted)
    refused = _line(team_leader_a, agency_a, date_from=today() + DAY)
    with pytest.raises(ApplicationError):
        decide(team_leader_a, refused)
    assert not SortingListLine.objects.filter(pk=refused.pk, decision__isnull=False).exists()


def test_the_execution_date_is_not_before_the_sortings_end(team_leader_a, agency_a):
    line = _line(team_leader_a, agency_a, date_from=today() - 3 * DAY, date_to=today() - DAY)
    with pytest.raises(ApplicationError) as error:
        decide(team_leader_a, line, execute_by=today() - 2 * DAY)
    assert "execute_by" in error.value.details
    decide(team_leader_a, line, execute_by=today() - DAY)  # the last day itself


def test_the_api_refuses_the_day_before_and_accepts_the_last_day(
    api_client, team_leader_a, agency_a
):
    client = api_client(team_leader_a)
    early = _line(team_leader_a, agency_a, date_from=today() - DAY, date_to=today() + DAY)
    response = client.post(f"/api/v1/sorting-lines/{early.pk}/decision/", _body(), format="json")
    assert response.status_code == 400
    assert "decision" in response.json()["errors"]
    early.refresh_from_db()
    assert early.decision_id is None

    last_day = _line(team_leader_a, agency_a, date_from=today() - DAY, date_to=today())
    response = client.post(f"/api/v1/sorting-lines/{last_day.pk}/decision/", _body(), format="json")
    assert response.status_code == 200
    assert response.json()["decision"] == _decision().pk


def test_the_page_refuses_the_day_before_and_accepts_the_last_day(login, team_leader_a, agency_a):
    client = login(team_leader_a)
    early = _line(team_leader_a, agency_a, date_from=today(), date_to=today() + DAY)
    response = client.post(reverse("sorting:line-decide", args=[early.pk]), _body())
    assert response.status_code == 200
    assert "по окончании сортировки" in response.content.decode()
    early.refresh_from_db()
    assert early.decision_id is None

    last_day = _line(team_leader_a, agency_a, date_from=today() - DAY, date_to=today())
    response = client.post(reverse("sorting:line-decide", args=[last_day.pk]), _body())
    assert response.status_code == 302
    last_day.refresh_from_db()
    assert last_day.decision_id == _decision().pk
    page = client.get(reverse("sorting:list-detail", args=[last_day.sorting_list_id]))
    assert f'data-testid="decisions-from">{today():%d.%m.%Y}' in page.content.decode()


def _approve(user, sorting_list, agreed_on):
    return services.list_approve(
        actor=user,
        sorting_list=sorting_list,
        role=ApprovalRole.TEAM_LEADER,
        full_name="Лидеров Л.Л.",
        position="Начальник отдела",
        agreed_on=agreed_on,
    )


def test_the_list_is_agreed_from_the_sortings_last_day(team_leader_a, agency_a):
    end = today() - DAY
    sorting_round = make_round(team_leader_a, agency_a, date_from=end - 2 * DAY, date_to=end)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    sorting_list = unneeded_list(sorting_round)
    with pytest.raises(ApplicationError) as error:
        _approve(team_leader_a, sorting_list, end - DAY)
    assert "после завершения сортировки" in error.value.details["agreed_on"]
    assert not ListApproval.objects.exists()
    _approve(team_leader_a, sorting_list, end)
    assert ListApproval.objects.get().agreed_on == end


def test_the_api_refuses_an_agreement_dated_before_the_end(api_client, team_leader_a, agency_a):
    end = today() - DAY
    sorting_round = make_round(team_leader_a, agency_a, date_from=end - DAY, date_to=end)
    tag = make_tag(team_leader_a, agency_a, sorting_round=sorting_round)
    decide(team_leader_a, tag.list_line)
    sorting_list = unneeded_list(sorting_round)
    body = {
        "role": ApprovalRole.TEAM_LEADER,
        "full_name": "Лидеров Л.Л.",
        "position": "Начальник отдела",
        "agreed_on": (end - DAY).isoformat(),
    }
    client = api_client(team_leader_a)
    url = f"/api/v1/sorting-lists/{sorting_list.pk}/approvals/"
    response = client.post(url, body, format="json")
    assert response.status_code == 400
    assert "agreed_on" in response.json()["errors"]
    assert not ListApproval.objects.exists()
    response = client.post(url, {**body, "agreed_on": end.isoformat()}, format="json")
    assert response.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_a_decision_on_the_last_day_commits_outside_a_test_transaction(
    api_client, team_leader_a, agency_a
):
    """The write path on the real commit (PostgreSQL in CI)."""
    services.classifier_load()
    line = _line(team_leader_a, agency_a, date_from=today() - DAY, date_to=today())
    response = api_client(team_leader_a).post(
        f"/api/v1/sorting-lines/{line.pk}/decision/", _body(), format="json"
    )
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.decision_id == _decision().pk
