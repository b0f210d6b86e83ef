"""GET /api/v1/audits/{id}/evidence/ and /api/v1/agencies/{id}/evidence/ (issue 16, item 3):
every criterion of the checklist is a key, whichever steps the audit covers; each record kind
that proves it shows the agency's count, latest date and links; who may read the audit (or
the agency) reads its evidence, others get 404; queries do not grow with the records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import InternalAudit
from core import evidence
from core.evidence_map import CRITERIA
from sorting.services import classifier_load
from tests.audits.conftest import TODAY
from tests.sorting.factories import make_round, make_tag


@pytest.fixture(autouse=True)
def classifier(db):
    """Red tags need the classifier (loaded as the sorting tests do)."""
    return classifier_load()


ENTRY_FIELDS = {"kind", "title", "date", "url", "count", "available", "records"}


def url_of(audit):
    return f"/api/v1/audits/{audit.pk}/evidence/"


def agency_url(agency):
    return f"/api/v1/agencies/{agency.pk}/evidence/"


def add_records(user, agency, *, tags, months):
    for index in range(tags):
        make_tag(user, agency, item_name=f"Стул {index}")
    done = InternalAudit.objects.filter(agency=agency).count()
    for index in range(done, done + months):
        InternalAudit.objects.create(
            agency=agency,
            month=datetime.date(2024 + index // 12, 1 + index % 12, 1),
            conducted_on=datetime.date(2024 + index // 12, 1 + index % 12, 20),
            created_by=user,
        )


def test_every_criterion_of_the_checklist_is_a_key_whichever_steps_the_audit_covers(
    api_client, audit, auditor
):
    assert audit.completed_steps == [1, 2]
    response = api_client(auditor).get(url_of(audit))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == list(CRITERIA)
    assert len(body) == 35
    for code, entries in body.items():
        assert [entry["kind"] for entry in entries] == list(CRITERIA[code].kinds)
        for entry in entries:
            assert set(entry) == ENTRY_FIELDS
    assert body["2.4"] == [] and body["5.8"] == []


def test_an_entry_shows_the_agencys_count_latest_date_and_links(
    api_client, audit, auditor, team_leader_a, agency_a, agency_b, team_leader_b, today
):
    first = make_tag(team_leader_a, agency_a, marked_on=TODAY - datetime.timedelta(days=3))
    latest = make_tag(team_leader_a, agency_a, marked_on=TODAY - datetime.timedelta(days=1))
    make_tag(team_leader_b, agency_b)  # another agency's tag is not this audit's evidence
    body = api_client(auditor).get(url_of(audit)).json()
    tags = next(entry for entry in body["1.1"] if entry["kind"] == "sorting.red_tag")
    assert tags["count"] == 2 and tags["available"] is True
    assert tags["date"] == latest.marked_on.isoformat()
    assert tags["url"] == latest.get_absolute_url()
    assert tags["title"] == "«Красные ярлыки»"
    assert [r["url"] for r in tags["records"]] == [
        latest.get_absolute_url(),
        first.get_absolute_url(),
    ]
    assert tags["records"][0]["title"] == str(latest)
    # A kind the agency has no record of: listed, available, nothing counted.
    plan = next(e for e in body["3.3"] if e["kind"] == "standards.cleaning_plan")
    assert (plan["available"], plan["count"], plan["date"], plan["url"]) == (True, 0, None, None)
    # The IT department's data (4.3) exists as a kind, with no record yet.
    (it_data,) = body["4.3"]
    assert (it_data["kind"], it_data["available"], it_data["count"]) == (
        "audits.it_standard",
        True,
        0,
    )


def test_links_show_the_latest_records_and_the_count_covers_all(
    api_client, audit, auditor, team_leader_a, agency_a, today
):
    add_records(team_leader_a, agency_a, tags=evidence.SAMPLE + 3, months=0)
    tags = next(
        e
        for e in api_client(auditor).get(url_of(audit)).json()["1.2"]
        if e["kind"] == "sorting.red_tag"
    )
    assert tags["count"] == evidence.SAMPLE + 3
    assert len(tags["records"]) == evidence.SAMPLE


def test_the_answer_is_in_english_for_an_english_client(api_client, audit, auditor):
    body = api_client(auditor).get(url_of(audit), HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["1.1"][0]["title"] == "Red tags"


@pytest.mark.parametrize("who", ["team_leader_b", "governor", "employee_a"])
def test_those_who_may_not_read_the_audit_get_404(api_client, request, audit, who):
    """The audit is not signed yet: the group head, administrators, its auditors and the
    agency's leader and head (who are told its date, §5.5) read it; nobody else."""
    response = api_client(request.getfixturevalue(who)).get(url_of(audit))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_agencys_leader_reads_the_evidence_before_the_audit(api_client, audit, team_leader_a):
    """What the auditors will see, and what is missing, before the visit (issue 16 item 3)."""
    assert api_client(team_leader_a).get(url_of(audit)).status_code == 200


def test_the_group_head_reads_every_audits_evidence(api_client, audit, group_head):
    assert api_client(group_head).get(url_of(audit)).status_code == 200


def test_a_user_without_a_role_and_anonymous_are_refused(api_client, audit, no_role):
    assert api_client(no_role).get(url_of(audit)).status_code == 403
    assert api_client().get(url_of(audit)).status_code in (401, 403)


