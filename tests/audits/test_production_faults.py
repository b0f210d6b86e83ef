"""Issue 10 in the audits app: what broke on PostgreSQL, with parallel requests and hostile
input. The write paths here run outside a test transaction (`transaction=True`), as gunicorn
runs them; the threaded ones need PostgreSQL's row locks (`postgres`)."""

import datetime
import io
import time
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from audits import offline, services
from audits.choices import NOTE_MAX_LENGTH, AuditStatus, PlanStatus
from audits.models import Audit, CorrectiveActionPlan, FinalScoreSheet, Score
from core import calendar
from core.exceptions import ApplicationError, ConflictError
from tests.audits.conftest import AUDIT_DATE, fill, sheet_of
from tests.concurrency import outcomes_in_parallel

# --- the offline sheet (items 1 and 6) ---


def _download(client, audit, user):
    response = client.get(reverse("audits:sheet-xlsx", args=[audit.pk, user.person.pk]))
    assert response.status_code == 200
    return response.content


def _upload_api(api_client, audit, user, content, name="sheet.xlsx"):
    upload = io.BytesIO(content)
    upload.name = name
    return api_client(user).post(
        f"/api/v1/audits/{audit.pk}/sheets/{user.person.pk}/xlsx/",
        {"file": upload},
        format="multipart",
    )


