"""The governor's office opens the region dashboard, orders the summary report as PDF, watches
its progress on the document page (status polled by static/js/reports.js) and downloads it."""

import datetime
import io
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect
from pypdf import PdfReader

from audits import services as audit_services
from tests.reports.factories import signed_audit

pytestmark = pytest.mark.django_db(transaction=True)


def test_governor_orders_and_downloads_the_summary_pdf(
    page, sign_in, governor, agency_a, agency_b, working_group, monkeypatch
):
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: datetime.date(2026, 6, 15))
    audit_services.checklist_load(
        path=settings.BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"
    )
    team = [m.person for m in working_group.memberships.select_related("person")]
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 5, 5), default=3)
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 6, 3), default=4)
    signed_audit(agency=agency_b, auditors=team, date=datetime.date(2026, 6, 9), default=5)

    sign_in("governor")
    page.get_by_role("link", name="Сводный отчёт / Дашборд").click()
    table = page.get_by_test_id("dashboard-table")
    expect(table).to_contain_text("Департамент Б")
    expect(table.locator("tbody tr").first).to_contain_text("5,00")
    expect(table).to_contain_text("+1,00")
    expect(page.locator("svg.chart").first).to_be_visible()

    # The document page polls the JSON status endpoint until the document is done.
    with page.expect_response(re.compile(r"/reports/documents/\d+/status/$")) as polled:
        page.get_by_test_id("order-summary-pdf").first.click()
    assert polled.value.json()["status"] == "done"
    page.wait_for_url(re.compile(r"/reports/documents/\d+/$"))
    expect(page.locator("[data-role=status-label]")).to_have_text("Готов")
    expect(page.locator("[data-role=progress]")).to_have_attribute("value", "100")
    download_link = page.get_by_test_id("download")
    expect(download_link).to_be_visible()

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "summary-2026-06.pdf"
    with open(download.path(), "rb") as stored:
        content = stored.read()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "июнь 2026" in text
    assert "Департамент А" in text and "4,00" in text and "+1,00" in text
