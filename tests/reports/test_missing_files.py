"""A generated file missing on disk (a lost volume, a restored database) answers a clear 410
and orders the document again, never a server error (issue 10, «Storage»)."""

import datetime
import os

import pytest

from core.models import OutboxMessage
from reports import services
from reports.choices import PublicationKind
from reports.models import GeneratedDocument
from tests.reports.factories import signed_audit


@pytest.fixture
def document(checklist, agency_a, team, group_head, committed):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 4))
    with committed():
        ordered = services.document_request(
            actor=group_head, kind="summary", format="xlsx", month=datetime.date(2026, 3, 1)
        )
    ordered.refresh_from_db()
    assert ordered.is_ready
    os.remove(ordered.file.path)
    return ordered


def test_the_page_answers_410_and_orders_the_document_again(login, governor, document, committed):
    client = login(governor)
    with committed():
        response = client.get(f"/reports/documents/{document.pk}/download/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "Файл документа не найден на диске" in page
    assert f"/reports/documents/{document.pk}/" in page
    document.refresh_from_db()
    assert document.status == "done"  # made again right after the commit (no broker here)
    again = client.get(f"/reports/documents/{document.pk}/download/")
    assert again.status_code == 200
    assert b"".join(again.streaming_content)[:2] == b"PK"


def test_the_api_answers_410_json_and_the_order_waits_in_the_outbox(api_client, governor, document):
    response = api_client(governor).get(f"/api/v1/reports/{document.pk}/download/")
    assert response.status_code == 410
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["id"] == document.pk and body["status"] == "queued"
    assert "Файл документа не найден на диске" in body["detail"]
    message = OutboxMessage.objects.get(key=f"document:{document.pk}")
    assert message.status == "pending"  # revived; delivered after the commit or by the sweep
    # Without a broker the document is made when it is next asked for (../shared/API.md).
    detail = api_client(governor).get(f"/api/v1/reports/{document.pk}/").json()
    assert detail["status"] == "done" and detail["download_url"]
    assert GeneratedDocument.objects.count() == 1


def test_polling_a_document_whose_file_is_gone_orders_it_again(api_client, governor, document):
    detail = api_client(governor).get(f"/api/v1/reports/{document.pk}/").json()
    assert detail["status"] == "queued"
    assert detail["download_url"] is None
    assert "Файл документа не найден" in detail["error"]


def test_a_published_document_whose_file_is_gone_answers_410(api_client, login, governor, document):
    publication = services.publication_publish(
        kind=PublicationKind.SUMMARY,
        source_key="summary:2026-03:xlsx",
        period=datetime.date(2026, 3, 1),
        title="Сводный отчёт",
        document=document,
    )
    response = api_client(governor).get(f"/api/v1/publications/{publication.pk}/download/")
    assert response.status_code == 410
    assert response.json()["id"] == document.pk


def test_an_uploaded_file_gone_from_disk_is_a_json_404(api_client, login, governor, agency_a):
    publication = services.publication_publish(
        kind=PublicationKind.STANDARD,
        source_key="standard:9",
        agency=agency_a,
        period=datetime.date(2026, 4, 1),
        title="5S-стандарт",
        file=b"%PDF-1.4 test",
        file_name="standard.pdf",
    )
    os.remove(publication.file.path)
    response = api_client(governor).get(f"/api/v1/publications/{publication.pk}/download/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Файл публикации не найден."
    page = login(governor).get(f"/reports/knowledge-base/{publication.pk}/download/")
    assert page.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_ordering_outside_a_test_transaction_makes_the_document_once(
    checklist, agency_a, team, api_client, governor
):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 3, 4))
    order = {"kind": "summary", "month": "2026-03", "format": "pdf"}
    first = api_client(governor).post("/api/v1/reports/", order, format="json")
    assert first.status_code == 202
    # No broker: made in-process right after the commit, done when first asked for.
    assert first.json()["status"] == "done"
    second = api_client(governor).post("/api/v1/reports/", order, format="json")
    assert second.json() == {"id": first.json()["id"], "status": "done"}
    document = GeneratedDocument.objects.get()
    assert document.history.filter(status="done").count() == 2  # ordered twice, made twice
    message = OutboxMessage.objects.get()
    assert (message.key, message.status) == (f"document:{document.pk}", "done")
