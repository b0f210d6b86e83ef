"""A standards engineer (here a 5S team leader) records a timing study before and after an
improvement that carried out a corrective action of the agency's plan, and sees the growth, the
new piece rate and the corrective action with a link to its plan."""

import re

from playwright.sync_api import expect

from tests.productivity.factories import CorrectiveActionFactory, WorkplaceFactory


def test_team_leader_records_a_study_and_sees_growth_and_new_piece_rate(
    page, sign_in, team_leader_a, agency_a
):
    WorkplaceFactory(agency=agency_a, name="Участок сборки узлов")
    action = CorrectiveActionFactory(
        plan__audit__agency=agency_a, step=2, number=3, remark="Инструмент далеко от места"
    )
    sign_in("leader_a")
    page.get_by_role("link", name="Производительность труда").first.click()
    page.get_by_role("link", name="Новое исследование").click()
    page.select_option("select[name=workplace]", label="Участок сборки узлов — Департамент А")
    page.fill("input[name=title]", "Сборка узла А-1")
    page.get_by_role("button", name="Сохранить").click()

    # Before the improvement: Tц 48 s (repeated), Tрр 24 s, 8 h shift, 0.5 h rest.
    expect(page.get_by_role("heading", level=1)).to_contain_text("до улучшения")
    page.fill("input[name=rest_h]", "0,5")
    page.fill("input[name=operations-0-name]", "Сборка")
    page.fill("input[name=operations-0-cycle_times_s]", "50 46 48")
    page.fill("input[name=operations-0-manual_times_s]", "24 24 24")
    page.get_by_role("button", name="Записать замер").click()
    expect(page.get_by_test_id("kvc-before")).to_have_text(re.compile(r"0[,.]5000"))
    expect(page.get_by_test_id("kst-before")).to_have_text(re.compile(r"1[,.]0750"))

    # A bad «after» first: manual time above the cycle time is refused with a named field.
    page.get_by_role("link", name="Записать замер «после»").click()
    page.fill("textarea[name=improvement]", "Инструмент перенесён в зону досягаемости (кайдзен)")
    page.select_option(
        "select[name=corrective_action]",
        label="Шаг 2, № 3: Инструмент далеко от места (план от 16.02.2026)",
    )
    page.fill("input[name=rest_h]", "0,5")
    page.fill("input[name=operations-0-name]", "Сборка")
    page.fill("input[name=operations-0-cycle_times_s]", "24 24")
    page.fill("input[name=operations-0-manual_times_s]", "30 30")
    page.get_by_role("button", name="Записать замер").click()
    expect(page.locator(".field-error").first).to_contain_text("Kвц не может быть больше 1")

    page.fill("input[name=operations-0-manual_times_s]", "24 24")
    page.get_by_role("button", name="Записать замер").click()

    expect(page.get_by_test_id("growth-value")).to_have_text(re.compile(r"2[,.]00\b"))
    expect(page.get_by_test_id("growth-percent")).to_have_text(re.compile(r"100[,.]0\b"))
    expect(page.get_by_test_id("improvement")).to_contain_text("зону досягаемости")
    expect(page.get_by_test_id("corrective-action")).to_contain_text(
        "Шаг 2, № 3: Инструмент далеко от места"
    )
    expect(page.get_by_test_id("corrective-action-plan")).to_have_attribute(
        "href", f"/audits/action-plans/{action.plan_id}/"
    )
    expect(page.get_by_test_id("kst-after")).to_have_text(re.compile(r"1[,.]4500"))
    expect(page.get_by_test_id("rate-after")).to_have_text(re.compile(r"0[,.]62"))

    page.get_by_role("link", name="Участок сборки узлов").click()
    expect(page.get_by_test_id("card-kst")).to_have_text(re.compile(r"1[,.]4500"))
    expect(page.get_by_test_id("card-rate")).to_have_text(re.compile(r"0[,.]62"))

    page.goto("/productivity/results/")
    expect(page.get_by_test_id("results")).to_contain_text("Департамент А")
    expect(page.locator("figure.chart svg").first).to_be_visible()
