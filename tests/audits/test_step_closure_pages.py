"""Step closure's pages, API, admin and data migration (§4.6, L501; issue 14 items 3 and 7)."""

import datetime
import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from agencies.models import Agency, Room
from audits.closure.models import StepClosure
from tests.agencies.factories import AgencyFactory
from tests.audits.test_step_closure import close, diagnose

D = datetime.date


@pytest.fixture
def rooms(agency_a):
    return [Room.objects.create(agency=agency_a, name=n) for n in ("Кабинет 101", "Архив")]


def test_the_leader_closes_step_one_on_the_page_and_a_refusal_names_the_missing_room(
    team_leader_a, agency_a, rooms, today, login
):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20), names=["Кабинет 101"])
    url = reverse("audits:closure-agency", args=[agency_a.pk])
    client = login(team_leader_a)
    page = client.get(url)
    assert page.status_code == 200 and "Архив" in page.content.decode()
    form = {
        "closed_on": "2026-02-25",
        "problems-TOTAL_FORMS": "2",
        "problems-INITIAL_FORMS": "0",
        "problems-0-problem": "Нет решения по шкафу",
        "problems-0-proposal": "Вынести на совет",
        "problems-1-problem": "",
        "problems-1-proposal": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "не оценены помещения: Архив" in refused.content.decode()
    assert "Нет решения по шкафу" in refused.content.decode()  # what was typed stays
    assert not StepClosure.objects.exists()
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 21))
    done = client.post(url, form)
    assert done.status_code == 302
    closure = StepClosure.objects.get()
    assert closure.step == 1 and closure.problems.get().proposal == "Вынести на совет"
    detail = client.get(done["Location"])
    assert detail.status_code == 200 and "Нет решения по шкафу" in detail.content.decode()


def test_step_four_on_the_page_takes_the_standards_with_their_copies(
    team_leader_a, agency_a, rooms, today, login
):
    agency_a.steps_completed = 3
    agency_a.save()
    diagnose(team_leader_a, agency_a, [4], on=D(2026, 2, 20))
    url = reverse("audits:closure-agency", args=[agency_a.pk])
    form = {
        "closed_on": "2026-02-25",
        "standards-TOTAL_FORMS": "1",
        "standards-INITIAL_FORMS": "0",
        "standards-0-name": "Стандарт рабочего места",
        "standards-0-purpose": "Порядок",
        "standards-0-problems": "",
    }
    refused = login(team_leader_a).post(url, form)
    assert refused.status_code == 400 and "электронную копию" in refused.content.decode()
    form["standards-0-copy"] = SimpleUploadedFile("s.pdf", b"%PDF-1.4", "application/pdf")
    assert login(team_leader_a).post(url, form).status_code == 302
    assert StepClosure.objects.get(step=4).standards.get().copy_name == "s.pdf"


def test_pages_are_refused_by_role_with_the_exact_status(
    team_leader_a,
    team_member_a,
    team_leader_b,
    employee_a,
    governor,
    group_head,
    no_role,
    agency_a,
    rooms,
    today,
    login,
    client,
):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20))
    done = close(team_leader_a, agency_a, 1, D(2026, 2, 25))
    agency_url = reverse("audits:closure-agency", args=[agency_a.pk])
    assert client.get(agency_url).status_code == 302
    assert login(no_role).get(reverse("audits:closure-overview")).status_code == 403
    assert login(team_leader_b).get(agency_url).status_code == 403
    assert login(team_leader_b).get(done.get_absolute_url()).status_code == 404
    assert (
        login(team_leader_b).get(reverse("audits:closure-pdf", args=[done.pk])).status_code == 404
    )
    for reader in (team_member_a, employee_a, governor, group_head):
        assert login(reader).get(agency_url).status_code == 200
        assert login(reader).get(done.get_absolute_url()).status_code == 200
    # Reading is not closing: the member, the employee and the region get 403 on a POST.
    for reader in (team_member_a, employee_a, governor, group_head):
        assert login(reader).post(agency_url, {"closed_on": "2026-02-26"}).status_code == 403


