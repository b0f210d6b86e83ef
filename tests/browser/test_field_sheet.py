"""The field score sheet on a phone (issue 17, item 1) at 390×844: an auditor scores every
criterion the sheet has, the connection is cut halfway and comes back, the server holds each
answer exactly once; a newer answer from a second device is shown as a conflict; every
control is a touch target of at least 44 px."""

import itertools

import pytest
from playwright.sync_api import expect

from audits import services
from audits.models import Criterion, Score
from core import calendar
from tests.audits.conftest import CHECKLIST

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
TOUCH_MIN = 44


@pytest.fixture
def phone(chromium, live_server):
    """A phone-sized context (touch, 390×844) that may reach nothing but the portal."""
    contexts = []
    external = []

    def make():
        context = chromium.new_context(
            base_url=live_server.url,
            locale="ru-RU",
            viewport=PHONE,
            has_touch=True,
            is_mobile=True,
            service_workers="allow",
        )
        context.set_default_timeout(15_000)

        def guard(route):
            if not route.request.url.startswith(live_server.url):
                external.append(route.request.url)
                return route.abort()
            return route.continue_()

        context.route("**/*", guard)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not external, f"pages requested outside resources: {external}"


def _sign_in(context, username):
    from tests.conftest import PASSWORD

    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


@pytest.fixture
def full_audit(group_head, auditor, auditor2, auditor3, agency_a):
    """All five steps completed by an agency responsible for common areas: every criterion
    but 4.3 (scored from the IT department's data, §8.4) is on the auditors' sheets."""
    services.checklist_load(path=CHECKLIST)
    agency_a.responsible_for_common_areas = True
    agency_a.save()
    return services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=calendar.add_working_days(calendar.today(), 2),
        auditors=[auditor.person, auditor2.person, auditor3.person],
        completed_steps=[1, 2, 3, 4, 5],
    )


def _codes(audit):
    criteria = list(Criterion.objects.filter(version=audit.checklist))
    applicable = services.applicable_codes(audit, criteria)
    return [
        c.code
        for c in sorted(criteria, key=lambda c: (c.step_number, c.position))
        if c.code in applicable
    ]


def _assert_touch_targets(page):
    controls = page.locator(
        ".field-sheet button:visible, .field-sheet select:visible, "
        ".field-sheet textarea:visible, .field-unscored a:visible"
    )
    count = controls.count()
    assert count > 100
    for index in range(count):
        box = controls.nth(index).bounding_box()
        assert box is not None
        assert box["height"] >= TOUCH_MIN and box["width"] >= TOUCH_MIN, (
            controls.nth(index).evaluate("e => e.outerHTML.slice(0, 120)"),
            box,
        )


