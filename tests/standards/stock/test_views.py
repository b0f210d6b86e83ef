"""The stock pages: who sees and does what (exact status codes), the levels grid keeps what was
typed and saves nothing on a bad row, a count at the minimum leads to the proposed request, the
home panels, query counts constant as places grow."""

import pytest

from standards.stock import services
from standards.stock.models import OrderRequest, StockItem, StockPlace


def test_the_team_and_the_region_see_the_places(login, team_member_a, governor, paper_a):
    for user in (team_member_a, governor):
        page = login(user).get("/standards/stock/")
        assert page.status_code == 200
        assert "Бумага А4, пачка" in page.content.decode()


def test_another_agency_does_not_see_the_place(login, team_leader_b, paper_a):
    client = login(team_leader_b)
    assert "Бумага А4" not in client.get("/standards/stock/").content.decode()
    assert client.get(f"/standards/stock/places/{paper_a.place_id}/").status_code == 404


def test_no_role_is_refused_and_anonymous_sent_to_sign_in(login, client, no_role, paper_a):
    assert login(no_role).get("/standards/stock/").status_code == 403
    assert client.get("/standards/stock/").status_code == 302


def test_an_employee_may_not_open_the_levels_grid(login, employee_a, place_a):
    assert login(employee_a).get(f"/standards/stock/places/{place_a.pk}/levels/").status_code == 403


def test_the_governors_office_may_not_record_counts(login, governor, place_a, paper_a):
    assert login(governor).get(f"/standards/stock/places/{place_a.pk}/counts/").status_code == 403


def test_a_bad_row_of_the_levels_grid_saves_nothing_and_keeps_what_was_typed(
    login, team_member_a, place_a
):
    data = {
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-name": "Скрепки",
        "items-0-unit": "уп.",
        "items-0-minimum": "1",
        "items-0-maximum": "5",
        "items-1-name": "Папки",
        "items-1-unit": "шт.",
        "items-1-minimum": "9",
        "items-1-maximum": "5",
    }
    page = login(team_member_a).post(f"/standards/stock/places/{place_a.pk}/levels/", data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Минимальный уровень больше максимального." in html and 'value="Папки"' in html
    assert not StockItem.objects.exists()
    data["items-1-minimum"] = "2"
    page = login(team_member_a).post(f"/standards/stock/places/{place_a.pk}/levels/", data)
    assert page.status_code == 302
    assert StockItem.objects.count() == 2


def test_a_count_at_the_minimum_leads_to_the_proposed_request(login, keeper_a, paper_a):
    page = login(keeper_a).post(
        f"/standards/stock/places/{paper_a.place_id}/counts/",
        {"counted_on": "2026-11-16", f"count_{paper_a.pk}": "5"},
    )
    order = OrderRequest.objects.get()
    assert page.status_code == 302 and page["Location"] == order.get_absolute_url()
    html = login(keeper_a).get(order.get_absolute_url()).content.decode()
    assert "Передать на утверждение" in html and "Бумага А4, пачка" in html


def test_only_the_head_sees_the_approve_button_and_may_approve(
    login, keeper_a, head_a, team_leader_a, paper_a
):
    order = services.count_record(actor=keeper_a, item=paper_a, count=5)
    services.request_submit(actor=keeper_a, request=order)
    assert (
        "Утвердить заявку"
        not in login(team_leader_a).get(order.get_absolute_url()).content.decode()
    )
    assert (
        login(team_leader_a).post(f"/standards/stock/requests/{order.pk}/approve/").status_code
        == 403
    )
    assert "Утвердить заявку" in login(head_a).get(order.get_absolute_url()).content.decode()
    assert login(head_a).post(f"/standards/stock/requests/{order.pk}/approve/").status_code == 302
    order.refresh_from_db()
    assert order.status == "approved"
    pdf = login(head_a).get(f"/standards/stock/requests/{order.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_home_panels_show_requests_to_approve_and_items_to_order(login, keeper_a, head_a, paper_a):
    order = services.count_record(actor=keeper_a, item=paper_a, count=5)
    keeper_home = login(keeper_a).get("/").content.decode()
    assert "нужен заказ" in keeper_home and f"Предложена заявка № {order.number}" in keeper_home
    services.request_submit(actor=keeper_a, request=order)
    head_home = login(head_a).get("/").content.decode()
    assert "к утверждению" in head_home and f"Заявка № {order.number}" in head_home


@pytest.mark.parametrize("size", [1, 6])
def test_the_places_page_takes_the_same_queries_however_many_places(
    login, team_member_a, place_a, size, django_assert_num_queries
):
    for i in range(size):
        other = StockPlace.objects.create(
            agency=place_a.agency, room=place_a.room, name=f"Полка {i}"
        )
        for j in range(3):
            StockItem.objects.create(place=other, name=f"Объект {j}", minimum=1, maximum=5, count=j)
    client = login(team_member_a)
    client.get("/standards/stock/")
    with django_assert_num_queries(QUERIES) as captured:
        client.get("/standards/stock/")
    assert len(captured) == QUERIES


# The same with 1 and with 6 extra places of 3 items each; who the user is comes from the cache
# (core.identity), as on the second request of a working day.
QUERIES = 10


def test_the_levels_export_as_xlsx_with_the_sections_columns(login, governor, paper_a, place_b):
    import io

    from openpyxl import load_workbook

    answer = login(governor).get(f"/standards/stock/levels.xlsx?agency={paper_a.place.agency_id}")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert [
        "ОИВ ЯО / СППО",
        "Помещение",
        "Место хранения",
        "Наименование материального объекта",
        "Единица",
        "Минимальный уровень",
        "Максимальный уровень",
        "Количество",
        "Дата пересчёта",
        "Состояние",
    ] in values
    assert [
        "Департамент А",
        "101",
        "Шкаф канцтоваров",
        "Бумага А4, пачка",
        "шт.",
        5,
        20,
        12,
    ] in values
    assert not any("Склад Б" in row for row in values)
    assert login(governor).get("/standards/stock/levels.xlsx?agency=x").status_code == 400


@pytest.mark.parametrize("value", ["abc", "-1", "1e999", "99999999999999999999", ""])
def test_a_malformed_agency_on_the_new_place_page_is_404(login, team_leader_a, value):
    assert (
        login(team_leader_a).get(f"/standards/stock/places/new/?agency={value}").status_code == 404
    )
    assert login(team_leader_a).get(f"/standards/visual/new/?agency={value}").status_code == 404
