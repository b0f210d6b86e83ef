"""A team leader edits their team in a real browser; another agency's leader is refused."""

import re

import pytest
from playwright.sync_api import expect

from tests.agencies.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_edits_their_team_and_sees_rule_errors_first(page, sign_in, team_a, agency_a):
    newcomer = PersonFactory(agency=agency_a, full_name="Новенькая Нина Николаевна")
    untrained = PersonFactory(agency=agency_a, full_name="Неучёнов Пётр Петрович", trained_on=None)

    sign_in("leader_a")
    page.get_by_role("link", name="Департамент А").first.click()
    page.get_by_role("link", name=team_a.name).click()
    page.get_by_role("link", name="Изменить состав").click()

    # An untrained colleague is refused with the reason, and nothing changes.
    page.get_by_label(re.compile("Неучёнов Пётр Петрович")).check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".form-errors")).to_contain_text("не соответствует требованиям пункта 4.3")
    expect(page.locator(".field-error").first).to_contain_text("Неучёнов Пётр Петрович")
    assert not team_a.members.filter(pk=untrained.pk).exists()

    page.get_by_label(re.compile("Неучёнов Пётр Петрович")).uncheck()
    page.get_by_label(re.compile("Новенькая Нина Николаевна")).check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("Состав 5S-команды сохранён.")
    expect(page.get_by_test_id("team-members")).to_contain_text("Новенькая Нина Николаевна")
    assert team_a.members.filter(pk=newcomer.pk).exists()


def test_leader_of_another_agency_is_refused(page, sign_in, team_a, team_b):
    sign_in("leader_b")
    response = page.goto(f"/agencies/teams/{team_a.pk}/edit/")
    assert response.status == 404
    response = page.goto(f"/agencies/teams/{team_b.pk}/edit/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text(team_b.name)


def test_interface_switches_to_english(page, sign_in, team_a):
    sign_in("leader_a")
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Working group")).to_be_visible()
