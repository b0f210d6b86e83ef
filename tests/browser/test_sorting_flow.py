"""Step 1 in a real browser: a team member marks an item and prints its red tag, the leader
records the decision, the storage-zone keeper admits the item and records the weekly check."""

import datetime
import os

import pytest
from playwright.sync_api import expect

from core import calendar
from core.roles import Role
from sorting.choices import EntryKind, ItemCategory
from sorting.models import ClassifierEntry, RedTag, StorageAdmission, StorageCheck
from sorting.services import classifier_load
from tests.agencies.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _entry(kind, index):
    return ClassifierEntry.objects.filter(
        team=None, category=ItemCategory.UNNEEDED, kind=kind
    ).order_by("order")[index]


def _shot(page, name):
    """SORTING_SCREENSHOTS=/some/dir keeps screenshots to look at during development."""
    folder = os.environ.get("SORTING_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _sign_out(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/accounts/login/**")


def test_member_marks_leader_decides_keeper_admits_and_checks(
    page, sign_in, team_a, agency_a, team_leader_a, team_member_a
):
    classifier_load()
    keeper = UserFactory(username="keeper_a", roles=[Role.EMPLOYEE])
    team_a.storage_keeper = PersonFactory(agency=agency_a, user=keeper, full_name="Хранителева К.")
    team_a.save()
    today = calendar.today()

    # The leader plans the sorting.
    sign_in("leader_a")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Сортировка").click()
    page.get_by_role("link", name="Назначить сортировку").click()
    page.fill("input[name=date_from]", today.isoformat())
    page.fill("textarea[name=rooms]", "Кабинеты 101–105")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("Сортировка назначена.")
    round_url = page.url
    _sign_out(page)

    # A member marks an item during the sorting and prints its tag.
    sign_in("member_a")
    page.goto(round_url)
    page.get_by_role("link", name="Промаркировать предмет").click()
    page.fill("input[name=room]", "103")
    page.fill("input[name=workplace_owner]", "Иванов И.И.")
    page.fill("input[name=item_name]", "Сканер Canon LiDE")
    page.fill("input[name=inventory_number]", "0136-77")
    page.check(f"input[name=reason][value='{_entry(EntryKind.STATE, 3).pk}']")
    page.check(f"input[name=action][value='{_entry(EntryKind.DECISION, 1).pk}']")
    page.fill("input[name=move_deadline]", (today + datetime.timedelta(days=2)).isoformat())
    page.fill("input[name=responsible_for_moving]", "Членова М.И.")
    _shot(page, "tag-form")
    page.get_by_role("button", name="Сохранить").click()
    _shot(page, "tag-detail")
    expect(page.get_by_test_id("tag-title")).to_contain_text("№ 1")
    expect(page.get_by_test_id("tag-list-state")).to_contain_text("строка 1")
    tag = RedTag.objects.get()
    pdf_link = page.get_by_test_id("tag-pdf")
    pdf = page.request.get(pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    _sign_out(page)

    # The leader records the decision agreed at the discussion.
    sign_in("leader_a")
    page.goto(round_url)
    page.get_by_role("link", name="Решения и согласование").first.click()
    page.get_by_test_id("decide-1").click()
    page.fill("input[name=decider_name]", "Сидоров С.С.")
    page.fill("input[name=decider_position]", "Начальник отдела")
    decision = _entry(EntryKind.DECISION, 0)
    page.check(f"input[name=decision][value='{decision.pk}']")
    page.fill("input[name=execute_by]", (today + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Внести решение").click()
    expect(page.locator(".message-success")).to_contain_text("Решение внесено в список.")
    expect(page.get_by_test_id("line-1")).to_contain_text(decision.text)
    _shot(page, "list")
    _sign_out(page)

    # The keeper admits the item and records the weekly check with the decision carried out.
    sign_in("keeper_a")
    page.goto(f"/sorting/zone/{agency_a.pk}/")
    page.select_option("select[name=red_tag]", str(tag.pk))
    page.get_by_role("button", name="Принять в зону").click()
    expect(page.locator(".message-success")).to_contain_text("Предмет помещён в зону")
    expect(page.get_by_test_id("zone-items")).to_contain_text("Сканер Canon LiDE")
    expect(page.get_by_test_id("zone-items")).to_contain_text(today.strftime("%d.%m.%Y"))
    _shot(page, "zone")
    page.get_by_test_id("weekly-check").click()
    _shot(page, "check")
    page.get_by_test_id("carried-1").fill(today.isoformat())
    page.get_by_role("button", name="Записать проверку").click()
    expect(page.locator(".message-success")).to_contain_text("Еженедельная проверка записана.")
    expect(page.get_by_test_id("zone-items")).to_contain_text("Зона временного хранения пуста.")
    admission = StorageAdmission.objects.get()
    assert admission.released_on == today
    assert StorageCheck.objects.get().lines.get().present


def test_member_of_another_agency_gets_404_on_a_tag(page, sign_in, team_a, team_b, agency_a):
    from sorting.services import redtag_create

    classifier_load()
    member = team_a.memberships.get(person__user__username="member_a").person.user
    tag = redtag_create(
        actor=member,
        agency=agency_a,
        data={
            "marked_by": "5S-команда",
            "room": "1",
            "item_name": "Стул",
            "quantity": 1,
            "reason": _entry(EntryKind.STATE, 0),
            "action": _entry(EntryKind.DECISION, 0),
        },
    )
    sign_in("leader_b")
    assert page.goto(f"/sorting/tags/{tag.pk}/").status == 404
    assert page.goto(f"/sorting/tags/{tag.pk}/edit/").status == 404