def test_an_auditor_scores_the_whole_sheet_on_a_phone_through_a_lost_connection(
    phone, full_audit, auditor
):
    codes = _codes(full_audit)
    assert len(codes) == 34  # 35 criteria, 4.3 from the IT department's data
    context = phone()
    page = _sign_in(context, "auditor")
    page.goto(f"/audits/{full_audit.pk}/sheets/{auditor.person.pk}/field/")
    expect(page.get_by_test_id("field-progress")).to_have_text("0 из 34")
    expect(page.get_by_test_id("card-4.3")).to_contain_text("Не оценивается")
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _assert_touch_targets(page)

    # Tapping a score shows that score's descriptors.
    page.get_by_test_id("score-1.1-2").click()
    card = page.get_by_test_id("card-1.1")
    expect(card.locator(".score-descriptors[data-for='2']")).to_be_visible()
    expect(card.locator(".score-descriptors[data-for='5']")).to_be_hidden()
    expect(card.locator(".score-descriptors[data-for='2']")).to_contain_text(
        "«ненужные» предметы не удалены"
    )
    page.get_by_test_id("note-1.1").fill("Коробки с бумагой в коридоре")
    page.get_by_test_id("note-1.1").blur()

    half = len(codes) // 2
    for index, code in enumerate(codes[:half]):
        page.get_by_test_id(f"score-{code}-{index % 5 + 1}").click()
    expect(page.get_by_test_id("field-sync")).to_have_text("Все ответы отправлены.")
    expect(page.get_by_test_id(f"state-{codes[0]}")).to_have_text("отправлено")
    assert Score.objects.filter(score__isnull=False).count() == half

    # The connection is cut: the rest is kept on the device.
    context.set_offline(True)
    page.get_by_test_id("field-jump").select_option("c-58")
    for index, code in enumerate(codes[half:]):
        page.get_by_test_id(f"score-{code}-{(index + half) % 5 + 1}").click()
    last = codes[-1]
    expect(page.get_by_test_id(f"state-{last}")).to_have_text("сохранено на устройстве")
    expect(page.get_by_test_id("field-sync")).to_contain_text(f"ждёт отправки: {len(codes) - half}")
    expect(page.get_by_test_id("field-progress")).to_have_text("34 из 34")
    expect(page.get_by_test_id("field-unscored")).to_have_text("все критерии оценены")
    expect(page.get_by_test_id("field-submit")).to_be_disabled()
    assert Score.objects.filter(score__isnull=False).count() == half

    # The connection returns: everything is sent, each answer exactly once.
    context.set_offline(False)
    expect(page.get_by_test_id("field-sync")).to_have_text("Все ответы отправлены.", timeout=20_000)
    expect(page.get_by_test_id(f"state-{last}")).to_have_text("отправлено")
    scores = {s.criterion.code: s for s in Score.objects.select_related("criterion")}
    assert sorted(scores) == sorted(codes)
    for index, code in enumerate(codes):
        assert scores[code].score == index % 5 + 1, code
        states = [(h.score, h.note) for h in scores[code].history.order_by("history_id")]
        # Every answer applied once: no state written twice in a row.
        assert all(a != b for a, b in itertools.pairwise(states)), (code, states)
        if code != "1.1":  # 1.1 had a score 2 and a note before its score 1
            assert len(states) == 1, (code, states)
    assert scores["1.1"].note == "Коробки с бумагой в коридоре"
    expect(page.get_by_test_id("field-submit")).to_be_enabled()

    # The sheet opens again from the device without a connection (service worker + cache).
    context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("field-progress")).to_have_text("34 из 34")
    context.set_offline(False)


def test_a_newer_answer_from_a_second_device_is_shown_as_a_conflict(phone, full_audit, auditor):
    sheet_url = f"/audits/{full_audit.pk}/sheets/{auditor.person.pk}/field/"
    first = phone()
    page = _sign_in(first, "auditor")
    page.goto(sheet_url)
    page.get_by_test_id("score-1.1-3").click()
    expect(page.get_by_test_id("state-1.1")).to_have_text("отправлено")

    # The tablet opens the sheet (it sees 3) and changes the answer to 2.
    tablet = _sign_in(phone(), "auditor")
    tablet.goto(sheet_url)
    expect(tablet.get_by_test_id("score-1.1-3")).to_have_attribute("aria-pressed", "true")
    tablet.get_by_test_id("score-1.1-2").click()
    expect(tablet.get_by_test_id("state-1.1")).to_have_text("отправлено")

    # The phone, offline in a basement, answers 5 and comes back: a conflict, not an overwrite.
    first.set_offline(True)
    page.get_by_test_id("score-1.1-5").click()
    expect(page.get_by_test_id("state-1.1")).to_have_text("сохранено на устройстве")
    first.set_offline(False)
    conflict = page.get_by_test_id("conflict-1.1")
    expect(conflict).to_be_visible(timeout=20_000)
    expect(conflict).to_contain_text("более новый ответ (оценка 2)")
    expect(page.get_by_test_id("field-sync")).to_contain_text("Конфликтов ответов: 1")
    assert Score.objects.get(criterion__code="1.1").score == 2

    # The auditor keeps the phone's answer on purpose.
    conflict.get_by_role("button", name="Оставить мой ответ").click()
    expect(page.get_by_test_id("state-1.1")).to_have_text("отправлено")
    assert Score.objects.get(criterion__code="1.1").score == 5