def test_the_api_closes_a_step_refuses_naming_what_is_missing_and_reads_back(
    team_leader_a, team_member_a, team_leader_b, agency_a, rooms, today, api_client
):
    body = {
        "agency": agency_a.pk,
        "step": 1,
        "closed_on": "2026-02-25",
        "problems": [{"problem": "Стулья", "proposal": "Склад"}],
    }
    missing = api_client(team_leader_a).post("/api/v1/step-closures/", body, format="json")
    assert missing.status_code == 400
    assert "internal_audit" in missing.json()["errors"]
    diagnosis = api_client(team_leader_a).get(
        f"/api/v1/step-closures/diagnosis/?agency={agency_a.pk}"
    )
    assert diagnosis.json()["next_step"] == 1 and "internal_audit" in diagnosis.json()["missing"]
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20))
    assert (
        api_client(team_member_a).post("/api/v1/step-closures/", body, format="json").status_code
        == 403
    )
    created = api_client(team_leader_a).post("/api/v1/step-closures/", body, format="json")
    assert created.status_code == 201
    data = created.json()
    assert data["step"] == 1 and data["recipient"] == "council_secretary"
    assert data["problems"] == [{"number": 1, "problem": "Стулья", "proposal": "Склад"}]
    again = api_client(team_leader_a).post("/api/v1/step-closures/", body, format="json")
    assert again.status_code == 409
    pdf = api_client(team_leader_a).get(data["pdf_url"])
    assert pdf.status_code == 200
    assert "Стулья" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert api_client(team_leader_b).get(f"/api/v1/step-closures/{data['id']}/").status_code == 404
    assert api_client(team_leader_b).get("/api/v1/step-closures/").json()["count"] == 0
    listed = api_client(team_member_a).get(f"/api/v1/step-closures/?agency={agency_a.pk}&step=1")
    assert listed.json()["count"] == 1
    agency = api_client(team_leader_a).get(f"/api/v1/agencies/{agency_a.pk}/").json()
    assert agency["steps_completed"] == 1


def test_the_api_takes_step_four_standards_as_multipart_with_their_files(
    team_leader_a, agency_a, rooms, today, api_client
):
    agency_a.steps_completed = 3
    agency_a.save()
    diagnose(team_leader_a, agency_a, [4], on=D(2026, 2, 20))
    body = {
        "agency": agency_a.pk,
        "step": 4,
        "closed_on": "2026-02-25",
        "standards": json.dumps([{"name": "Стандарт", "purpose": "Порядок"}]),
        "standards_copy_1": SimpleUploadedFile("std.docx", b"docx", "application/octet-stream"),
    }
    created = api_client(team_leader_a).post("/api/v1/step-closures/", body, format="multipart")
    assert created.status_code == 201, created.json()
    assert created.json()["standards"][0]["copy_name"] == "std.docx"


def test_the_overview_and_list_take_the_same_queries_as_agencies_and_closures_grow(
    group_head, login, api_client, django_assert_num_queries
):
    def grow(n):
        for _ in range(n):
            agency = AgencyFactory(steps_completed=2)
            StepClosure.objects.bulk_create(
                StepClosure(agency=agency, step=s, recorded=True) for s in (1, 2)
            )

    client = login(group_head)
    grow(2)
    urls = [reverse("audits:closure-overview"), "/api/v1/step-closures/"]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured.captured_queries)
    grow(7)
    for url in urls:
        client.get(url)  # who the user is, read again after the growth forgot it (core.identity)
        with django_assert_num_queries(counts[url]):
            client.get(url)


def test_the_data_migration_records_typed_steps_as_closures(db):
    typed = AgencyFactory(steps_completed=3)
    AgencyFactory(steps_completed=0)
    migration = importlib.import_module("audits.migrations.0017_record_completed_steps_as_closures")
    migration.record(apps, None)
    migration.record(apps, None)  # running twice adds nothing
    assert list(StepClosure.objects.values_list("agency_id", "step", "recorded")) == [
        (typed.pk, 1, True),
        (typed.pk, 2, True),
        (typed.pk, 3, True),
    ]
    migration.forget(apps, None)
    assert not StepClosure.objects.exists()
    assert Agency.objects.get(pk=typed.pk).steps_completed == 3


