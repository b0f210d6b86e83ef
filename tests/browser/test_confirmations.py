"""Confirmations of irreversible actions (issue 17, item 2; static/js/confirm.js): the dialog
says what will happen, «Отмена» sends nothing; handing in waits for the audit's day (§4.10,
L601) and a handed-in sheet may be withdrawn until the head decides or signs."""

import pytest
from playwright.sync_api import expect

from audits import services
from audits.choices import SheetStatus
from audits.models import ScoreSheet
from core import calendar
from tests.audits.conftest import CHECKLIST

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def planned(group_head, auditor, auditor2, auditor3, agency_a):
    services.checklist_load(path=CHECKLIST)
    return services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=calendar.add_working_days(calendar.today(), 2),
        auditors=[auditor.person, auditor2.person, auditor3.person],
        completed_steps=[1],
    )


def test_handing_in_asks_with_the_count_and_cancel_sends_nothing(
    page, sign_in, planned, auditor, monkeypatch
):
    monkeypatch.setattr(calendar, "today", lambda: planned.date)
    sheet = planned.sheets.get(auditor=auditor.person)
    sign_in("auditor")
    page.goto(sheet.get_absolute_url())
    for code in ("1.1", "1.2"):
        page.locator(f"fieldset.criterion[data-code='{code}']").get_by_label("оценка 4").check()

    # «Отмена»: nothing is sent.
    page.remove_listener("dialog", page.accept_dialogs)
    dismissed = []

    def dismiss(dialog):
        dismissed.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_test_id("submit-sheet").click()
    page.remove_listener("dialog", dismiss)
    page.on("dialog", page.accept_dialogs)
    assert dismissed[-1] == "2 из 3 оценено, сдать лист? Изменить его будет нельзя."
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.DRAFT
    assert not sheet.scores.exists()  # the form was not sent at all

    page.locator("fieldset.criterion[data-code='1.3']").get_by_label("оценка 5").check()
    page.get_by_test_id("submit-sheet").click()
    expect(page.locator(".message-success")).to_contain_text("Оценочный лист сдан")
    assert page.dialog_messages[-1] == "3 из 3 оценено, сдать лист? Изменить его будет нельзя."
    assert ScoreSheet.objects.get(pk=sheet.pk).is_submitted

    # Withdrawn with its own confirmation: a draft again.
    page.goto(sheet.get_absolute_url())
    page.get_by_test_id("withdraw-sheet").click()
    expect(page.locator(".message-success")).to_contain_text("Оценочный лист отозван")
    assert page.dialog_messages[-1].startswith("Отозвать сданный оценочный лист?")
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.DRAFT
    expect(page.get_by_test_id("submit-sheet")).to_be_visible()


def test_signing_the_final_sheet_asks_first(
    page, sign_in, planned, auditor, auditor2, auditor3, monkeypatch
):
    monkeypatch.setattr(calendar, "today", lambda: planned.date)
    for user in (auditor, auditor2, auditor3):
        sheet = planned.sheets.get(auditor=user.person)
        services.sheet_save(
            actor=user, sheet=sheet, scores={"1.1": 4, "1.2": 4, "1.3": 4}, notes={}
        )
        services.sheet_submit(actor=user, sheet=sheet)
    sign_in("group_head")
    page.goto(f"/audits/{planned.pk}/final/")
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("signature")).to_be_visible()
    assert page.dialog_messages[-1] == (
        "Подписать итоговый оценочный лист и опубликовать результаты? Оценки и решения "
        "изменить будет нельзя."
    )


def test_the_field_sheet_hands_in_with_the_count(phone_page, planned, auditor, monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: planned.date)
    page = phone_page("auditor")
    page.goto(f"/audits/{planned.pk}/sheets/{auditor.person.pk}/field/")
    for code in ("1.1", "1.2", "1.3"):
        page.get_by_test_id(f"score-{code}-3").click()
    expect(page.get_by_test_id("field-sync")).to_have_text("Все ответы отправлены.")
    messages = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.get_by_test_id("field-submit").click()
    expect(page.locator(".message-success")).to_contain_text("Оценочный лист сдан")
    assert messages == ["3 из 3 оценено, сдать лист? Изменить его будет нельзя."]
    assert planned.sheets.get(auditor=auditor.person).is_submitted


@pytest.fixture
def phone_page(chromium, live_server):
    from tests.conftest import PASSWORD

    context = chromium.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)

    def make(username):
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    yield make
    context.close()
