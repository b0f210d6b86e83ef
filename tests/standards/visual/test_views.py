"""Visual-control pages: the team compiles a list of points in a grid (Appendix 28), the
leader agrees it, error-proofing and the emergency procedure pages; exact status codes for
those without the right; the list page's query count constant as lists grow."""

import datetime

import pytest

from standards.visual import services
from standards.visual.models import EmergencyProcedure, ErrorProofing, VisualControlList

POINT = {
    "category": "запасы и материалы",
    "control_point": "минимальный и максимальный уровни",
    "requirement": "содержать запасы в пределах между уровнями",
}


def _grid(rows, agency, room, extra=None):
    data = {
        "agency": str(agency.pk),
        "room": str(room.pk),
        "compiled_on": "2026-11-16",
        "points-TOTAL_FORMS": str(len(rows)),
        "points-INITIAL_FORMS": "0",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"points-{i}-{key}"] = value
    data.update(extra or {})
    return data


def test_the_team_compiles_a_list_in_a_grid_and_the_leader_agrees_it(
    login, team_member_a, team_leader_a, agency_a, room_a
):
    page = login(team_member_a).post(
        f"/standards/visual/new/?agency={agency_a.pk}", _grid([POINT], agency_a, room_a)
    )
    assert page.status_code == 302
    control_list = VisualControlList.objects.get()
    assert control_list.points.get().position == 1
    html = login(team_member_a).get(page["Location"]).content.decode()
    assert "Согласовать" not in html and POINT["control_point"] in html
    assert (
        login(team_member_a).post(f"/standards/visual/{control_list.pk}/agree/").status_code == 403
    )
    assert (
        login(team_leader_a).post(f"/standards/visual/{control_list.pk}/agree/").status_code == 302
    )
    control_list.refresh_from_db()
    assert control_list.status == "agreed"


def test_a_bad_cell_keeps_what_was_typed_and_saves_nothing(login, team_member_a, agency_a, room_a):
    bad = {**POINT, "control_point": "x" * 501}
    page = login(team_member_a).post(
        f"/standards/visual/new/?agency={agency_a.pk}", _grid([POINT, bad], agency_a, room_a)
    )
    assert page.status_code == 200
    assert "field-error" in page.content.decode()
    assert not VisualControlList.objects.exists()


def test_an_employee_may_not_compile_a_list(login, employee_a, agency_a, room_a):
    assert login(employee_a).get(f"/standards/visual/new/?agency={agency_a.pk}").status_code == 403


def test_another_agency_does_not_see_the_list(
    login, team_leader_a, team_leader_b, agency_a, room_a
):
    control_list = services.list_create(actor=team_leader_a, agency=agency_a, room=room_a)
    assert login(team_leader_b).get(f"/standards/visual/{control_list.pk}/").status_code == 404
    assert login(team_leader_b).get(f"/standards/visual/{control_list.pk}/pdf/").status_code == 404


def test_error_proofing_page(login, team_member_a, employee_a, governor, agency_a, room_a):
    page = login(team_member_a).post(
        "/standards/visual/error-proofing/",
        {
            "agency": agency_a.pk,
            "room": room_a.pk,
            "error": "лоток пуст",
            "measure": "метка",
            "in_force": "on",
        },
    )
    assert page.status_code == 302
    assert ErrorProofing.objects.count() == 1
    assert "лоток пуст" in login(governor).get("/standards/visual/error-proofing/").content.decode()
    assert (
        login(employee_a)
        .post(
            "/standards/visual/error-proofing/",
            {"agency": agency_a.pk, "error": "a", "measure": "b"},
        )
        .status_code
        == 403
    )


def test_the_head_approves_the_emergency_procedure_on_its_page(
    login, team_leader_a, head_a, agency_a
):
    page = login(team_leader_a).post(
        "/standards/visual/emergency/",
        {
            "agency": agency_a.pk,
            "title": "Пожар",
            "steps": "1. Позвонить 101.",
            "posted_at": "холл",
        },
    )
    assert page.status_code == 302
    procedure = EmergencyProcedure.objects.get()
    assert (
        "Утвердить" not in login(team_leader_a).get("/standards/visual/emergency/").content.decode()
    )
    assert (
        login(team_leader_a)
        .post(f"/standards/visual/emergency/{procedure.pk}/approve/")
        .status_code
        == 403
    )
    assert "Утвердить" in login(head_a).get("/standards/visual/emergency/").content.decode()
    assert (
        login(head_a).post(f"/standards/visual/emergency/{procedure.pk}/approve/").status_code
        == 302
    )
    procedure.refresh_from_db()
    assert procedure.status == "approved"


@pytest.mark.parametrize("size", [1, 6])
def test_the_list_page_takes_the_same_queries_however_many_lists(
    login, team_leader_a, agency_a, room_a, size, django_assert_num_queries
):
    for _ in range(size):
        services.list_create(
            actor=team_leader_a,
            agency=agency_a,
            room=room_a,
            compiled_on=datetime.date(2026, 11, 16),
            compilers=[team_leader_a.person],
            points=[POINT, POINT],
        )
    client = login(team_leader_a)
    client.get("/standards/visual/")
    with django_assert_num_queries(QUERIES):
        client.get("/standards/visual/")


# The same with 1 and with 6 lists of 2 points each; who the user is comes from the cache
# (core.identity), as on the second request of a working day.
QUERIES = 10