def _rezip(content, replace):
    """The same package with some parts replaced (name -> bytes)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
    return buffer.getvalue()


def _with_scores(content, scores):
    workbook = load_workbook(io.BytesIO(content))
    ws = workbook[offline.SHEET_TITLE]
    for row in range(offline.FIRST_ROW, ws.max_row + 1):
        code = ws.cell(row=row, column=1).value
        if code in scores:
            ws.cell(row=row, column=offline.COL_SCORE, value=scores[code])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_unmodified_downloaded_sheet_uploads_through_the_api(login, api_client, audit, auditor):
    content = _download(login(auditor), audit, auditor)
    response = _upload_api(api_client, audit, auditor, content)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["audit"], body["auditor"], body["status"]) == (
        audit.pk,
        auditor.person.pk,
        "draft",
    )


@pytest.mark.django_db(transaction=True)
def test_a_filled_sheet_uploads_through_the_page_and_the_api(login, api_client, audit, auditor):
    client = login(auditor)
    content = _with_scores(_download(client, audit, auditor), {"1.1": 5, "1.2": 3})
    response = client.post(
        reverse("audits:sheet-upload", args=[audit.pk, auditor.person.pk]),
        {"file": io.BytesIO(content)},
    )
    assert response.status_code == 302
    response = _upload_api(api_client, audit, auditor, _with_scores(content, {"1.3": 2}))
    assert response.status_code == 200
    assert response.json()["scores"]["1.1"] == 5
    assert response.json()["scores"]["1.3"] == 2
    assert dict(Score.objects.values_list("criterion__code", "score")) == {
        "1.1": 5,
        "1.2": 3,
        "1.3": 2,
    }


def test_a_cell_at_the_last_row_of_excel_is_not_walked_to(login, audit, auditor):
    content = _download(login(auditor), audit, auditor)
    workbook = load_workbook(io.BytesIO(_with_scores(content, {"1.1": 4})))
    workbook[offline.SHEET_TITLE].cell(row=1_048_576, column=16_000, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    # A small file (the sheet with its descriptors of 5…1, issue 17 item 9, is about 30 KB)
    # that claims a cell at the last row and column Excel has.
    assert len(content) < 60_000
    started = time.monotonic()
    offline.sheet_upload(actor=auditor, sheet=sheet_of(audit, auditor), content=content)
    assert time.monotonic() - started < 2
    assert Score.objects.get().score == 4


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda content: _rezip(
                content,
                {
                    "xl/worksheets/sheet1.xml": zipfile.ZipFile(io.BytesIO(content)).read(
                        "xl/worksheets/sheet1.xml"
                    )[:1500]
                },
            ),
            "лист «Оценочный лист» не читается",
        ),
        (
            lambda content: _rezip(content, {"xl/styles.xml": b"\x00junk<<not xml"}),
            "часть xl/styles.xml не читается",
        ),
        (lambda content: b"not a spreadsheet at all", "не является книгой Excel"),
        (lambda content: content[: len(content) // 2], "не является книгой Excel"),
        (
            lambda content: _rezip(content, {"xl/workbook.xml": b"<workbook"}),
            "часть xl/workbook.xml не читается",
        ),
    ],
    ids=["truncated-sheet-xml", "junk-styles", "not-a-zip", "truncated-zip", "broken-workbook"],
)
def test_a_damaged_file_is_a_400_naming_the_problem_with_nothing_saved(
    login, api_client, audit, auditor, damage, message
):
    content = damage(_with_scores(_download(login(auditor), audit, auditor), {"1.1": 4}))
    response = _upload_api(api_client, audit, auditor, content)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Score.objects.exists()


def test_a_workbook_of_another_template_is_a_400(api_client, audit, auditor):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = offline.SHEET_TITLE
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _upload_api(api_client, audit, auditor, buffer.getvalue())
    assert response.status_code == 400
    assert "нет листа «Оценочный лист»" in response.json()["detail"]


def test_a_huge_note_in_the_workbook_is_refused(login, audit, auditor):
    content = _download(login(auditor), audit, auditor)
    workbook = load_workbook(io.BytesIO(content))
    ws = workbook[offline.SHEET_TITLE]
    ws.cell(row=offline.FIRST_ROW, column=offline.COL_NOTE, value="x" * (NOTE_MAX_LENGTH + 1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ApplicationError) as refused:
        offline.sheet_upload(
            actor=auditor, sheet=sheet_of(audit, auditor), content=buffer.getvalue()
        )
    assert f"E{offline.FIRST_ROW}" in refused.value.details
    assert not Score.objects.exists()


# --- one audit per agency and date, one plan per audit (item 5) ---


def _plan_body(agency, auditors, date=AUDIT_DATE):
    return {
        "agency": agency.pk,
        "date": date.isoformat(),
        "auditors": [user.person.pk for user in auditors],
        "completed_steps": [1, 2],
    }


@pytest.mark.django_db(transaction=True)
def test_a_second_audit_of_the_agency_on_the_date_is_a_409(
    api_client, group_head, checklist, today, agency_a, auditor, auditor2, auditor3
):
    client = api_client(group_head)
    body = _plan_body(agency_a, [auditor, auditor2, auditor3])
    assert client.post("/api/v1/audits/", body, format="json").status_code == 201
    again = client.post("/api/v1/audits/", body, format="json")
    assert again.status_code == 409
    assert "date" in again.json()["errors"]
    assert Audit.objects.filter(agency=agency_a).count() == 1


def test_moving_an_audit_onto_another_audit_of_the_agency_is_refused(
    plan_audit, agency_a, auditor, auditor2, auditor3, group_head
):
    first = plan_audit(agency_a, [auditor, auditor2, auditor3])
    second = plan_audit(agency_a, [auditor, auditor2, auditor3], date=AUDIT_DATE.replace(day=5))
    with pytest.raises(ConflictError):
        services.audit_reschedule(
            actor=group_head,
            audit=second,
            date=first.date,
            auditors=[auditor.person, auditor2.person, auditor3.person],
        )
    second.refresh_from_db()
    assert second.date == AUDIT_DATE.replace(day=5)


@pytest.mark.django_db(transaction=True)
def test_the_plan_form_sent_twice_makes_one_audit(
    login, group_head, checklist, today, agency_a, auditor, auditor2, auditor3
):
    client = login(group_head)
    page = client.get(reverse("audits:plan-audit"))
    assert 'name="form_token"' in page.content.decode()
    data = {
        "agency": agency_a.pk,
        "date": AUDIT_DATE.isoformat(),
        "auditors": [auditor.person.pk, auditor2.person.pk, auditor3.person.pk],
        "completed_steps": [1, 2],
        "form_token": "double-click-1",
    }
    first = client.post(reverse("audits:plan-audit"), data)
    second = client.post(reverse("audits:plan-audit"), data)
    audit = Audit.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == audit.get_absolute_url()


@pytest.mark.django_db(transaction=True)
def test_an_idempotency_key_replays_the_planned_audit(
    api_client, group_head, checklist, today, agency_a, auditor, auditor2, auditor3
):
    client = api_client(group_head)
    body = _plan_body(agency_a, [auditor, auditor2, auditor3])
    first = client.post("/api/v1/audits/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = client.post("/api/v1/audits/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"] == Audit.objects.get().pk
    assert second["Idempotent-Replayed"] == "true"


def _signed(audit, group_head, auditors):
    for user in auditors:
        fill(audit, user, {})
    return services.final_sheet_finalise(actor=group_head, audit=audit)


@pytest.mark.django_db(transaction=True)
def test_a_second_corrective_action_plan_is_a_409(
    api_client, audit, group_head, team_leader_a, auditor, auditor2, auditor3
):
    _signed(audit, group_head, [auditor, auditor2, auditor3])
    client = api_client(team_leader_a)
    assert client.post(f"/api/v1/audits/{audit.pk}/action-plan/").status_code == 201
    assert client.post(f"/api/v1/audits/{audit.pk}/action-plan/").status_code == 409
    assert CorrectiveActionPlan.objects.count() == 1


# --- locks re-read the state (item 4) ---


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_finalisations_sign_once_and_the_rest_are_409(
    api_client, audit, group_head, auditor, auditor2, auditor3
):
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {})
    url = f"/api/v1/audits/{audit.pk}/final-sheet/finalise/"
    codes = outcomes_in_parallel(lambda _: api_client(group_head).post(url).status_code)
    assert sorted(codes) == [200, 409, 409, 409, 409, 409]
    sheet = FinalScoreSheet.objects.get(audit=audit)
    signings = sheet.history.filter(finalised_at__isnull=False, history_type="~")
    assert signings.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_plan_creations_make_one_plan(
    api_client, audit, group_head, team_leader_a, auditor, auditor2, auditor3
):
    _signed(audit, group_head, [auditor, auditor2, auditor3])
    url = f"/api/v1/audits/{audit.pk}/action-plan/"
    codes = outcomes_in_parallel(lambda _: api_client(team_leader_a).post(url).status_code)
    assert sorted(codes) == [201, 409, 409, 409, 409, 409]
    assert CorrectiveActionPlan.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_plans_of_one_agency_and_date_make_one_audit(
    api_client, group_head, checklist, today, agency_a, auditor, auditor2, auditor3
):
    body = _plan_body(agency_a, [auditor, auditor2, auditor3])
    codes = outcomes_in_parallel(
        lambda _: api_client(group_head).post("/api/v1/audits/", body, format="json").status_code,
        count=5,
    )
    assert sorted(codes) == [201, 409, 409, 409, 409]
    assert Audit.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_approve_once(
    api_client, audit, group_head, team_leader_a, administrator, auditor, auditor2, auditor3
):
    _signed(audit, group_head, [auditor, auditor2, auditor3])
    plan = services.plan_create(actor=team_leader_a, audit=audit)
    plan.actions.all().delete()
    url = f"/api/v1/action-plans/{plan.pk}/approve/"
    codes = outcomes_in_parallel(lambda _: api_client(administrator).post(url).status_code, count=4)
    assert sorted(codes) == [200, 409, 409, 409]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.history.filter(status=PlanStatus.APPROVED).count() == 1


def test_a_decision_on_a_signed_sheet_is_a_409_and_signing_again_too(
    api_client, audit, group_head, auditor, auditor2, auditor3
):
    _signed(audit, group_head, [auditor, auditor2, auditor3])
    client = api_client(group_head)
    again = client.post(f"/api/v1/audits/{audit.pk}/final-sheet/finalise/")
    assert again.status_code == 409
    decision = client.post(
        f"/api/v1/audits/{audit.pk}/final-sheet/decisions/",
        {"criterion": "1.1", "votes": {str(auditor.person.pk): 4}},
        format="json",
    )
    assert decision.status_code == 409


def test_an_auditor_finalising_is_a_403_not_a_409(api_client, audit, auditor):
    response = api_client(auditor).post(f"/api/v1/audits/{audit.pk}/final-sheet/finalise/")
    assert response.status_code == 403
    assert Audit.objects.get().status == AuditStatus.PLANNED


# --- bounds and malformed input (items 7 and 8) ---


@pytest.mark.parametrize("date", ["9999-12-31", "2029-03-05", "2011-08-22", "0001-01-01"], ids=str)
def test_implausible_audit_dates_are_a_400_on_the_date(
    api_client, group_head, checklist, today, agency_a, auditor, auditor2, auditor3, date
):
    body = _plan_body(agency_a, [auditor, auditor2, auditor3])
    body["date"] = date
    response = api_client(group_head).post("/api/v1/audits/", body, format="json")
    assert response.status_code == 400
    assert "date" in response.json()["errors"]
    assert not Audit.objects.exists()


def test_an_audit_two_years_ahead_may_be_planned(
    api_client, group_head, checklist, today, agency_a, auditor, auditor2, auditor3
):
    body = _plan_body(agency_a, [auditor, auditor2, auditor3], date=datetime.date(2028, 3, 1))
    assert api_client(group_head).post("/api/v1/audits/", body, format="json").status_code == 201


def test_rescheduling_to_9999_is_a_400(api_client, audit, group_head, auditor, auditor2, auditor3):
    response = api_client(group_head).post(
        f"/api/v1/audits/{audit.pk}/reschedule/",
        {
            "date": "9999-12-31",
            "auditors": [auditor.person.pk, auditor2.person.pk, auditor3.person.pk],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "date" in response.json()["errors"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/audits/null/reschedule/",
        "/api/v1/audits/abc/it-score/",
        "/api/v1/audits/null/",
        "/api/v1/action-plans/null/approve/",
        "/api/v1/audits/99999999999999999999/it-score/",
    ],
)
def test_malformed_ids_are_a_json_404(api_client, group_head, audit, path):
    response = api_client(group_head).post(path, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_malformed_audit_id_on_a_page_is_a_404(login, group_head):
    client = login(group_head)
    assert client.post("/audits/abc/it-score/").status_code == 404
    assert client.post("/audits/99999999999999999999/it-score/").status_code == 404


@pytest.mark.parametrize(
    "raw", ["²", "9" * 5000, "٣"], ids=["superscript", "5000-digits", "arabic"]
)
def test_the_internal_audit_form_refuses_odd_numbers_beside_the_cell(
    login, team_leader_a, agency_a, today, raw
):
    room = services.internal_audit_room_add(actor=team_leader_a, agency=agency_a, name="Каб. 1")
    response = login(team_leader_a).post(
        reverse("audits:internal", args=[agency_a.pk]),
        {"action": "scores", "conducted_on": "2026-03-02", f"s-{room.pk}-1": raw},
    )
    assert response.status_code == 200
    assert "целым числом от 1 до 5" in response.content.decode()
    from audits.models import InternalAudit

    assert not InternalAudit.objects.exists()


def test_the_sheet_form_and_the_decision_form_refuse_odd_numbers(login, audit, group_head, auditor):
    response = login(auditor).post(
        reverse("audits:sheet", args=[audit.pk, auditor.person.pk]), {"score-1.1": "9" * 5000}
    )
    assert response.status_code == 200
    assert not Score.objects.exists()
    response = login(group_head).post(
        reverse("audits:decision", args=[audit.pk]), {"criterion": "1.1", "vote-1": "²"}
    )
    assert response.status_code == 302


def test_a_five_megabyte_note_is_refused(api_client, audit, auditor):
    response = api_client(auditor).put(
        f"/api/v1/audits/{audit.pk}/sheets/{auditor.person.pk}/",
        {"scores": {"1.1": 4}, "notes": {"1.1": "x" * (5 * 1024 * 1024)}},
        format="json",
    )
    assert response.status_code == 400
    assert not Score.objects.exists()
    with pytest.raises(ApplicationError) as refused:
        services.sheet_save(
            actor=auditor,
            sheet=sheet_of(audit, auditor),
            scores={},
            notes={"1.1": "x" * (NOTE_MAX_LENGTH + 1)},
        )
    assert "1.1" in refused.value.details


def test_an_internal_audit_before_the_order_is_refused(team_leader_a, agency_a, today):
    room = services.internal_audit_room_add(actor=team_leader_a, agency=agency_a, name="Каб. 1")
    with pytest.raises(ApplicationError) as refused:
        services.internal_audit_save(
            actor=team_leader_a,
            agency=agency_a,
            conducted_on=datetime.date(2011, 8, 22),
            scores={(room.pk, 1): 4},
        )
    assert "conducted_on" in refused.value.details


def test_plan_rows_have_plausible_dates_and_lengths(
    audit, group_head, team_leader_a, auditor, auditor2, auditor3, today
):
    _signed(audit, group_head, [auditor, auditor2, auditor3])
    plan = services.plan_create(actor=team_leader_a, audit=audit)
    for row, expected in [
        ({"planned_date": datetime.date(9999, 12, 31)}, "2 года"),
        ({"actual_date": datetime.date(2011, 1, 1)}, "23.08.2011"),
        ({"cause": "x" * 5000}, "длиннее"),
    ]:
        with pytest.raises(ApplicationError) as refused:
            services.plan_save(
                actor=team_leader_a,
                plan=plan,
                rows=[{"id": None, "step": 1, "remark": "Замечание", **row}],
            )
        assert expected in str(refused.value.details)
    assert not plan.actions.filter(remark="Замечание").exists()


# --- the data migration that precedes the constraint ---


# The rows are made with today's services and schema first, then the database goes back to the
# state before the constraint, where the duplicates (impossible now) are made by moving dates,
# and the migration's function runs with that state's models, as `migrate` would run it.
BEFORE_CONSTRAINT = ("audits", "0004_one_audit_per_agency_and_date")


def _back_to_before_the_constraint():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_CONSTRAINT])
    return executor.loader.project_state([BEFORE_CONSTRAINT]).apps


def _forward_again():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("audits"))


@pytest.mark.django_db(transaction=True)
def test_the_migration_removes_empty_duplicates_and_keeps_the_audit_with_work(
    plan_audit, agency_a, agency_b, auditor, auditor2, auditor3
):
    import importlib

    migration = importlib.import_module("audits.migrations.0004_one_audit_per_agency_and_date")
    team = [auditor, auditor2, auditor3]
    # Three audits of agency A (to become one date: the retry of issue 10), the second one
    # scored; and one audit of agency B.
    first = plan_audit(agency_a, team)
    scored = plan_audit(agency_a, team)
    third = plan_audit(agency_a, team)
    services.sheet_save(actor=auditor, sheet=sheet_of(scored, auditor), scores={"1.1": 3})
    other = plan_audit(agency_b, team)
    old = _back_to_before_the_constraint()
    try:
        OldAudit = old.get_model("audits", "Audit")
        OldAudit.objects.filter(pk__in=[first.pk, scored.pk, third.pk]).update(
            date=AUDIT_DATE.replace(day=5)
        )
        migration.remove_duplicates(old, None)
        assert set(OldAudit.objects.values_list("pk", flat=True)) == {scored.pk, other.pk}
        assert old.get_model("audits", "Score").objects.get().sheet.audit_id == scored.pk
    finally:
        _forward_again()
    assert Audit.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_stops_on_two_duplicates_that_both_hold_work(
    plan_audit, agency_a, auditor, auditor2, auditor3
):
    import importlib

    migration = importlib.import_module("audits.migrations.0004_one_audit_per_agency_and_date")
    team = [auditor, auditor2, auditor3]
    audits = [plan_audit(agency_a, team, date=AUDIT_DATE.replace(day=day)) for day in (5, 6)]
    for audit in audits:
        services.sheet_save(actor=auditor, sheet=sheet_of(audit, auditor), scores={"1.1": 3})
    old = _back_to_before_the_constraint()
    try:
        OldAudit = old.get_model("audits", "Audit")
        OldAudit.objects.filter(pk__in=[a.pk for a in audits]).update(date=AUDIT_DATE)
        with pytest.raises(RuntimeError, match="both hold"):
            migration.remove_duplicates(old, None)
        assert OldAudit.objects.count() == 2
        OldAudit.objects.filter(pk=audits[1].pk).update(date=AUDIT_DATE.replace(day=6))
    finally:
        _forward_again()


# --- the write paths outside a test transaction (PostgreSQL in CI) -----------------------------


@pytest.mark.django_db(transaction=True)
def test_an_audit_goes_from_plan_to_approved_plan_through_the_api_outside_a_transaction(
    monkeypatch,
    api_client,
    group_head,
    checklist,
    today,
    agency_a,
    team_a,
    team_leader_a,
    administrator,
    auditor,
    auditor2,
    auditor3,
):
    team = (auditor, auditor2, auditor3)
    created = api_client(group_head).post(
        "/api/v1/audits/", _plan_body(agency_a, list(team)), format="json"
    )
    assert created.status_code == 201
    audit_id = created.json()["id"]
    codes = ["1.1", "1.2", "1.3", *[f"2.{i}" for i in range(1, 7)]]
    # The sheets are handed in on the audit's day (§4.10, L601).
    audit_date = datetime.date.fromisoformat(created.json()["date"])
    monkeypatch.setattr(calendar, "today", lambda: audit_date)
    for user, first in zip(team, (2, 4, 5), strict=True):
        client = api_client(user)
        url = f"/api/v1/audits/{audit_id}/sheets/{user.person.pk}/"
        scores = dict.fromkeys(codes, 4) | {"1.1": first}
        notes = {"1.2": "Коробки в коридоре"} if user == auditor else {}
        saved = client.put(url, {"scores": scores, "notes": notes}, format="json")
        assert saved.status_code == 200, saved.content
        assert client.post(url + "submit/").status_code == 200
    head = api_client(group_head)
    votes = {str(auditor.person.pk): 4, str(auditor2.person.pk): 4, str(auditor3.person.pk): 5}
    decided = head.post(
        f"/api/v1/audits/{audit_id}/final-sheet/decisions/",
        {"criterion": "1.1", "votes": votes},
        format="json",
    )
    assert decided.status_code == 201, decided.content
    assert decided.json()["criteria"]["1.1"]["value"] == "4.00"
    signed = head.post(f"/api/v1/audits/{audit_id}/final-sheet/finalise/")
    assert signed.status_code == 200 and signed.json()["finalised"] is True
    plan = api_client(team_leader_a).post(f"/api/v1/audits/{audit_id}/action-plan/")
    assert plan.status_code == 201
    plan_id = plan.json()["id"]
    rows = [
        {
            "id": row["id"],
            "cause": "Нет места хранения",
            "action": "Определить место хранения",
            "planned_date": "2026-03-20",
            "executor": "Иванов И. И.",
        }
        for row in plan.json()["actions"]
    ]
    assert rows, "the note became a row of the plan"
    saved = api_client(team_leader_a).put(
        f"/api/v1/action-plans/{plan_id}/", {"rows": rows}, format="json"
    )
    assert saved.status_code == 200, saved.content
    approved = api_client(administrator).post(f"/api/v1/action-plans/{plan_id}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = api_client(administrator).post(f"/api/v1/action-plans/{plan_id}/approve/")
    assert again.status_code == 409
    assert FinalScoreSheet.objects.get(audit_id=audit_id).overall is not None


def test_an_audit_held_on_paper_is_recorded_without_a_notice(
    api_client, group_head, checklist, today, agency_a, team_a, auditor, auditor2, auditor3
):
    from core.models import Notice

    body = _plan_body(agency_a, [auditor, auditor2, auditor3], date=datetime.date(2026, 2, 20))
    response = api_client(group_head).post("/api/v1/audits/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["date"] == "2026-02-20"
    assert not Notice.objects.exists()
    body["date"] = "2026-03-02"  # today: neither held nor notifiable in time
    assert api_client(group_head).post("/api/v1/audits/", body, format="json").status_code == 400
    assert api_client(auditor).post("/api/v1/audits/", body, format="json").status_code == 403