def test_an_unknown_audit_is_404(api_client, audit, group_head):
    assert (
        api_client(group_head).get(f"/api/v1/audits/{audit.pk + 999}/evidence/").status_code == 404
    )


def test_the_audit_evidence_takes_one_query_per_record_kind_however_many_records(
    api_client, audit, auditor, team_leader_a, agency_a, today
):
    client = api_client(auditor)
    client.get(url_of(audit))  # the user's roles are read once per user object
    add_records(team_leader_a, agency_a, tags=1, months=1)
    make_round(team_leader_a, agency_a)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url_of(audit)).status_code == 200
    add_records(team_leader_a, agency_a, tags=12, months=8)
    for _index in range(4):
        make_round(team_leader_a, agency_a, date_from=TODAY - datetime.timedelta(days=30))
    with CaptureQueriesContext(connection) as many:
        body = client.get(url_of(audit)).json()
    assert len(many) == len(few)
    assert len(many) <= len(evidence.registered_kinds()) + 8
    tags = next(e for e in body["1.1"] if e["kind"] == "sorting.red_tag")
    assert tags["count"] == 13


# --- the agency's evidence ----------------------------------------------------------------------


def test_the_agency_reads_its_own_evidence_for_every_criterion(
    api_client, checklist, team_leader_a, agency_a, today
):
    add_records(team_leader_a, agency_a, tags=0, months=2)
    response = api_client(team_leader_a).get(agency_url(agency_a))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == list(CRITERIA)
    internal = next(e for e in body["5.3"] if e["kind"] == "audits.internal_audit")
    assert internal["count"] == 2 and internal["date"] == "2024-02-20"


def test_another_agencys_evidence_is_404(api_client, checklist, team_leader_b, agency_a):
    assert api_client(team_leader_b).get(agency_url(agency_a)).status_code == 404


def test_the_region_reads_every_agencys_evidence(api_client, checklist, governor, agency_a):
    assert api_client(governor).get(agency_url(agency_a)).status_code == 200


def test_the_agency_evidence_takes_a_fixed_number_of_queries(
    api_client, checklist, team_leader_a, agency_a, today
):
    client = api_client(team_leader_a)
    client.get(agency_url(agency_a))  # the user's roles are read once per user object
    add_records(team_leader_a, agency_a, tags=1, months=1)
    with CaptureQueriesContext(connection) as few:
        client.get(agency_url(agency_a))
    add_records(team_leader_a, agency_a, tags=9, months=6)
    with CaptureQueriesContext(connection) as many:
        client.get(agency_url(agency_a))
    assert len(many) == len(few)


# --- the pages ----------------------------------------------------------------------------------


def test_the_score_sheet_shows_the_agencys_evidence_per_criterion(
    login, audit, auditor, team_leader_a, agency_a, today
):
    tag = make_tag(team_leader_a, agency_a, marked_on=TODAY - datetime.timedelta(days=2))
    page = login(auditor).get(reverse("audits:sheet", args=[audit.pk, auditor.person.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="evidence-1.1"' in text and 'data-testid="evidence-5.8"' in text
    assert tag.get_absolute_url() in text
    assert tag.marked_on.strftime("%d.%m.%Y") in text
    assert "нет записей" in text  # a kind the agency has no record of yet


def test_the_agency_evidence_page_lists_what_is_missing(
    login, checklist, team_leader_a, agency_a, team_leader_b, today
):
    make_tag(team_leader_a, agency_a)
    page = login(team_leader_a).get(reverse("agencies:evidence", args=[agency_a.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Доказательства по критериям" in text
    assert 'id="criterion-4.3"' in text and 'href="#criterion-4.3"' in text  # no IT data yet
    assert 'href="#criterion-1.2"' not in text  # the red tag proves 1.2
    assert "Мероприятия по продвижению 5S" in text  # 5.8's written reason
    detail = login(team_leader_a).get(reverse("agencies:detail", args=[agency_a.pk]))
    assert reverse("agencies:evidence", args=[agency_a.pk]) in detail.content.decode()
    assert (
        login(team_leader_b).get(reverse("agencies:evidence", args=[agency_a.pk])).status_code
        == 404
    )


def test_an_audits_evidence_is_what_the_agency_had_on_the_audits_day(
    api_client, audit, auditor, team_leader_a, agency_a, today
):
    """A past audit shows the records made by its day, not those made afterwards; the
    agency's own evidence page shows everything."""
    before = make_tag(team_leader_a, agency_a, marked_on=TODAY - datetime.timedelta(days=2))
    make_tag(team_leader_a, agency_a, marked_on=TODAY)
    type(audit).objects.filter(pk=audit.pk).update(date=TODAY - datetime.timedelta(days=1))

    body = api_client(auditor).get(url_of(audit)).json()
    tags = next(entry for entry in body["1.1"] if entry["kind"] == "sorting.red_tag")
    assert tags["count"] == 1
    assert tags["date"] == before.marked_on.isoformat()
    assert [record["url"] for record in tags["records"]] == [before.get_absolute_url()]

    agency_body = api_client(auditor).get(agency_url(agency_a)).json()
    everything = next(e for e in agency_body["1.1"] if e["kind"] == "sorting.red_tag")
    assert everything["count"] == 2 and everything["date"] == TODAY.isoformat()
