"""The external audit in a real browser: an auditor scores by the descriptors, the group head
settles a divergent criterion and signs, the agency's team leader reads the final sheet and
drafts the corrective-action plan."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from audits import services
from audits.models import CorrectiveActionPlan, Decision
from core import calendar
from tests.audits.conftest import CHECKLIST

pytestmark = pytest.mark.django_db(transaction=True)


def _score_colleague(audit, user, scores):
    sheet = audit.sheets.get(auditor=user.person)
    services.sheet_save(actor=user, sheet=sheet, scores=scores, notes={})
    services.sheet_submit(actor=user, sheet=sheet, today=audit.date)  # the audit's day (L601)


def test_audit_from_scoring_to_the_corrective_action_plan(
    page, sign_in, group_head, auditor, auditor2, auditor3, team_leader_a, agency_a, monkeypatch
):
    services.checklist_load(path=CHECKLIST)
    audit = services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=calendar.add_working_days(calendar.today(), 2),
        auditors=[auditor.person, auditor2.person, auditor3.person],
        completed_steps=[1],
    )
    _score_colleague(audit, auditor2, {"1.1": 2, "1.2": 4, "1.3": 4})
    _score_colleague(audit, auditor3, {"1.1": 4, "1.2": 4, "1.3": 5})

    # The auditor opens their draft from the home page and scores by the descriptors.
    sign_in("auditor")
    page.get_by_role("link", name=re.compile("Департамент А — аудит")).click()
    criterion = page.locator("fieldset.criterion[data-code='1.1']")
    expect(criterion).to_contain_text("- список «ненужных» предметов составлен")
    expect(page.get_by_test_id("unscored-2.1")).to_contain_text("шаг не завершён")
    for code, score in (("1.1", 4), ("1.2", 4), ("1.3", 4)):
        page.locator(f"fieldset.criterion[data-code='{code}']").get_by_label(
            f"оценка {score}"
        ).check()
    criterion.get_by_label(re.compile("Примечания")).fill("Коробки с бумагой в коридоре")
    # Before the audit's day the sheet is saved but not handed in (§4.10, L601).
    page.get_by_test_id("submit-sheet").click()
    assert page.dialog_messages[-1] == "3 из 3 оценено, сдать лист? Изменить его будет нельзя."
    expect(page.locator(".message-error")).to_contain_text("в день аудита или позже")
    monkeypatch.setattr(calendar, "today", lambda: audit.date)
    page.get_by_test_id("submit-sheet").click()
    expect(page.locator(".message-success")).to_contain_text("Оценочный лист сдан")
    page.get_by_test_id("logout").click()

    # The head sees 1.1 flagged (2, 4, 4), records the vote and signs.
    sign_in("group_head")
    page.goto(f"/audits/{audit.pk}/final/")
    expect(page.get_by_test_id("divergent-1.1")).to_be_visible()
    page.get_by_test_id("finalise").click()
    expect(page.locator(".message-error")).to_contain_text("1.1")
    form = page.get_by_test_id("decision-1.1")
    for user in (auditor, auditor2, auditor3):
        form.get_by_label(re.compile(user.person.full_name)).select_option("4")
    form.get_by_role("button", name="Записать решение").click()
    expect(page.locator(".message-success")).to_contain_text("Коллегиальное решение")
    assert Decision.objects.get().score == 4
    expect(page.get_by_test_id("value-1.1")).to_contain_text("4,00")
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("signature")).to_contain_text("Главнов Глеб Глебович")
    page.get_by_test_id("logout").click()

    # The team leader reads the signed sheet and drafts the plan from its remarks.
    sign_in("leader_a")
    page.get_by_role("link", name=re.compile("Разработать план мероприятий")).click()
    expect(page.get_by_test_id("final-sheet")).to_contain_text("Коробки с бумагой в коридоре")
    expect(page.get_by_test_id("overall")).to_contain_text("4,11")  # (4 + 4 + 13/3) / 3
    page.get_by_test_id("create-plan").click()
    expect(page.get_by_test_id("plan-actions")).to_contain_text("Коробки с бумагой в коридоре")
    page.get_by_test_id("cause-1").fill("Нет места для временного хранения")
    page.get_by_test_id("action-1").fill("Определить зону временного хранения")
    # A plan's date lies at most two years ahead (core.validators).
    planned = datetime.date.today() + datetime.timedelta(days=60)
    page.get_by_test_id("planned-1").fill(planned.isoformat())
    page.get_by_test_id("executor-1").fill("Лидеров Л. Л.")
    page.get_by_test_id("save-plan").click()
    expect(page.locator(".message-success")).to_contain_text("План мероприятий сохранён")
    action = CorrectiveActionPlan.objects.get().actions.get()
    assert action.action == "Определить зону временного хранения" and action.step == 1


def test_an_auditor_cannot_open_a_colleagues_sheet(
    page, sign_in, group_head, auditor, auditor2, auditor3, agency_a
):
    services.checklist_load(path=CHECKLIST)
    audit = services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=calendar.add_working_days(calendar.today(), 2),
        auditors=[auditor.person, auditor2.person, auditor3.person],
        completed_steps=[1],
    )
    sign_in("auditor")
    assert page.goto(f"/audits/{audit.pk}/sheets/{auditor2.person.pk}/").status == 403
    assert page.goto(f"/audits/{audit.pk}/final/").status == 403
