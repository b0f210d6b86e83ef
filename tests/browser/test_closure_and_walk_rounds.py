"""Step closure and the head's walk-rounds in a real browser at a phone's width (390 px):
the leader records a walk-round and the head confirms it (§4.5, L461); the leader is refused
closing step 1 with the unscored room named, then closes it after the diagnosis and opens the
document (§4.6, L501; §5.5, L765)."""

import datetime

import pytest
from playwright.sync_api import expect

from agencies.models import Room
from audits.closure.models import StepClosure
from core import calendar
from core.roles import Role
from tests.agencies.factories import PersonFactory, UserFactory
from tests.audits.test_step_closure import diagnose

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"


def test_walk_round_and_step_closure_on_a_phone(page, sign_in, team_leader_a, agency_a):
    page.set_viewport_size({"width": 390, "height": 844})
    head_user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(agency=agency_a, user=head_user, full_name="Руководителев")
    agency_a.save()
    today = calendar.today()

    sign_in("leader_a")
    page.goto(f"/agencies/{agency_a.pk}/walk-rounds/")
    _fits(page)
    form = page.get_by_test_id("walkround-form")
    form.locator("textarea[name=looked_at]").fill("Кабинеты 101–105, архив")
    form.locator("textarea[name=remarks]").fill("В архиве коробки на полу")
    form.get_by_label("Выполнение сортировки").check()
    form.get_by_role("button", name="Внести").click()
    expect(page.get_by_test_id("walkround-state")).to_contain_text("ждёт подтверждения")
    _fits(page)

    page.context.clear_cookies()
    sign_in("head_a")
    page.goto("/")
    # The head's home panel «Обходы рабочих мест» names the record awaiting confirmation.
    page.locator('a[href^="/agencies/walk-rounds/"]', has_text="Подтвердите обход").click()
    page.get_by_role("button", name="Подтвердить обход").click()
    expect(page.get_by_test_id("walkround-state")).to_contain_text("Подтверждён")
    page.goto(f"/agencies/{agency_a.pk}/walk-rounds/")
    expect(page.get_by_test_id("half-year")).to_contain_text("проведён")

    page.context.clear_cookies()
    for name in ("Кабинет 101", "Архив"):
        Room.objects.create(agency=agency_a, name=name)
    diagnose(
        team_leader_a, agency_a, [1], on=today - datetime.timedelta(days=1), names=["Кабинет 101"]
    )
    sign_in("leader_a")
    page.goto(f"/audits/steps/{agency_a.pk}/")
    _fits(page)
    expect(page.get_by_test_id("diagnosis")).to_contain_text("Архив")
    close = page.get_by_test_id("close-step")
    close.locator("textarea[name=problems-0-problem]").fill("Нет места для архивных коробок")
    close.locator("textarea[name=problems-0-proposal]").fill("Выделить стеллаж")
    close.get_by_role("button", name="Подписать и завершить шаг").click()
    expect(page.locator(".form-errors").first).to_contain_text("Архив")
    assert not StepClosure.objects.exists()

    diagnose(team_leader_a, agency_a, [1], on=today)
    page.goto(f"/audits/steps/{agency_a.pk}/")
    close = page.get_by_test_id("close-step")
    close.locator("textarea[name=problems-0-problem]").fill("Нет места для архивных коробок")
    close.get_by_role("button", name="Подписать и завершить шаг").click()
    expect(page.get_by_test_id("closure-pdf")).to_be_visible()
    _fits(page)
    assert StepClosure.objects.get().step == 1
    response = page.request.get(page.get_by_test_id("closure-pdf").get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
