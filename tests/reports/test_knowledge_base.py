import datetime

import pytest

from audits import services as audit_services
from reports import services
from reports.choices import PublicationKind
from reports.models import GeneratedDocument, Publication
from tests.agencies.factories import AgencyFactory
from tests.reports.factories import signed_audit


@pytest.fixture
def unsigned(checklist, agency_a, team, today):
    return signed_audit(
        agency=agency_a, auditors=team, date=datetime.date(2026, 5, 6), finalised=False
    )


def test_signing_a_final_sheet_publishes_it_as_pdf_and_xlsx(
    unsigned, group_head, team_leader_a, login, committed
):
    with committed():
        audit_services.final_sheet_finalise(actor=group_head, audit=unsigned)
    publications = Publication.objects.filter(kind=PublicationKind.FINAL_SHEET)
    assert publications.count() == 2
    assert {p.document.format for p in publications} == {"pdf", "xlsx"}
    assert all(p.agency_id == unsigned.agency_id for p in publications)
    assert all(p.period == unsigned.date for p in publications)
    # Tasks run in-process here, so the files are rendered when first opened.
    assert all(p.document.status == "queued" for p in publications)
    pdf = publications.get(document__format="pdf")
    response = login(team_leader_a).get(f"/reports/knowledge-base/{pdf.pk}/download/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content)[:4] == b"%PDF"
    pdf.document.refresh_from_db()
    assert pdf.document.is_ready and pdf.document.size > 0


def test_with_a_worker_signing_writes_the_publication_to_the_outbox(
    unsigned, group_head, committed, settings, monkeypatch
):
    from core import outbox
    from core.models import OutboxMessage

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6394/4"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    published = []
    monkeypatch.setattr(outbox, "_publish", lambda message_id: published.append(message_id))
    with committed():
        audit_services.final_sheet_finalise(actor=group_head, audit=unsigned)
    message = OutboxMessage.objects.get(handler="reports.publish_final_sheet")
    assert message.key == f"final-sheet-publication:{unsigned.pk}"
    assert published.count(message.pk) == 1
    assert Publication.objects.count() == 0
    assert outbox.deliver(message.pk) == "done"  # what the worker then does
    assert Publication.objects.count() == 2
    assert all(p.document.is_ready for p in Publication.objects.all())
    assert outbox.deliver(message.pk) is None  # delivered once


def test_publishing_a_final_sheet_again_changes_nothing(unsigned, group_head, committed):
    with committed():
        audit_services.final_sheet_finalise(actor=group_head, audit=unsigned)
    services.final_sheet_publish(audit_id=unsigned.pk)
    assert Publication.objects.count() == 2
    assert GeneratedDocument.objects.count() == 2


def test_an_unsigned_audit_is_not_published(unsigned):
    assert services.final_sheet_publish(audit_id=unsigned.pk) == []
    assert Publication.objects.count() == 0


def test_the_summary_is_published_on_the_fifth_working_day_after_the_month(
    checklist, agency_a, team, committed
):
    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 5, 6))
    # May 2026 ends on Sunday the 31st: the 5th working day after it is Friday 5 June.
    assert services.summaries_publish_due(today=datetime.date(2026, 6, 4)) == []
    with committed():
        assert services.summaries_publish_due(today=datetime.date(2026, 6, 5)) == [
            datetime.date(2026, 5, 1)
        ]
    with committed():
        assert services.summaries_publish_due(today=datetime.date(2026, 6, 8)) == []
    summaries = Publication.objects.filter(kind=PublicationKind.SUMMARY)
    assert summaries.count() == 2
    assert {p.period for p in summaries} == {datetime.date(2026, 5, 1)}
    assert all(p.agency is None and p.document.is_ready for p in summaries)


def test_the_beat_schedule_publishes_summaries():
    from fives_portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "reports.tasks.publish_due_summaries" in tasks


def test_the_management_command_publishes_a_month(checklist, agency_a, team):
    from django.core.management import call_command

    signed_audit(agency=agency_a, auditors=team, date=datetime.date(2026, 4, 6))
    call_command("publish_summaries", "--month", "2026-04")
    assert Publication.objects.filter(kind=PublicationKind.SUMMARY).count() == 2


def test_other_apps_publish_standards_with_a_file(agency_a):
    publication = services.publication_publish(
        kind=PublicationKind.STANDARD,
        source_key="standard:1",
        agency=agency_a,
        period=datetime.date(2026, 4, 1),
        title="5S-стандарт рабочего места",
        file=b"%PDF-1.4 test",
        file_name="standard.pdf",
    )
    again = services.publication_publish(
        kind=PublicationKind.STANDARD,
        source_key="standard:1",
        agency=agency_a,
        period=datetime.date(2026, 4, 1),
        title="5S-стандарт рабочего места (ред. 2)",
        file=b"%PDF-1.4 test 2",
        file_name="standard.pdf",
    )
    assert again.pk == publication.pk
    assert Publication.objects.get().title.endswith("(ред. 2)")


