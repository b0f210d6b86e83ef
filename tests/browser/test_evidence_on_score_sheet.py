"""Evidence in a real browser (issue 16, item 3): an auditor opening the score sheet sees,
under a criterion, the agency's records that prove it (count, latest date, links) and which
kinds are missing; the agency's team leader sees, criterion by criterion, what it has and
what is missing before the next audit."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from agencies.models import Room
from audits import services
from core import calendar
from sorting.services import classifier_load
from standards.placement import services as placement_services
from standards.placement.choices import SchemeKind
from standards.register import services as register_services
from standards.register.models import StandardKind
from tests.audits.conftest import CHECKLIST
from tests.sorting.factories import make_tag
from tests.standards.conftest import approved_standard
from tests.standards.placement.factories import png_upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_auditor_sees_the_agencys_evidence_for_a_criterion_on_the_score_sheet(
    page, sign_in, group_head, auditor, auditor2, auditor3, team_leader_a, agency_a, administrator
):
    services.checklist_load(path=CHECKLIST)
    classifier_load()
    audit = services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=calendar.add_working_days(calendar.today(), 2),
        auditors=[auditor.person, auditor2.person, auditor3.person],
        completed_steps=[1, 2, 3, 4],
    )
    earlier = calendar.today() - datetime.timedelta(days=5)
    latest_day = calendar.today() - datetime.timedelta(days=1)
    make_tag(team_leader_a, agency_a, marked_on=earlier, item_name="Шкаф металлический")
    tag = make_tag(team_leader_a, agency_a, marked_on=latest_day, item_name="Стул офисный")
    # 2.1: the room's approved rational-placement scheme (§6.3, L893); 4.8: the register of
    # 5S standards with its review date (§8.2, L1145).
    room, _ = Room.objects.get_or_create(agency=agency_a, name="101")
    scheme = placement_services.scheme_upload(
        actor=team_leader_a, room=room, kind=SchemeKind.RATIONAL, file=png_upload()
    )
    placement_services.scheme_approve(actor=administrator, scheme=scheme)
    register_services.reference_load()
    standard = approved_standard(
        agency_a,
        StandardKind.objects.get(code="stock_levels"),
        leader=team_leader_a,
        head=administrator,
        on=latest_day,
    )

    sign_in("auditor")
    page.goto(f"/audits/{audit.pk}/sheets/{auditor.person.pk}/")
    evidence = page.get_by_test_id("evidence-1.1")
    expect(evidence.locator("summary")).to_contain_text("записей: 2")
    expect(evidence.locator("summary")).to_contain_text(latest_day.strftime("%d.%m.%Y"))
    evidence.locator("summary").click()
    tags = evidence.locator("li[data-kind='sorting.red_tag']")
    expect(tags).to_be_visible()
    expect(tags.get_by_test_id("evidence-count")).to_have_text("записей: 2")
    expect(tags.get_by_test_id("evidence-latest")).to_contain_text(latest_day.strftime("%d.%m.%Y"))
    link = tags.get_by_role("link", name=re.compile("Стул офисный"))
    expect(link).to_have_attribute("href", tag.get_absolute_url())
    # The storage zone has no record yet: shown as missing, not hidden.
    expect(evidence.locator("li[data-kind='sorting.storage_check']")).to_contain_text("нет записей")
    scheme_line = page.get_by_test_id("evidence-2.1")
    scheme_line.locator("summary").click()
    schemes = scheme_line.locator("li[data-kind='standards.placement_scheme']")
    expect(schemes.get_by_test_id("evidence-count")).to_have_text("записей: 1")
    expect(schemes.get_by_role("link")).to_have_attribute("href", scheme.get_absolute_url())
    register_line = page.get_by_test_id("evidence-4.8")
    register_line.locator("summary").click()
    standards = register_line.locator("li[data-kind='standards.standard']")
    expect(standards).to_contain_text(f"пересмотреть не позднее {standard.review_due:%d.%m.%Y}")
    # A criterion no record proves says why (5.8, promotion events).
    page.get_by_test_id("evidence-5.8").locator("summary").click()
    expect(page.get_by_test_id("evidence-5.8").get_by_test_id("evidence-reason")).to_contain_text(
        "Мероприятия по продвижению 5S"
    )
    page.get_by_test_id("logout").click()

    # The agency's own page: what it has and what is missing before the next audit.
    sign_in("leader_a")
    page.goto(f"/agencies/{agency_a.pk}/")
    page.get_by_test_id("evidence-link").click()
    expect(page.locator("h1")).to_have_text("Доказательства по критериям")
    expect(page.locator("tr[data-code='1.2']")).to_contain_text("Стул офисный")
    expect(page.get_by_test_id("evidence-missing")).to_contain_text("5.7")
