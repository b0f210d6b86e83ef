import datetime

import pytest

from agencies.models import Agency
from reports.models import GeneratedDocument
from tests.agencies.factories import AgencyFactory
from tests.reports.factories import signed_audit


@pytest.fixture
def audits(checklist, agency_a, agency_b, team):
    first = signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 2, 3), default=3)
    second = signed_audit(
        agency=agency_a, auditors=team, date=datetime.date(2026, 3, 4), default=[4, 4, 4, 5]
    )
    unsigned = signed_audit(
        agency=agency_b, auditors=team, date=datetime.date(2026, 3, 9), finalised=False
    )
    return first, second, unsigned


def test_summary_endpoint_follows_the_contract(api_client, governor, audits, agency_a, agency_b):
    response = api_client(governor).get("/api/v1/summary/?month=2026-03")
    assert response.status_code == 200
    body = response.json()
    assert body["month"] == "2026-03"
    rows = {row["agency"]: row for row in body["rows"]}
    assert len(rows) == Agency.objects.count()
    assert rows[agency_a.pk] == {
        "agency": agency_a.pk,
        "agency_name": "Департамент А",
        "audit": audits[1].pk,
        "audit_date": "2026-03-04",
        "completed_steps": 3,
        "overall": "4.25",
        "change": "1.25",
        "change_since_previous_audit": "1.25",
        "note": "",
    }
    # Agency B's audit of March is not signed: listed, with nothing to show.
    assert rows[agency_b.pk] == {
        "agency": agency_b.pk,
        "agency_name": "Департамент Б",
        "audit": None,
        "audit_date": None,
        "completed_steps": None,
        "overall": None,
        "change": None,
        "change_since_previous_audit": None,
        "note": "нет подписанного аудита",
    }


def test_summary_change_is_null_for_a_first_audit(api_client, governor, audits, agency_a):
    body = api_client(governor).get("/api/v1/summary/?month=2026-02").json()
    (row,) = [row for row in body["rows"] if row["agency"] == agency_a.pk]
    assert row["change"] is None
    assert row["overall"] == "3.00"


def test_summary_change_is_zero_in_a_month_without_an_audit(api_client, governor, audits, agency_a):
    body = api_client(governor).get("/api/v1/summary/?month=2026-04").json()
    (row,) = [row for row in body["rows"] if row["agency"] == agency_a.pk]
    assert (row["audit_date"], row["change"]) == ("2026-03-04", "0.00")
    assert row["change_since_previous_audit"] == "1.25"


@pytest.mark.parametrize("month", ["", "2026-13", "03.2026", "2026-3", "abc"])
def test_summary_month_must_be_yyyy_mm(api_client, governor, month, db):
    response = api_client(governor).get(f"/api/v1/summary/?month={month}")
    assert response.status_code == 400
    body = response.json()
    assert "ГГГГ-ММ" in body["errors"]["month"][0]


@pytest.mark.parametrize("role", ["team_leader_a", "employee_a", "no_role"])
def test_summary_endpoint_is_closed_to_agency_roles(api_client, role, request, db):
    user = request.getfixturevalue(role)
    assert api_client(user).get("/api/v1/summary/?month=2026-03").status_code == 403


def test_summary_endpoint_asks_anonymous_to_authenticate(api_client, db):
    assert api_client().get("/api/v1/summary/?month=2026-03").status_code == 401


