"""The register of 5S standards in a real browser (§8, L1139–1145, L1161–1253; Appendix 29):
the team writes the stock standard through the form, the leader agrees it and the head approves
it; the register then shows 7 of the 8 mandatory standards of §8.2 and names the missing one."""

import pytest
from playwright.sync_api import expect

from core.roles import Role
from standards.register import services
from standards.register.models import Standard, StandardKind
from tests.agencies.factories import PersonFactory, UserFactory
from tests.standards.conftest import approved_standard

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_stock_standard_written_agreed_and_approved_makes_seven_of_eight(
    page, sign_in, agency_a, team_a, team_leader_a
):
    services.reference_load()
    kinds = list(StandardKind.objects.order_by("order"))
    head_a = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(
        agency=agency_a, user=head_a, full_name="Руководов Роман Романович"
    )
    agency_a.save()
    stock = next(kind for kind in kinds if kind.code == "stock_levels")
    missing = next(kind for kind in kinds if kind.code == "electronic_documents")
    for kind in kinds:
        if kind not in (stock, missing):
            approved_standard(agency_a, kind, leader=team_leader_a, head=head_a)

    sign_in("leader_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="5S-стандарты").click()
    expect(page.get_by_test_id("mandatory-summary")).to_contain_text("Есть 6 из 8")
    page.get_by_test_id("mandatory-standards").get_by_role("row").filter(
        has_text=stock.title
    ).get_by_role("link", name="внести").click()
    expect(page.locator("select[name=kind]")).to_have_value(stock.code)
    page.fill(
        "textarea[name=text]",
        "Для каждого места хранения установлены минимальный и максимальный уровни запасов.",
    )
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("5S-стандарт внесён в перечень.")
    page.get_by_role("link", name="Открыть проект редакции").click()
    page.get_by_role("button", name="Согласовать").click()
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")

    standard = Standard.objects.get(agency=agency_a, kind=stock)
    sign_in("head_a")
    page.goto(standard.get_absolute_url())
    page.get_by_role("link", name="Открыть проект редакции").click()
    page.get_by_role("button", name="Утвердить").click()
    standard.refresh_from_db()
    assert standard.approved_version is not None

    page.goto(f"/standards/?agency={agency_a.pk}")
    expect(page.get_by_test_id("mandatory-summary")).to_contain_text(
        "Есть 7 из 8, утверждено 7, просрочен пересмотр: 0."
    )
    expect(page.get_by_test_id("mandatory-missing")).to_have_text(
        f"Нет 5S-стандарта: «{missing.title}»"
    )
