"""Grids of rows are Django formsets (issue 11, «Grids as Django formsets»): a bad cell shows
its own message beside it, nothing is saved, and what the person typed stays on the screen.
The weekly check of the storage zone used to read its cells by hand (a date it could not read
became «no date» and the check was recorded without it)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core import calendar
from sorting import services
from sorting.choices import EntryKind, ItemCategory
from sorting.models import SortingListLine, StorageCheck
from sorting.services import GridError
from tests.sorting.factories import (
    action,
    decide,
    entry,
    make_round,
    make_tag,
    rarely_needed_list,
    unneeded_list,
)

TODAY = calendar.today


@pytest.fixture
def zone(team_leader_a, team_member_a, keeper_a, agency_a):
    """Two items in agency A's zone: the first decided, the second not."""
    sorting_round = make_round(team_leader_a, agency_a)
    decided = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name="Шкаф")
    undecided = make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name="Стул")
    decide(team_leader_a, decided.list_line)
    return [
        services.storage_admit(actor=keeper_a, tag=decided),
        services.storage_admit(actor=keeper_a, tag=undecided),
    ]


def _check(admissions, **cells):
    data = {
        "checked_on": TODAY().isoformat(),
        "note": "",
        "form-TOTAL_FORMS": str(len(admissions)),
        "form-INITIAL_FORMS": str(len(admissions)),
    }
    for index, admission in enumerate(admissions):
        data[f"form-{index}-admission"] = admission.pk
        data[f"form-{index}-present"] = "on"
        data[f"form-{index}-matches_list"] = "on"
    data.update(cells)
    return data