def test_ordering_a_summary_returns_202_then_it_can_be_polled_and_downloaded(
    api_client, governor, audits, committed
):
    client = api_client(governor)
    with committed():
        response = client.post(
            "/api/v1/reports/",
            {"kind": "summary", "month": "2026-03", "format": "xlsx"},
            format="json",
        )
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"id", "status"}
    assert body["status"] in {"queued", "running", "done"}
    detail = client.get(f"/api/v1/reports/{body['id']}/").json()
    assert detail["status"] == "done"
    assert detail["download_url"].endswith(f"/api/v1/reports/{body['id']}/download/")
    download = client.get(detail["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="summary-2026-03.xlsx"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_ordering_a_final_sheet_pdf(api_client, group_head, audits, committed):
    client = api_client(group_head)
    with committed():
        response = client.post(
            "/api/v1/reports/",
            {"kind": "final_sheet", "audit": audits[1].pk, "format": "pdf"},
            format="json",
        )
    assert response.status_code == 202
    detail = client.get(f"/api/v1/reports/{response.json()['id']}/").json()
    download = client.get(detail["download_url"])
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="final-sheet-audit-{audits[1].pk}.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content)[:4] == b"%PDF"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"kind": "summary", "format": "xlsx"}, "month"),
        ({"kind": "summary", "format": "xlsx", "month": "2026-3"}, "month"),
        ({"kind": "summary", "format": "docx", "month": "2026-03"}, "format"),
        ({"kind": "chart", "format": "pdf"}, "kind"),
        ({"kind": "final_sheet", "format": "pdf"}, "audit"),
        ({"kind": "final_sheet", "format": "pdf", "audit": 999999}, "audit"),
    ],
)
def test_bad_orders_name_the_field_and_save_nothing(api_client, governor, payload, field, db):
    response = api_client(governor).post("/api/v1/reports/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    errors = body.get("errors", body)
    assert field in errors
    assert GeneratedDocument.objects.count() == 0


def test_an_agency_member_cannot_order_the_summary(api_client, team_leader_a, db):
    response = api_client(team_leader_a).post(
        "/api/v1/reports/", {"kind": "summary", "month": "2026-03", "format": "pdf"}, format="json"
    )
    assert response.status_code == 400
    assert GeneratedDocument.objects.count() == 0


def test_only_the_group_head_may_order_an_unsigned_final_sheet(
    api_client, group_head, governor, auditor, team_leader_b, administrator, audits, committed
):
    unsigned = audits[2]
    for user in (governor, auditor, team_leader_b):
        response = api_client(user).post(
            "/api/v1/reports/",
            {"kind": "final_sheet", "audit": unsigned.pk, "format": "pdf"},
            format="json",
        )
        assert response.status_code == 400
    with committed():
        response = api_client(group_head).post(
            "/api/v1/reports/",
            {"kind": "final_sheet", "audit": unsigned.pk, "format": "pdf"},
            format="json",
        )
    assert response.status_code == 202
    document_id = response.json()["id"]
    for user in (governor, auditor, team_leader_b):
        assert api_client(user).get(f"/api/v1/reports/{document_id}/").status_code == 404
    assert api_client(administrator).get(f"/api/v1/reports/{document_id}/").status_code == 200


def test_a_document_ordered_by_one_user_is_visible_to_those_who_see_its_subject(
    api_client, group_head, team_leader_a, team_leader_b, audits, committed
):
    with committed():
        response = api_client(group_head).post(
            "/api/v1/reports/",
            {"kind": "final_sheet", "audit": audits[1].pk, "format": "xlsx"},
            format="json",
        )
    document_id = response.json()["id"]
    assert api_client(team_leader_a).get(f"/api/v1/reports/{document_id}/").status_code == 200
    assert api_client(team_leader_b).get(f"/api/v1/reports/{document_id}/").status_code == 404
    ids = [d["id"] for d in api_client(team_leader_a).get("/api/v1/reports/").json()["results"]]
    assert ids == [document_id]
    assert api_client(team_leader_b).get("/api/v1/reports/").json()["results"] == []


def test_document_list_is_filterable_and_paginated(api_client, governor, audits, committed):
    client = api_client(governor)
    with committed():
        for fmt in ("pdf", "xlsx"):
            client.post(
                "/api/v1/reports/",
                {"kind": "summary", "month": "2026-03", "format": fmt},
                format="json",
            )
    body = client.get("/api/v1/reports/?file_format=pdf").json()
    assert body["count"] == 1 and body["results"][0]["format"] == "pdf"
    assert client.get("/api/v1/reports/?page_size=1").json()["count"] == 2
    assert client.get("/api/v1/reports/?month=2026-3").status_code == 400


def test_document_list_queries_do_not_grow_with_rows(
    api_client, governor, checklist, team, django_assert_max_num_queries
):
    for n in range(15):
        audit = signed_audit(
            agency=AgencyFactory(), auditors=team, date=datetime.date(2026, 3, 1 + n), steps=(1,)
        )
        GeneratedDocument.objects.create(
            kind="final_sheet", format="pdf", params={"audit": audit.pk}, audit=audit
        )
    client = api_client(governor)
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/reports/").json()
    assert body["count"] == 15


def test_schema_and_docs_are_served(api_client, governor, db):
    client = api_client(governor)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/summary/" in schema.content
    assert b"/api/v1/reports/{id}/download/" in schema.content
    assert client.get("/api/docs/").status_code == 200


def test_summary_endpoint_queries_do_not_grow_with_agencies(
    api_client, governor, checklist, team, django_assert_max_num_queries
):
    client = api_client(governor)

    def build(count):
        for _n in range(count):
            agency = AgencyFactory()
            for month in (1, 2):
                signed_audit(
                    agency=agency, auditors=team, date=datetime.date(2026, month, 5), steps=(1,)
                )

    def signed_rows():
        rows = client.get("/api/v1/summary/?month=2026-02").json()["rows"]
        assert len(rows) == Agency.objects.count()  # every agency is listed
        return [row for row in rows if row["audit"] is not None]

    build(2)
    with django_assert_max_num_queries(6) as small:
        assert len(signed_rows()) == 2
    build(12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(signed_rows()) == 14
