"""Step 3 «Содержание в чистоте» in a real browser (§7, L950–1070; Appendices 24, 25): the team
leader writes a cleaning-inspection plan and signs it; the head cannot approve it before the
other agreements; a schedule shorter than a quarter is refused on the page with what was typed
kept, then saved for the quarter; the head of the department signs it from the home page; the
employee of the room marks the actual date."""

import datetime

import pytest
from playwright.sync_api import expect

from agencies.models import Room
from core.roles import Role
from standards.shine.models import CleaningSchedule, ScheduleDate
from tests.agencies.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_out(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")


def _person(agency, username, full_name, position="Консультант"):
    user = UserFactory(username=username, roles=[Role.EMPLOYEE])
    return PersonFactory(agency=agency, user=user, full_name=full_name, position=position)


def test_a_plan_signed_a_quarterly_schedule_signed_and_an_actual_date_marked(
    page, sign_in, team_a, agency_a, team_leader_a
):
    Room.objects.create(agency=agency_a, name="101")
    _person(agency_a, "house_a", "Хозяйкина Ольга Петровна")
    _person(agency_a, "inv_a", "Инвентарёв Иван Ильич")
    _person(agency_a, "chief_a", "Отделов Олег Олегович", "Начальник отдела")
    _person(agency_a, "cleaner_a", "Чистова Анна Андреевна")
    agency_a.head = _person(agency_a, "head_a", "Руководов Роман Романович", "Директор")
    agency_a.save()
    today = datetime.date.today()
    start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)

    # The leader writes the plan (Appendix 24) and signs it as the 5S team leader.
    sign_in("leader_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Чистота").click()
    page.goto("/standards/shine/plans/")
    page.get_by_test_id("create-form").get_by_role("button", name="Новый план").click()
    page.fill("input[name=department]", "Отдел кадров")
    page.select_option("select[name=rooms]", label="101")
    page.select_option("select[name=leader]", label="Лидеров Лев Львович")
    page.select_option("select[name=housekeeping]", label="Хозяйкина Ольга Петровна")
    page.select_option("select[name=inventory_officer]", label="Инвентарёв Иван Ильич")
    page.fill("input[name=inventory_phone]", "+7 (4852) 40-00-01")
    page.fill("input[name=rows-0-activity]", "Протереть пыль со шкафов")
    page.fill("input[name=rows-0-frequency]", "еженедельно")
    page.fill("input[name=rows-0-time_from]", "08:30")
    page.fill("input[name=rows-0-time_to]", "08:45")
    page.fill("input[name=rows-0-responsible]", "Чистова А.А.")
    page.fill("textarea[name=rows-0-safety]", "п. 3.2 инструкции")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".has-error").first).to_contain_text("примечание 6")
    expect(page.locator("input[name=rows-0-activity]")).to_have_value("Протереть пыль со шкафов")
    page.fill("textarea[name=rows-0-safety]", "Работать со стремянкой вдвоём, в перчатках.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("План уборки-проверки сохранён.")
    page.get_by_test_id("sign-button-leader").click()
    expect(page.get_by_test_id("sign-leader")).to_contain_text("подписано")
    plan_url = page.url

    # A schedule shorter than a quarter is refused, what was typed stays; then saved.
    page.get_by_role("link", name="График уборки по плану").click()
    page.select_option("select[name=room]", label="101")
    page.select_option("select[name=department_head]", label="Отделов Олег Олегович")
    page.select_option("select[name=staff]", label="Чистова Анна Андреевна")
    page.fill("input[name=period_start]", start.isoformat())
    page.fill("input[name=period_end]", (start + datetime.timedelta(days=60)).isoformat())
    page.fill("input[name=rows-0-work]", "Протереть пыль со шкафов")
    page.fill("input[name=rows-0-frequency]", "еженедельно")
    page.fill("textarea[name=rows-0-dates]", start.strftime("%d.%m.%Y"))
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("main")).to_contain_text("не менее 1 квартала")
    expect(page.locator("textarea[name=rows-0-dates]")).to_have_value(start.strftime("%d.%m.%Y"))
    page.fill("input[name=period_end]", (start + datetime.timedelta(days=95)).isoformat())
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("График уборки сохранён.")
    assert CleaningSchedule.objects.get().plan is not None
    _sign_out(page)

    # The head cannot approve the plan before the other two agreements.
    sign_in("head_a")
    page.goto(plan_url)
    expect(page.get_by_test_id("sign-head")).to_contain_text("не подписано")
    expect(page.get_by_test_id("sign-button-head")).to_have_count(0)
    _sign_out(page)

    # The head of the department signs the schedule from the home page.
    sign_in("chief_a")
    page.goto("/")
    page.get_by_role("link", name="График уборки 101").first.click()
    page.get_by_test_id("sign-button-department_head").click()
    expect(page.locator(".message-success")).to_contain_text("График подписан.")
    _sign_out(page)

    # The employee of the room marks the actual date.
    sign_in("cleaner_a")
    page.goto(CleaningSchedule.objects.get().get_absolute_url())
    page.fill("input[name=done-0-done_on]", start.isoformat())
    page.get_by_test_id("save-done").click()
    expect(page.locator(".message-success")).to_contain_text("Даты выполнения сохранены.")
    assert ScheduleDate.objects.get().done_on == start
