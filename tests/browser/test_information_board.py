"""The information board in a real browser (§4.9, L561–597; Appendix 11): the leader sets it up
with its two responsible members (L583), the member who updates it records an update with a
photo and sees it on the board with the Appendix 11 sections; an employee leaves a remark
(L595)."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from agencies.board.models import BoardRemark, BoardUpdate

pytestmark = pytest.mark.django_db(transaction=True)


def _jpeg() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "navy").save(buffer, "JPEG")
    return {"name": "stend.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def test_the_team_records_a_board_update_and_an_employee_leaves_a_remark(
    page, sign_in, team_leader_a, team_member_a, employee_a, agency_a
):
    sign_in("leader_a")
    page.goto(f"/agencies/{agency_a.pk}/board/")
    expect(page.get_by_test_id("board-section-indicators")).to_contain_text(
        "Показатели ещё не измерялись"
    )
    page.get_by_test_id("board-edit").click()
    form = page.get_by_test_id("board-form")
    form.locator("textarea[name=goal]").fill("Удобные и безопасные рабочие места")
    form.locator("input[name=place]").fill("Холл 2 этажа")
    form.locator("select[name=collector]").select_option(label="Членова Мария Ивановна")
    form.locator("select[name=designer]").select_option(label="Лидеров Лев Львович")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_test_id("board-collector")).to_have_text("Членова Мария Ивановна")
    expect(page.get_by_test_id("board-section-goal")).to_contain_text("Удобные и безопасные")

    page.context.clear_cookies()
    sign_in("member_a")
    page.goto(f"/agencies/{agency_a.pk}/board/")
    update = page.get_by_test_id("board-update-form")
    assert update.locator("input[type=file]").get_attribute("accept") == "image/*"
    update.locator("textarea[name=note]").fill("Новые фотографии «после»")
    update.locator("input[type=file]").set_input_files(_jpeg())
    update.get_by_role("button", name="Внести обновление").click()
    expect(page.get_by_test_id("board-state")).to_contain_text("Обновлён")
    updates = page.get_by_test_id("board-updates")
    expect(updates).to_contain_text("Новые фотографии «после»")
    expect(updates).to_contain_text("Членова Мария Ивановна")
    thumbnail = updates.locator("img").first
    expect(thumbnail).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", thumbnail.element_handle()) > 0
    sections = page.get_by_test_id("board-sections")
    for heading in ("Цель, задача, миссия", "Члены команды", "Результаты аудита рабочей группы"):
        expect(sections).to_contain_text(heading)
    assert BoardUpdate.objects.get().person.full_name == "Членова Мария Ивановна"

    page.context.clear_cookies()
    sign_in("employee_a")
    page.goto(f"/agencies/{agency_a.pk}/board/")
    expect(page.get_by_test_id("board-update-form")).to_have_count(0)
    remark = page.get_by_test_id("board-remark-form")
    remark.locator("textarea[name=text]").fill("Фотографии висят слишком высоко")
    remark.get_by_role("button", name="Оставить").click()
    expect(page.get_by_test_id("board-remarks")).to_contain_text("Фотографии висят слишком высоко")
    assert BoardRemark.objects.get().author.user == employee_a
    response = page.request.get(page.get_by_test_id("poster-A3").get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"


def test_the_board_fits_a_phone_and_reads_in_english(page, sign_in, team_leader_a, agency_a):
    sign_in("leader_a")
    page.goto(f"/agencies/{agency_a.pk}/board/")
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("board-section-indicators")).to_contain_text(
        "No indicators measured yet"
    )
    expect(page.get_by_test_id("board-sections")).to_contain_text("Goal, task, mission")
    expect(page.get_by_test_id("board-update-form")).to_contain_text("Photo of the board")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"