def test_steps_completed_is_read_only_in_the_admin(administrator, agency_a, login):
    page = login(administrator).get(reverse("admin:agencies_agency_change", args=[agency_a.pk]))
    assert page.status_code == 200
    assert 'name="steps_completed"' not in page.content.decode()
    closures = login(administrator).get(reverse("admin:audits_stepclosure_changelist"))
    assert closures.status_code == 200
    assert login(administrator).get(reverse("admin:audits_stepclosure_add")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_closing_a_step_outside_a_test_transaction_commits_and_sends_the_notice(
    team_leader_a, agency_a, rooms, working_group, today
):
    """On PostgreSQL in CI: the lock, the constraint and the notice after the commit."""
    from core.models import Notice

    agency_a.steps_completed = 1
    agency_a.save()
    StepClosure.objects.create(agency=agency_a, step=1, recorded=True)
    diagnose(team_leader_a, agency_a, [2], on=D(2026, 2, 20))
    closure = close(team_leader_a, agency_a, 2, D(2026, 2, 25))
    assert Notice.objects.get(kind="audits.step_closure_document").subject_id == closure.pk
    assert Agency.objects.get(pk=agency_a.pk).steps_completed == 2


def test_the_leaders_home_panel_names_what_the_next_step_still_lacks(
    team_leader_a, agency_a, rooms, today, login
):
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 20), names=["Кабинет 101"])
    home = login(team_leader_a).get("/").content.decode()
    assert "Завершение шага" in home and "не оценены помещения: Архив" in home
    diagnose(team_leader_a, agency_a, [1], on=D(2026, 2, 21))
    home = login(team_leader_a).get("/").content.decode()
    assert "диагностика проведена, можно завершать" in home


def test_step_two_refusal_for_rooms_without_a_scheme_shows_on_the_page_and_in_the_api(
    team_leader_a, agency_a, rooms, today, login, api_client
):
    """L947: the rooms without an approved rational-placement scheme, on the closure form
    (before and after posting) and in the API's diagnosis and refusal."""
    from tests.standards.placement.factories import approve_schemes

    agency_a.steps_completed = 1
    agency_a.save()
    StepClosure.objects.create(agency=agency_a, step=1, recorded=True)
    diagnose(team_leader_a, agency_a, [2], on=D(2026, 2, 20), schemes=False)
    url = reverse("audits:closure-agency", args=[agency_a.pk])
    client = login(team_leader_a)
    page = client.get(url).content.decode()
    assert "Нет утверждённой схемы рационального размещения" in page and "Архив" in page
    form = {
        "closed_on": "2026-02-25",
        "problems-TOTAL_FORMS": "1",
        "problems-INITIAL_FORMS": "0",
        "problems-0-problem": "Нет единого решения по схеме архива",
        "problems-0-proposal": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Архив, Кабинет 101" in refused.content.decode()
    diagnosis = api_client(team_leader_a).get(
        f"/api/v1/step-closures/diagnosis/?agency={agency_a.pk}"
    )
    assert "Архив" in diagnosis.json()["missing"]["placement_schemes"]
    body = {
        "agency": agency_a.pk,
        "step": 2,
        "closed_on": "2026-02-25",
        "problems": [{"problem": "Схема архива", "proposal": ""}],
    }
    answer = api_client(team_leader_a).post("/api/v1/step-closures/", body, format="json")
    assert answer.status_code == 400 and "placement_schemes" in answer.json()["errors"]
    assert not StepClosure.objects.filter(step=2).exists()
    approve_schemes(agency_a)
    assert client.post(url, form).status_code == 302
    assert StepClosure.objects.filter(step=2).exists()
