import datetime

import pytest

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


def test_ordering_from_the_page_leads_to_the_status_page(login, governor, signed, committed):
    client = login(governor)
    with committed():
        response = client.post(
            "/reports/documents/order/", {"kind": "summary", "format": "xlsx", "month": "2026-03"}
        )
    document = GeneratedDocument.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/reports/documents/{document.pk}/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "js/reports.js" in page and "data-status-url" in page
    status = client.get(f"/reports/documents/{document.pk}/status/").json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["download_url"] == f"/reports/documents/{document.pk}/download/"
    download = client.get(status["download_url"])
    assert download["Content-Disposition"].startswith('attachment; filename="summary-2026-03.xlsx"')
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_a_bad_month_from_the_page_is_refused_with_a_message(login, governor, db):
    client = login(governor)
    response = client.post(
        "/reports/documents/order/",
        {"kind": "summary", "format": "xlsx", "month": "март"},
        follow=True,
    )
    assert "Укажите месяц в формате ГГГГ-ММ" in response.content.decode()
    assert GeneratedDocument.objects.count() == 0


@pytest.mark.parametrize(
    "role, visible",
    [
        ("group_head", True),
        ("governor", True),
        ("auditor", True),
        ("administrator", True),
        ("team_leader_a", True),
        ("team_member_a", True),
        ("employee_a", True),
        ("team_leader_b", False),
        ("no_role", False),
    ],
)
def test_a_final_sheet_document_is_visible_to_who_sees_the_audit(
    login, role, visible, request, sheet_document
):
    client = login(request.getfixturevalue(role))
    expected = 200 if visible else 404
    assert client.get(f"/reports/documents/{sheet_document.pk}/").status_code == expected
    assert client.get(f"/reports/documents/{sheet_document.pk}/status/").status_code == expected
    response = client.get(f"/reports/documents/{sheet_document.pk}/download/")
    assert response.status_code == expected
    if visible:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content)[:4] == b"%PDF"


def test_anonymous_cannot_reach_documents(client, sheet_document):
    for suffix in ("", "status/", "download/"):
        response = client.get(f"/reports/documents/{sheet_document.pk}/{suffix}")
        assert response.status_code == 302


def test_agency_members_cannot_order_the_summary_from_the_page(login, team_leader_a, db):
    response = login(team_leader_a).post(
        "/reports/documents/order/",
        {"kind": "summary", "format": "pdf", "month": "2026-03"},
        follow=True,
    )
    assert "Сводный отчёт формируют рабочая группа" in response.content.decode()
    assert GeneratedDocument.objects.count() == 0


def test_document_list_page_queries_do_not_grow(
    login, governor, checklist, team, django_assert_max_num_queries
):
    from tests.agencies.factories import AgencyFactory

    client = login(governor)
    for n in range(12):
        audit = signed_audit(
            agency=AgencyFactory(), auditors=team, date=datetime.date(2026, 3, 1 + n), steps=(1,)
        )
        GeneratedDocument.objects.create(
            kind="final_sheet", format="pdf", params={"audit": audit.pk}, audit=audit
        )
    with django_assert_max_num_queries(8):
        html = client.get("/reports/documents/").content.decode()
    assert html.count("/reports/documents/") >= 12


def test_team_leader_orders_the_signed_final_sheet_from_its_page(
    login, team_leader_a, signed, committed
):
    client = login(team_leader_a)
    page = client.get(f"/audits/{signed.pk}/final/").content.decode()
    assert 'data-testid="order-final_sheet-pdf"' in page
    with committed():
        response = client.post(
            "/reports/documents/order/",
            {"kind": "final_sheet", "format": "pdf", "audit": signed.pk},
        )
    document = GeneratedDocument.objects.get(kind="final_sheet")
    assert response["Location"] == f"/reports/documents/{document.pk}/"
    assert client.get(f"/reports/documents/{document.pk}/status/").json()["status"] == "done"


def test_a_leader_of_another_agency_cannot_order_its_final_sheet_from_the_page(
    login, team_leader_b, signed, db
):
    response = login(team_leader_b).post(
        "/reports/documents/order/",
        {"kind": "final_sheet", "format": "pdf", "audit": signed.pk},
        follow=True,
    )
    assert "Итоговый лист этого аудита вам недоступен." in response.content.decode()
    assert GeneratedDocument.objects.count() == 0
