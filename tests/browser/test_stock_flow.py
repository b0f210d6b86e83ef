"""The stock standard in a real browser (§8.2, L1211–1245; Appendix 27): the team sets a
place's levels, a count falls to the minimum, a request is proposed to the person responsible,
who submits it; the head approves it and prints it in two copies."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from agencies.models import Room
from core.roles import Role
from standards.stock.models import OrderRequest
from tests.agencies.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_out(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")


def test_levels_a_count_at_the_minimum_a_request_approved_and_printed(
    page, sign_in, team_a, agency_a, team_leader_a
):
    Room.objects.create(agency=agency_a, name="101")
    keeper = UserFactory(username="keeper_a", roles=[Role.EMPLOYEE])
    PersonFactory(agency=agency_a, user=keeper, full_name="Запасова Зоя Зиновьевна")
    head = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(
        agency=agency_a, user=head, full_name="Руководов Роман Романович", position="Директор"
    )
    agency_a.save()

    # The team leader adds a storage place and sets its levels.
    sign_in("leader_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Запасы").click()
    page.get_by_role("link", name="Новое место хранения: Департамент А").click()
    page.select_option("select[name=room]", label="101")
    page.fill("input[name=name]", "Шкаф канцтоваров")
    page.select_option("select[name=responsible]", label="Запасова Зоя Зиновьевна")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("h1")).to_contain_text("Номенклатура и уровни запасов")
    page.fill("input[name=items-0-name]", "Бумага А4, пачка")
    page.fill("input[name=items-0-minimum]", "5")
    page.fill("input[name=items-0-maximum]", "20")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_test_id("item-list")).to_contain_text("Бумага А4, пачка")

    # The first count is above the minimum: nothing is proposed.
    page.get_by_test_id("record-counts").click()
    page.get_by_label("Бумага А4, пачка").fill("12")
    page.get_by_role("button", name="Записать").click()
    expect(page.locator(".message-success")).to_contain_text("Количество записано.")
    assert not OrderRequest.objects.exists()
    place_url = page.url
    _sign_out(page)

    # The person responsible counts 5, the minimum: a request is proposed, and submitted.
    sign_in("keeper_a")
    page.goto(place_url)
    page.get_by_test_id("record-counts").click()
    page.get_by_label("Бумага А4, пачка").fill("5")
    page.get_by_role("button", name="Записать").click()
    expect(page.get_by_test_id("request-status")).to_have_text("предложена")
    expect(page.get_by_test_id("request-lines")).to_contain_text("Бумага А4, пачка")
    page.get_by_test_id("submit-request").click()
    expect(page.get_by_test_id("request-status")).to_have_text("ожидает утверждения")
    _sign_out(page)

    # The head finds it on the home page, approves and prints it.
    sign_in("head_a")
    page.goto("/")
    page.get_by_role("link", name="Заявка № 1, Департамент А, 101 — Шкаф канцтоваров").click()
    page.get_by_test_id("approve-request").click()
    expect(page.get_by_test_id("request-status")).to_have_text("утверждена")
    pdf_url = page.get_by_test_id("print-request").get_attribute("href")
    answer = page.request.get(pdf_url)
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.body()))
    assert len(reader.pages) == 2
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Заявка на заказ материальных объектов" in text and "Бумага А4, пачка" in text
    assert "Р.Р. Руководов" in text

    # At 390 px the pages keep to the screen: their tables scroll inside their own box.
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (page.url, place_url, "/standards/stock/", "/standards/stock/requests/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
