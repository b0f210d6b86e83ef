"""The deployment plan in a real browser (§4.8, Appendix 10): the leader makes the plan from the
template, moves one activity past its maximum and the head's approval is refused naming it; the
leader fixes it, the head approves, the leader marks an activity done and downloads the print."""

import io

import pytest
from playwright.sync_api import expect

from agencies.deployment.choices import PlanStatus
from agencies.deployment.models import DeploymentPlan
from tests.agencies.deployment.helpers import fill_within_maxima, load_template, make_head

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def template(db):
    load_template()


@pytest.fixture
def head_a(agency_a):
    return make_head(agency_a)


def _sign_out(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")


def test_leader_plans_head_refuses_then_approves_leader_marks_done_and_prints(
    page, sign_in, template, team_a, agency_a, team_leader_a, head_a
):
    from tests.conftest import PASSWORD

    head_a.set_password(PASSWORD)
    head_a.save()

    # The leader makes the plan from the regulation's tables.
    sign_in("leader_a")
    page.get_by_role("navigation", name="Разделы").get_by_role(
        "link", name="Планы развёртывания"
    ).click()
    form = page.get_by_test_id("plan-create")
    form.locator("select[name=agency]").select_option(str(agency_a.pk))
    form.locator("input[name=year]").fill("2026")
    form.get_by_role("button", name="Составить план").click()
    expect(page.locator(".message-success")).to_contain_text("План составлен по шаблону")
    plan = DeploymentPlan.objects.get(agency=agency_a, year=2026)
    expect(page.get_by_test_id("activity-4.1.1")).to_contain_text("Определить лидера 5S-команды")
    expect(page.get_by_test_id("activity-7.1.2")).to_contain_text("2 дня")
    expect(page.get_by_test_id("activity-9.1.3")).to_contain_text("постоянно")

    # The dates of every activity as the team agreed them (within each maximum)...
    fill_within_maxima(plan)
    page.reload()
    # ...then 4.1.7 (two weeks at most) is moved one day past its maximum: saved and marked.
    row = page.get_by_test_id("activity-4.1.7")
    end = row.locator("input[name$=planned_end]")
    original_end = end.input_value()
    end.fill("2026-02-01")
    page.get_by_test_id("activity-grid").get_by_role("button", name="Сохранить план").click()
    expect(page.locator(".message-success")).to_contain_text("План сохранён.")
    expect(page.get_by_test_id("activity-4.1.7").get_by_test_id("exceeds")).to_contain_text(
        "15 дн. — больше максимума (14 дн.)"
    )
    _sign_out(page)

    # The head's approval is refused, naming the activity.
    sign_in("head_a")
    page.goto(plan.get_absolute_url())
    page.get_by_test_id("approve-form").get_by_role("button", name="Утвердить").click()
    expect(page.get_by_test_id("approval-errors")).to_contain_text(
        "4.1.7 «Утвердить план развёртывания системы 5S в ОИВ ЯО или СППО»: 15 дн."
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    _sign_out(page)

    # The leader fixes it.
    sign_in("leader_a")
    page.goto(plan.get_absolute_url())
    page.get_by_test_id("activity-4.1.7").locator("input[name$=planned_end]").fill(original_end)
    page.get_by_test_id("activity-grid").get_by_role("button", name="Сохранить план").click()
    expect(page.locator(".message-success")).to_contain_text("План сохранён.")
    expect(page.get_by_test_id("activity-4.1.7").get_by_test_id("exceeds")).to_have_count(0)
    _sign_out(page)

    # The head approves.
    sign_in("head_a")
    page.goto(plan.get_absolute_url())
    page.get_by_test_id("approve-form").get_by_role("button", name="Утвердить").click()
    expect(page.locator(".message-success")).to_contain_text("План развёртывания утверждён.")
    expect(page.get_by_test_id("plan-status")).to_have_text("утверждён")
    _sign_out(page)

    # The leader marks 4.1.1 done and downloads the print.
    sign_in("leader_a")
    page.goto(plan.get_absolute_url())
    row = page.get_by_test_id("activity-4.1.1")
    expect(row.locator("input[name$=planned_end]")).to_be_disabled()
    row.locator("input[name$=actual_end]").fill("2026-01-12")
    page.get_by_test_id("activity-grid").get_by_role("button", name="Сохранить план").click()
    expect(page.locator(".message-success")).to_contain_text("План сохранён.")
    expect(page.get_by_test_id("week-grid").locator("td.done").first).to_be_visible()
    assert plan.activities.get(section="4.1", number=1).actual_end.isoformat() == "2026-01-12"
    with page.expect_download() as info:
        page.get_by_test_id("plan-pdf").click()
    download = info.value
    assert download.suggested_filename == f"deployment-plan-{agency_a.pk}-2026.pdf"
    from pypdf import PdfReader

    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(page_.extract_text() for page_ in reader.pages)
    assert "Определить лидера 5S-команды" in text and "УТВЕРЖДАЮ" in text

    # At 390 px the pages fit the phone: the grids scroll inside their own boxes.
    page.set_viewport_size({"width": 390, "height": 800})
    for url in (
        plan.get_absolute_url(),
        "/agencies/deployment/plans/",
        "/agencies/deployment/orders/",
        f"/agencies/{agency_a.pk}/deployment/orders/new/",
    ):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
