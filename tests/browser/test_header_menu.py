"""The header menu on a phone: folded behind «Меню» so a page starts under the brand, opened
by a tap (and closed by Escape); on a desktop the sections are always shown."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone_menu_folds_and_opens(page, sign_in, team_leader_a):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("leader_a")
    toggle = page.get_by_test_id("menu-toggle")
    sections = page.get_by_role("navigation", name="Разделы")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(sections).to_be_hidden()
    # The page's own heading starts right under the header, not below a wrapped menu.
    assert page.locator("main").bounding_box()["y"] < 120
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(sections).to_be_visible()
    expect(page.get_by_test_id("logout")).to_be_visible()
    link = sections.get_by_role("link", name="Сортировка")
    assert link.bounding_box()["height"] >= 44  # a finger's target
    page.keyboard.press("Escape")
    expect(sections).to_be_hidden()

    toggle.click()
    link.click()
    page.wait_for_url("**/sorting/")
    expect(page.get_by_test_id("menu-toggle")).to_have_attribute("aria-expanded", "false")


def test_desktop_shows_the_sections_without_a_menu_button(page, sign_in, team_leader_a):
    page.set_viewport_size({"width": 1366, "height": 800})
    sign_in("leader_a")
    expect(page.get_by_test_id("menu-toggle")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Разделы")).to_be_visible()
    expect(page.get_by_test_id("logout")).to_be_visible()
