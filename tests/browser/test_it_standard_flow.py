"""Criterion 4.3 from the IT department's data in a real browser (issue 12 item 1; seed 003
§8.4 L1337, bands L2365–2377, Appendix 12 note (3) L3817): the department's user uploads the
month's workbook, the group head signs a final sheet whose 4.3 comes from it, and the final
sheet's PDF names the month used."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from audits import services
from audits.models import ITStandardRecord
from core import calendar
from core.periods import format_month, month_start
from core.roles import Role
from reports.documents import final_sheet_pdf
from tests.agencies.factories import UserFactory
from tests.audits.conftest import CHECKLIST

pytestmark = pytest.mark.django_db(transaction=True)


def _score(audit, user):
    sheet = audit.sheets.get(auditor=user.person)
    codes = services.applicable_codes(audit, audit.checklist.criteria.all())
    services.sheet_save(actor=user, sheet=sheet, scores=dict.fromkeys(codes, 5), notes={})
    # Handed in on the audit's day (§4.10, L601).
    services.sheet_submit(actor=user, sheet=sheet, today=audit.date)


def test_the_it_departments_workbook_becomes_criterion_4_3_of_a_signed_sheet(
    page, sign_in, group_head, auditor, auditor2, auditor3, agency_a, agency_b, tmp_path
):
    UserFactory(username="it_dept", roles=[Role.IT_DEPARTMENT])
    services.checklist_load(path=CHECKLIST)
    audit = services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=calendar.add_working_days(calendar.today(), 2),
        auditors=[auditor.person, auditor2.person, auditor3.person],
        completed_steps=[1, 2, 3, 4],
    )
    for user in (auditor, auditor2, auditor3):
        _score(audit, user)
    month = format_month(month_start(calendar.today()))

    # The department's user downloads the month's template, fills it in and uploads it.
    sign_in("it_dept")
    page.get_by_role("link", name="ИТ-стандарт", exact=True).click()
    expect(page.get_by_test_id("it-missing")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("it-template").click()
    # Playwright keeps the download under a name without an extension, which openpyxl refuses.
    with open(download.value.path(), "rb") as file:
        workbook = load_workbook(io.BytesIO(file.read()))
    sheet = workbook.active
    rows = 0
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row, 1).value is None:
            continue
        rows += 1
        if sheet.cell(row, 1).value == agency_a.pk:
            sheet.cell(row, 3).value, sheet.cell(row, 4).value = 40, 36  # 10 % → 3
        else:
            sheet.cell(row, 3).value, sheet.cell(row, 4).value = 12, 12
    filled = tmp_path / "it.xlsx"
    workbook.save(filled)
    page.get_by_test_id("it-import").locator("input[type=file]").set_input_files(str(filled))
    page.get_by_test_id("it-import").get_by_role("button", name="Загрузить").click()
    expect(page.locator("li.message-success")).to_contain_text(f"Загружены данные {rows}")
    expect(page.get_by_test_id("it-complete")).to_be_visible()
    assert ITStandardRecord.objects.get(agency=agency_a).compliant == 36
    page.get_by_test_id("logout").click()

    # The head sees 4.3 from the department's data and signs.
    sign_in("group_head")
    page.goto(f"/audits/{audit.pk}/final/")
    expect(page.get_by_test_id("value-4.3")).to_contain_text("3,00")
    expect(page.get_by_test_id("external-4.3")).to_contain_text(month)
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("signature")).to_be_visible()
    audit.final_sheet.refresh_from_db()
    assert audit.final_sheet.it_standard["score"] == 3

    # The printed Appendix 12 names the month the 4.3 value came from.
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(final_sheet_pdf(audit))).pages)
    assert f"по данным департамента информатизации и связи за {month}" in " ".join(text.split())
