"""Training in a real browser (§9.2, L1383–1385): the leader writes the programme's grid, the
head approves it, the leader records a session (an eighth attendee refused citing the rule,
seven accepted), and the agency's coverage shows it; the pages fit a 390 px phone."""

import pytest
from playwright.sync_api import expect

from agencies.models import TrainingSession
from core import calendar
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_out(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")


def test_programme_approved_and_a_session_of_seven_recorded(
    page, sign_in, team_a, agency_a, team_leader_a
):
    head = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(agency=agency_a, user=head, full_name="Руководов Роман")
    agency_a.save()
    newcomers = [
        PersonFactory(agency=agency_a, trained_on=None, full_name=f"Новичок {index}")
        for index in range(8)
    ]
    today = calendar.today()

    sign_in("leader_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Обучение").click()
    page.goto(f"/agencies/{agency_a.pk}/training/")
    page.get_by_role("link", name="Составить программу").click()
    page.fill("input[name=year]", str(today.year))
    page.fill("input[name=topics-0-title]", "Применение 5S-стандартов")
    page.fill("input[name=topics-0-planned_on]", today.isoformat())
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("Программа обучения сохранена.")
    programme_url = page.url
    _sign_out(page)

    sign_in("head_a")
    page.goto(programme_url)
    page.get_by_role("button", name="Утвердить").click()
    expect(page.get_by_test_id("programme-status")).to_have_text("Утверждена")
    _sign_out(page)

    sign_in("leader_a")
    page.goto(f"/agencies/{agency_a.pk}/training/")
    page.get_by_test_id("record-session").click()
    page.fill("input[name=topic]", "Применение 5S-стандартов")
    page.fill("input[name=trainer]", "Кадрова Анна")
    page.fill("input[name=duration_hours]", "1.5")
    for person in newcomers:
        page.get_by_label(person.full_name, exact=False).check()
    page.get_by_role("button", name="Внести").click()
    expect(page.locator("main")).to_contain_text("5 - 7 человек")
    assert not TrainingSession.objects.exists()
    page.get_by_label(newcomers[-1].full_name, exact=False).uncheck()
    page.get_by_role("button", name="Внести").click()
    expect(page.locator(".message-success")).to_contain_text("Занятие внесено.")
    expect(page.get_by_test_id("sessions")).to_contain_text("Применение 5S-стандартов")
    expect(page.get_by_test_id("sessions")).not_to_contain_text("вне программы")
    session = TrainingSession.objects.get()
    assert session.in_programme
    assert session.attendances.count() == 7

    page.set_viewport_size({"width": 390, "height": 844})
    for url in (f"/agencies/{agency_a.pk}/training/", programme_url, "/agencies/training/"):
        page.goto(url)
        wide = page.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right"
            " > 392 && !e.closest('.scroll-x')).map(e => e.tagName + '.' + e.className + '#'"
            " + (e.name || '')).slice(0, 5)"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, (url, wide)
