"""Issue 17, item 7: documents people can read — titles by appendix, agency and date; sizes in
KB/MB; no checksum on the page (the API keeps it); the list polls while any is pending; a
document of an audit links back to it."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation

from reports import services
from reports.models import GeneratedDocument
from tests.reports.factories import signed_audit


@pytest.fixture
def signed(checklist, agency_a, team):
    return signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 4))


@pytest.fixture
def sheet_document(signed, group_head, committed):
    with committed():
        return services.document_request(
            actor=group_head, kind="final_sheet", format="pdf", audit=signed
        )


def test_the_list_names_documents_by_appendix_agency_and_date(
    login, group_head, sheet_document, signed, django_assert_max_num_queries
):
    client = login(group_head)
    with django_assert_max_num_queries(15):
        page = client.get("/reports/documents/").content.decode()
    assert (
        f"Итоговый оценочный лист (приложение 12): {signed.agency.short_name}, аудит 04.03.2026"
        in page
    )
    assert "аудит №" not in page
    sheet_document.refresh_from_db()
    assert sheet_document.size and sheet_document.size > 1024
    assert " B<" not in page and f">{sheet_document.size}<" not in page
    assert "КБ" in page or "МБ" in page
    assert sheet_document.checksum not in page
    assert "js/documents.js" in page


def test_the_document_page_has_no_checksum_but_the_api_does(
    login, api_client, group_head, sheet_document, signed
):
    sheet_document.refresh_from_db()
    page = login(group_head).get(sheet_document.get_absolute_url()).content.decode()
    assert sheet_document.checksum not in page and "SHA-256" not in page
    assert f"/audits/{signed.pk}/final/" in page  # the way back to the audit
    body = api_client(group_head).get(f"/api/v1/reports/{sheet_document.pk}/").json()
    assert body.get("checksum") == sheet_document.checksum
    status = login(group_head).get(f"/reports/documents/{sheet_document.pk}/status/").json()
    assert status["size"] == sheet_document.size and "КБ" in status["size_label"]


def test_sizes_and_titles_in_english(login, group_head, sheet_document):
    client = login(group_head)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/reports/documents/").content.decode()
    assert "KB" in page or "MB" in page


def test_a_summary_is_named_by_its_month(login, governor, committed):
    with committed():
        document = services.document_request(
            actor=governor, kind="summary", format="xlsx", month=datetime.date(2026, 3, 1)
        )
    document = GeneratedDocument.objects.get(pk=document.pk)
    with translation.override("ru"):
        assert document.title == "Сводный отчёт (приложение 13) за март 2026"
    with translation.override("en"):
        assert document.title == "Summary report (Appendix 13) for March 2026"


def test_a_pending_document_is_polled_by_the_list(login, group_head, sheet_document):
    GeneratedDocument.objects.filter(pk=sheet_document.pk).update(status="queued", attempts=1)
    page = login(group_head).get("/reports/documents/").content.decode()
    assert f'data-status-url="/reports/documents/{sheet_document.pk}/status/"' in page
    script = (settings.BASE_DIR / "static" / "js" / "documents.js").read_text()
    assert "data-pending" in script and "size_label" in script
