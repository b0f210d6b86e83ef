"""Improvement proposals in a real browser (§9.1 item 3, L1435–1445; Appendix 36): an employee
submits a proposal, the 5S-team leader takes it through identification, the «5 почему»
analysis, the options and the decision to «стандартизация»."""

import pytest
from playwright.sync_api import expect

from agencies.models import Proposal

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_out(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")


def test_employee_submits_and_the_team_takes_it_to_standardise(
    page, sign_in, team_a, agency_a, team_leader_a, employee_a
):
    sign_in("employee_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Предложения").click()
    page.get_by_test_id(f"submit-{agency_a.pk}").click()
    page.fill("textarea[name=what]", "Подписать полки в архиве")
    page.fill("input[name=where]", "каб. 101")
    page.fill("textarea[name=problem]", "Долго ищем дела")
    page.get_by_role("button", name="Подать").click()
    expect(page.locator(".message-success")).to_contain_text("Предложение подано")
    expect(page.get_by_test_id("proposal-stage")).to_have_text("Идентификация проблемы")
    # The employee reads it but does not run the stages.
    expect(page.get_by_test_id("advance")).to_have_count(0)
    proposal_url = page.url
    _sign_out(page)

    sign_in("leader_a")
    page.goto(f"/agencies/{agency_a.pk}/proposals/")
    expect(page.get_by_test_id("column-identify")).to_contain_text("Подписать полки в архиве")
    page.get_by_test_id("column-identify").get_by_role("link").click()
    assert page.url.endswith(proposal_url.split("://", 1)[1].split("/", 1)[1])

    page.get_by_test_id("advance").click()
    expect(page.get_by_test_id("proposal-stage")).to_have_text("Анализ проблемы")

    # Closing the analysis without its record is refused, with the reason shown.
    page.get_by_test_id("advance").click()
    expect(page.locator(".form-errors")).to_contain_text("не завершён")
    page.fill("input[name=whys-0-question]", "Почему долго ищем?")
    page.fill("input[name=whys-0-answer]", "Полки не подписаны")
    page.fill("input[name=whys-1-question]", "Почему не подписаны?")
    page.fill("input[name=whys-1-answer]", "Нет правила подписи")
    page.fill("textarea[name=root_cause]", "Нет 5S-стандарта хранения дел")
    page.get_by_test_id("advance").click()
    expect(page.get_by_test_id("proposal-stage")).to_have_text("Варианты решения")

    page.fill("textarea[name=options]", "Этикетки на полках; цветные папки")
    page.get_by_test_id("advance").click()
    expect(page.get_by_test_id("proposal-stage")).to_have_text("Выбор решения и планирование")

    page.fill("textarea[name=decision]", "Этикетки на полках до 1 апреля")
    page.select_option("select[name=accepted]", "yes")
    page.get_by_test_id("advance").click()
    expect(page.get_by_test_id("proposal-stage")).to_have_text("Оценка выполнения и стандартизация")

    page.goto(f"/agencies/{agency_a.pk}/proposals/")
    expect(page.get_by_test_id("column-standardise")).to_contain_text("Подписать полки в архиве")
    # Usable on a phone: at 390 px the board is one column and the page does not scroll sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (f"/agencies/{agency_a.pk}/proposals/", proposal_url, "/agencies/proposals/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url

    proposal = Proposal.objects.get()
    assert proposal.stage == "standardise"
    assert proposal.whys.count() == 2
    assert proposal.steps.filter(done_on__isnull=False).count() == 4