def test_publishing_needs_a_document_file_or_link(agency_a):
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as error:
        services.publication_publish(
            kind=PublicationKind.STANDARD,
            source_key="x",
            period=datetime.date(2026, 4, 1),
            title="Пусто",
        )
    assert "file" in error.value.details
    assert Publication.objects.count() == 0


@pytest.fixture
def library(checklist, agency_a, agency_b, team):
    for agency in (agency_a, agency_b):
        audit = signed_audit(agency=agency, auditors=team, date=datetime.date(2026, 4, 7))
        services.final_sheet_publish(audit_id=audit.pk)
    services.summary_publish(month=datetime.date(2026, 4, 1))
    services.photo_report_publish(agency=agency_b, month=datetime.date(2026, 4, 1))


@pytest.mark.parametrize(
    "role, expected",
    [
        ("governor", 7),
        ("group_head", 7),
        ("auditor", 7),
        ("administrator", 7),
        ("team_leader_a", 4),  # A's two final sheets and the two region-wide summaries
        ("team_member_a", 4),
        ("employee_a", 4),
        ("team_leader_b", 5),  # B's final sheets, its photo report, the summaries
    ],
)
def test_knowledge_base_is_scoped_by_role(api_client, login, role, expected, request, library):
    user = request.getfixturevalue(role)
    assert api_client(user).get("/api/v1/publications/").json()["count"] == expected
    html = login(user).get("/reports/knowledge-base/").content.decode()
    assert html.count('class="button small"') == expected


def test_knowledge_base_is_closed_without_a_role(api_client, login, no_role, library):
    assert api_client(no_role).get("/api/v1/publications/").status_code == 403
    assert login(no_role).get("/reports/knowledge-base/").status_code == 403
    assert api_client().get("/api/v1/publications/").status_code == 401


def test_knowledge_base_filters_by_agency_period_kind_and_text(
    api_client, login, governor, agency_a, library
):
    client = api_client(governor)
    get = lambda query: client.get(f"/api/v1/publications/?{query}").json()  # noqa: E731
    assert get(f"agency={agency_a.pk}")["count"] == 2
    assert get("kind=summary")["count"] == 2
    assert get("kind=photo_report")["count"] == 1
    assert get("period_from=2026-05")["count"] == 0
    assert get("period_from=2026-04&period_to=2026-04")["count"] == 7
    assert get("q=Департамент Б")["count"] == 3
    assert client.get("/api/v1/publications/?period_from=04-2026").status_code == 400
    html = login(governor).get("/reports/knowledge-base/?kind=summary").content.decode()
    assert html.count('class="button small"') == 2


def test_knowledge_base_downloads_the_published_file(login, team_leader_a, agency_a, library):
    publication = Publication.objects.get(agency=agency_a, document__format="pdf")
    response = login(team_leader_a).get(f"/reports/knowledge-base/{publication.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content)[:4] == b"%PDF"
    other = Publication.objects.filter(kind="final_sheet").exclude(agency=agency_a).first()
    assert (
        login(team_leader_a).get(f"/reports/knowledge-base/{other.pk}/download/").status_code == 404
    )


def test_knowledge_base_list_queries_do_not_grow(
    api_client, governor, checklist, team, django_assert_max_num_queries
):
    for _n in range(12):
        services.photo_report_publish(agency=AgencyFactory(), month=datetime.date(2026, 4, 1))
    client = api_client(governor)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/publications/").json()["count"] == 12


def test_the_group_head_sees_the_summary_deadline_on_the_home_page(login, group_head, today):
    html = login(group_head).get("/").content.decode()
    assert "Сводный отчёт за май 2026: разместить до 05.06.2026" in html


def test_the_deadline_says_published_once_it_is(login, group_head, checklist, today):
    services.summary_publish(month=datetime.date(2026, 5, 1))
    html = login(group_head).get("/").content.decode()
    assert "Сводный отчёт за май 2026: размещён в «ДИАрама»" in html


def test_agency_roles_do_not_get_the_summary_panel(login, team_leader_a, today):
    assert "Сводный отчёт за" not in login(team_leader_a).get("/").content.decode()


def test_knowledge_base_page_queries_do_not_grow(
    login, governor, db, django_assert_max_num_queries
):
    client = login(governor)

    def build(count):
        for _n in range(count):
            services.photo_report_publish(agency=AgencyFactory(), month=datetime.date(2026, 4, 1))

    build(2)
    with django_assert_max_num_queries(12) as small:
        client.get("/reports/knowledge-base/?kind=photo_report")
    build(12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get("/reports/knowledge-base/?kind=photo_report").content.decode()
    assert html.count('class="button small"') == 14
