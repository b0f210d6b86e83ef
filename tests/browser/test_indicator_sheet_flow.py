"""The indicator sheet in a real browser (§4.7 L505–551, Appendix 8): the team records its
expert group's timings in the grid, the sheet shows max / average / min, a timing recorded
later in the observation grid updates them, and after a second measurement the agency's page
shows each indicator's trend (an inline SVG) and the change against the initial state."""

import pytest
from playwright.sync_api import expect

from agencies.indicators.models import IndicatorSheet
from agencies.models import Person
from tests.agencies.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

SECTIONS = ("paper", "electronic", "operation", "cost")


def _fill_sheet(page, agency, experts, date, times, costs):
    page.goto(f"/agencies/{agency.pk}/indicators/")
    page.get_by_test_id("new-sheet").click()
    page.fill("input[name=date]", date)
    for person in experts:
        page.get_by_label(person.full_name, exact=True).check()
    page.fill("input[name=responsible]", "Членова М. И.")
    row = 0
    for section in SECTIONS:
        for number in range(1, 4):
            page.fill(f"input[name=rows-{row}-name]", f"{section} {number}")
            if section == "cost":
                page.fill(f"input[name=rows-{row}-month]", costs[0])
                page.fill(f"input[name=rows-{row}-quarter]", costs[1])
                page.fill(f"input[name=rows-{row}-year]", costs[2])
            else:
                page.fill(f"input[name=rows-{row}-observations]", times)
            row += 1
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("Лист показателей сохранён.")


def test_the_team_records_timings_and_sees_max_avg_min_and_the_trend(
    page, sign_in, team_a, agency_a, team_member_a
):
    agency_a.actual_headcount = 11  # 20 % → 3 experts
    agency_a.save()
    experts = list(Person.objects.filter(agency=agency_a).order_by("pk")[:3])
    while len(experts) < 3:
        experts.append(PersonFactory(agency=agency_a))

    sign_in("member_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Показатели").click()
    expect(page.get_by_test_id("indicator-region")).to_contain_text(agency_a.short_name)

    # Two experts of the three needed: refused naming the rule, nothing saved.
    page.goto(f"/agencies/{agency_a.pk}/indicators/new/")
    page.fill("input[name=date]", "2026-03-02")
    for person in experts[:2]:
        page.get_by_label(person.full_name, exact=True).check()
    page.fill("input[name=rows-0-name]", "Приказ")
    page.fill("input[name=rows-0-observations]", "40")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("main")).to_contain_text("20 процентов фактической численности")
    expect(page.locator("main")).to_contain_text("не менее 3 показателей")
    assert not IndicatorSheet.objects.exists()

    _fill_sheet(page, agency_a, experts, "2026-03-02", "40; 45; 50,75", ("1.5", "4.5", "18"))
    values = page.get_by_test_id("sheet-values")
    expect(values).to_contain_text("50,75 / 45,3 / 40,00")
    expect(values).to_contain_text("1,50 / 4,50 / 18,00")

    # A timing measured later, recorded in the observation grid.
    page.select_option("select[name=obs-0-indicator]", label="paper 1")
    page.select_option("select[name=obs-0-person]", label=experts[0].full_name)
    page.fill("input[name=obs-0-seconds]", "60")
    page.get_by_role("button", name="Внести", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("Наблюдений внесено: 1.")
    expect(page.get_by_test_id("value-1")).to_contain_text("60,00 / 48,9 / 40,00")

    _fill_sheet(page, agency_a, experts, "2026-06-01", "30; 35", ("1", "3", "15"))
    page.goto(f"/agencies/{agency_a.pk}/indicators/")
    trends = page.get_by_test_id("trends")
    expect(trends.get_by_test_id("trend")).to_have_count(12)
    expect(trends.locator("svg polyline.average")).to_have_count(12)
    expect(trends.locator("svg polygon.band")).to_have_count(9)
    # paper 1: 48.9 → 32.5 is −33.5 %.
    expect(trends).to_contain_text("-33,5 %")
    expect(page.get_by_test_id("agency-change")).to_contain_text("%")
    assert IndicatorSheet.objects.count() == 2

    # The information board shows the indicators with their charts (Appendix 11, L551).
    page.goto(f"/agencies/{agency_a.pk}/board/")
    board = page.get_by_test_id("board-section-indicators")
    expect(board).to_contain_text("paper 1")
    expect(board).to_contain_text("32,5 с (-33,5 % к первоначальному)")
    expect(board.locator("svg polyline.average")).to_have_count(12)

    sheet = IndicatorSheet.objects.order_by("date").first()
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (
        f"/agencies/{agency_a.pk}/indicators/",
        f"/agencies/{agency_a.pk}/indicators/new/",
        sheet.get_absolute_url(),
        "/agencies/indicators/",
    ):
        page.goto(url)
        wide = page.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right"
            " > 392 && !e.closest('.scroll-x')).map(e => e.tagName + '.' + e.className)"
            ".slice(0, 5)"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, (url, wide)