def test_the_weekly_check_records_every_row(login, keeper_a, agency_a, zone):
    response = login(keeper_a).post(
        reverse("sorting:zone-check", args=[agency_a.pk]),
        _check(zone, **{"form-0-carried_out_on": TODAY().isoformat(), "form-1-present": ""}),
    )
    assert response.status_code == 302
    check = StorageCheck.objects.get()
    lines = {line.admission_id: line for line in check.lines.all()}
    assert lines[zone[0].pk].carried_out_on == TODAY()
    assert lines[zone[1].pk].present is False


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2026-13-45", "Введите правильную дату"),
        ("0001-01-01", "23.08.2011"),
        ("tomorrow", "Введите правильную дату"),
    ],
)
def test_a_bad_date_in_the_check_is_shown_beside_its_cell_and_nothing_is_saved(
    login, keeper_a, agency_a, zone, cell, message
):
    response = login(keeper_a).post(
        reverse("sorting:zone-check", args=[agency_a.pk]),
        _check(zone, **{"form-0-carried_out_on": cell, "form-0-matches_list": ""}),
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert message in str(formset.forms[0].errors["carried_out_on"])
    assert not formset.forms[1].errors
    assert not StorageCheck.objects.exists()
    page = response.content.decode()
    assert f'value="{cell}"' in page  # what was typed stays
    assert 'name="form-0-matches_list" aria-label' in page  # still unticked
    assert 'name="form-0-matches_list" checked' not in page


def test_a_decision_not_taken_cannot_be_marked_carried_out_in_the_check(
    login, keeper_a, agency_a, zone
):
    response = login(keeper_a).post(
        reverse("sorting:zone-check", args=[agency_a.pk]),
        _check(zone, **{"form-1-carried_out_on": TODAY().isoformat()}),
    )
    assert response.status_code == 200
    errors = response.context["formset"].forms[1].errors["carried_out_on"]
    assert "ещё нет решения" in str(errors)
    assert not StorageCheck.objects.exists()


def test_a_carried_out_date_after_the_check_is_refused_beside_the_cell(
    login, keeper_a, agency_a, zone
):
    yesterday = TODAY() - datetime.timedelta(days=1)
    response = login(keeper_a).post(
        reverse("sorting:zone-check", args=[agency_a.pk]),
        _check(
            zone,
            checked_on=yesterday.isoformat(),
            **{"form-0-carried_out_on": TODAY().isoformat()},
        ),
    )
    assert response.status_code == 200
    assert "позже даты проверки" in str(
        response.context["formset"].forms[0].errors["carried_out_on"]
    )
    assert not StorageCheck.objects.exists()


def test_an_unreadable_check_date_says_so(login, keeper_a, agency_a, zone):
    response = login(keeper_a).post(
        reverse("sorting:zone-check", args=[agency_a.pk]), _check(zone, checked_on="31.02.2026")
    )
    assert response.status_code == 200
    assert "Введите правильную дату" in str(response.context["form"].errors["checked_on"])
    assert not StorageCheck.objects.exists()


def test_a_check_sent_for_items_no_longer_in_the_zone_is_refused(login, keeper_a, agency_a, zone):
    response = login(keeper_a).post(
        reverse("sorting:zone-check", args=[agency_a.pk]), _check(zone[:1])
    )
    assert response.status_code == 200
    assert "Предметы в зоне изменились" in str(response.context["formset"].non_form_errors())
    assert not StorageCheck.objects.exists()


# --- The rarely-needed list ---------------------------------------------------------------


def _lines(*rows):
    data = {"lines-TOTAL_FORMS": str(len(rows)), "lines-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"lines-{index}-{name}": value for name, value in row.items()})
    return data


def _row(name, regularity_index=0, **overrides):
    row = {
        "room": "12",
        "item_name": name,
        "quantity": "1",
        "regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, regularity_index).pk,
    }
    row.update(overrides)
    return row


def test_several_rarely_needed_items_are_added_at_once(
    login, team_member_a, team_leader_a, agency_a
):
    sorting_round = make_round(team_leader_a, agency_a)
    response = login(team_member_a).post(
        reverse("sorting:rarely-needed-add", args=[sorting_round.pk]),
        _lines(_row("Калькулятор"), {"quantity": "1"}, _row("Дырокол", 1)),
    )
    assert response.status_code == 302
    lines = rarely_needed_list(sorting_round).lines.order_by("position")
    assert [(line.position, line.item_name) for line in lines] == [
        (1, "Калькулятор"),
        (2, "Дырокол"),
    ]


def test_a_bad_row_of_the_rarely_needed_grid_keeps_every_row_out(
    login, team_member_a, team_leader_a, agency_a
):
    sorting_round = make_round(team_leader_a, agency_a)
    wrong_category = entry(ItemCategory.UNNEEDED, EntryKind.REGULARITY, 0).pk
    response = login(team_member_a).post(
        reverse("sorting:rarely-needed-add", args=[sorting_round.pk]),
        _lines(
            _row("Калькулятор"),
            _row("Дырокол", quantity="0"),
            _row("Степлер", regularity=wrong_category),
        ),
    )
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert not forms[0].errors
    assert "quantity" in forms[1].errors
    assert "regularity" in forms[2].errors
    assert not SortingListLine.objects.exists()
    page = response.content.decode()
    assert 'value="Калькулятор"' in page and 'value="Степлер"' in page


def test_a_regularity_of_another_category_is_marked_beside_its_cell(
    login, team_member_a, team_leader_a, agency_a
):
    sorting_round = make_round(team_leader_a, agency_a)
    other = entry(ItemCategory.NEEDED, EntryKind.REGULARITY, 0)
    response = login(team_member_a).post(
        reverse("sorting:rarely-needed-add", args=[sorting_round.pk]),
        _lines(_row("Калькулятор"), {**_row("Дырокол"), "regularity": other.pk}),
    )
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert not forms[0].errors and forms[1].errors["regularity"]
    assert not SortingListLine.objects.exists()


def test_an_empty_grid_adds_nothing_and_says_so(login, team_member_a, team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    response = login(team_member_a).post(
        reverse("sorting:rarely-needed-add", args=[sorting_round.pk]), _lines({"quantity": "1"})
    )
    assert response.status_code == 200
    assert "хотя бы одну строку" in str(response.context["formset"].non_form_errors())


def test_the_grid_service_refuses_all_rows_when_one_is_bad(team_leader_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    good = {
        "room": "1",
        "item_name": "Калькулятор",
        "quantity": 1,
        "regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 0),
    }
    with pytest.raises(GridError) as error:
        services.rarely_needed_lines_add(
            actor=team_leader_a, sorting_round=sorting_round, rows=[good, {**good, "room": ""}]
        )
    assert set(error.value.rows) == {1} and "room" in error.value.rows[1]
    assert "1.room" in error.value.details
    assert not SortingListLine.objects.exists()


@pytest.mark.parametrize("who", ["employee_a", "governor", "team_leader_b"])
def test_the_grid_service_refuses_outsiders_with_nothing_saved(
    request, team_leader_a, agency_a, who
):
    sorting_round = make_round(team_leader_a, agency_a)
    row = {
        "room": "1",
        "item_name": "Калькулятор",
        "quantity": 1,
        "regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 0),
    }
    with pytest.raises(PermissionDenied):
        services.rarely_needed_lines_add(
            actor=request.getfixturevalue(who), sorting_round=sorting_round, rows=[row]
        )
    assert not SortingListLine.objects.exists()


# --- The decisions of a list ---------------------------------------------------------------


@pytest.fixture
def three_lines(team_leader_a, team_member_a, agency_a):
    sorting_round = make_round(team_leader_a, agency_a)
    for name in ("Шкаф", "Стул", "Монитор"):
        make_tag(team_member_a, agency_a, sorting_round=sorting_round, item_name=name)
    return unneeded_list(sorting_round)


def _decisions(lines, rows):
    data = {"form-TOTAL_FORMS": str(len(lines)), "form-INITIAL_FORMS": str(len(lines))}
    for index, line in enumerate(lines):
        tag_action = line.red_tag.action_id if line.red_tag_id else ""
        data[f"form-{index}-decision"] = tag_action
        for name, value in rows.get(index, {}).items():
            data[f"form-{index}-{name}"] = value
    return data


def _decided(index_name, day=None):
    return {
        "decider_name": f"Сидоров {index_name}",
        "decider_position": "Начальник отдела",
        "decision": action(2).pk,
        "execute_by": (day or TODAY() + datetime.timedelta(days=10)).isoformat(),
    }


def test_the_leader_enters_several_decisions_at_once(login, team_leader_a, three_lines):
    lines = list(three_lines.lines.order_by("position"))
    response = login(team_leader_a).post(
        reverse("sorting:list-decisions", args=[three_lines.pk]),
        _decisions(lines, {0: _decided("А"), 2: _decided("В")}),
    )
    assert response.status_code == 302
    decided = {line.item_name: line.decision_id for line in three_lines.lines.all()}
    assert decided == {"Шкаф": action(2).pk, "Стул": None, "Монитор": action(2).pk}
    assert SortingListLine.objects.get(item_name="Монитор").red_tag.action == action(2)


def test_a_bad_decision_cell_is_shown_beside_it_and_no_decision_is_saved(
    login, team_leader_a, three_lines
):
    lines = list(three_lines.lines.order_by("position"))
    before_round = TODAY() - datetime.timedelta(days=30)
    response = login(team_leader_a).post(
        reverse("sorting:list-decisions", args=[three_lines.pk]),
        _decisions(
            lines,
            {0: _decided("А"), 1: {**_decided("Б", before_round), "decider_position": ""}},
        ),
    )
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert not forms[0].errors
    assert "раньше окончания сортировки" in str(forms[1].errors["execute_by"])
    assert "должность" in str(forms[1].errors["decider_position"]).lower()
    assert not SortingListLine.objects.filter(decision__isnull=False).exists()
    assert 'value="Сидоров Б"' in response.content.decode()


def test_the_decisions_grid_is_for_the_leader_only(
    login, team_member_a, team_leader_b, three_lines
):
    url = reverse("sorting:list-decisions", args=[three_lines.pk])
    lines = list(three_lines.lines.order_by("position"))
    data = _decisions(lines, {0: _decided("А")})
    assert login(team_member_a).post(url, data).status_code == 403
    assert login(team_leader_b).post(url, data).status_code == 404
    assert not SortingListLine.objects.filter(decision__isnull=False).exists()


def test_the_decisions_grid_shows_every_line_prefilled(login, team_leader_a, three_lines):
    line = three_lines.lines.order_by("position").first()
    decide(team_leader_a, line)
    page = login(team_leader_a).get(reverse("sorting:list-decisions", args=[three_lines.pk]))
    assert page.status_code == 200
    assert len(page.context["formset"].forms) == 3
    assert 'value="Сидоров С.С."' in page.content.decode()


def test_the_decisions_service_refuses_outsiders_with_nothing_saved(team_member_a, three_lines):
    line = three_lines.lines.first()
    with pytest.raises(PermissionDenied):
        services.line_decisions_record(
            actor=team_member_a,
            sorting_list=three_lines,
            rows=[
                {
                    "line": line,
                    "decider_name": "А",
                    "decider_position": "Б",
                    "decision": action(0),
                    "execute_by": TODAY(),
                }
            ],
        )
    assert not SortingListLine.objects.filter(decision__isnull=False).exists()


def test_a_line_of_another_list_is_refused(team_leader_a, agency_a, three_lines):
    other = make_round(team_leader_a, agency_a)
    foreign = make_tag(team_leader_a, agency_a, sorting_round=other).list_line
    with pytest.raises(services.ApplicationError):
        services.line_decisions_record(
            actor=team_leader_a,
            sorting_list=three_lines,
            rows=[
                {
                    "line": foreign,
                    "decider_name": "А",
                    "decider_position": "Б",
                    "decision": action(0),
                    "execute_by": TODAY(),
                }
            ],
        )
    foreign.refresh_from_db()
    assert foreign.decision is None
