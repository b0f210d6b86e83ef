"""Issue 17, item 2: a sheet is handed in on the audit's day or later (§4.10, seed 003 L601);
an auditor may withdraw a handed-in sheet until the group head records a collegial decision
or signs; the head (or an administrator) records an audit held on paper — a past date, not
before the order of 23.08.2011, no notice."""

import datetime

import pytest
from django.urls import reverse

from audits import services
from audits.choices import SheetStatus
from audits.models import Audit, ScoreSheet
from core.exceptions import ApplicationError
from core.models import Notice, OutboxMessage
from tests.audits.conftest import AUDIT_DATE, TODAY, fill, sheet_of

pytestmark = pytest.mark.django_db


def _withdraw_url(audit, user):
    return f"/api/v1/audits/{audit.pk}/sheets/{user.person.pk}/withdraw/"


# --- the audit's date ----------------------------------------------------------------------


def test_a_sheet_cannot_be_handed_in_before_the_audits_day(audit, auditor):
    sheet = fill(audit, auditor, {}, submit=False)
    day_before = AUDIT_DATE - datetime.timedelta(days=1)
    with pytest.raises(ApplicationError) as error:
        services.sheet_submit(actor=auditor, sheet=sheet, today=day_before)
    assert "04.03.2026" in error.value.message and "date" in error.value.details
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT and sheet.submitted_at is None
    services.sheet_submit(actor=auditor, sheet=sheet, today=AUDIT_DATE)  # the day itself
    assert ScoreSheet.objects.get(pk=sheet.pk).is_submitted


def test_a_sheet_is_handed_in_after_the_audits_day(audit, auditor):
    sheet = fill(audit, auditor, {}, submit=False)
    services.sheet_submit(actor=auditor, sheet=sheet, today=AUDIT_DATE + datetime.timedelta(1))
    assert ScoreSheet.objects.get(pk=sheet.pk).is_submitted


def test_the_api_refuses_an_early_submission_with_the_date(api_client, audit, auditor, today):
    fill(audit, auditor, {}, submit=False)
    url = f"/api/v1/audits/{audit.pk}/sheets/{auditor.person.pk}/submit/"
    response = api_client(auditor).post(url)
    assert response.status_code == 400
    assert "в день аудита или позже" in response.json()["errors"]["date"][0]
    assert not sheet_of(audit, auditor).is_submitted


# --- withdrawing -------------------------------------------------------------------------------


def test_the_auditor_withdraws_a_handed_in_sheet_and_may_change_it_again(
    api_client, audit, auditor
):
    fill(audit, auditor, {})
    response = api_client(auditor).post(_withdraw_url(audit, auditor))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "draft" and response.json()["submitted_at"] is None
    sheet = sheet_of(audit, auditor)
    withdrawn = sheet.history.order_by("-history_id").first()
    assert withdrawn.status == SheetStatus.DRAFT and withdrawn.history_user == auditor
    services.sheet_save(actor=auditor, sheet=sheet, scores={"1.1": 2}, notes={})
    assert sheet.scores.get(criterion__code="1.1").score == 2


def test_a_draft_has_nothing_to_withdraw(api_client, audit, auditor):
    response = api_client(auditor).post(_withdraw_url(audit, auditor))
    assert response.status_code == 409
    assert "не сдан" in response.json()["detail"]


def test_no_withdrawal_after_the_head_records_a_decision(
    api_client, login, audit, group_head, auditor, auditor2, auditor3
):
    fill(audit, auditor, {"1.1": 2})
    fill(audit, auditor2, {"1.1": 4})
    fill(audit, auditor3, {"1.1": 5})
    votes = {auditor.person.pk: 4, auditor2.person.pk: 4, auditor3.person.pk: 5}
    services.decision_record(actor=group_head, audit=audit, criterion_code="1.1", votes=votes)
    response = api_client(auditor).post(_withdraw_url(audit, auditor))
    assert response.status_code == 409
    assert "коллегиальное решение" in response.json()["detail"]
    assert sheet_of(audit, auditor).is_submitted
    # The page says the same and changes nothing.
    client = login(auditor)
    page = client.post(
        reverse("audits:sheet-withdraw", args=[audit.pk, auditor.person.pk]), follow=True
    )
    assert "коллегиальное решение" in page.content.decode()
    assert sheet_of(audit, auditor).is_submitted


def test_no_withdrawal_after_the_head_signs(
    api_client, audit, group_head, auditor, auditor2, auditor3
):
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {})
    services.final_sheet_finalise(actor=group_head, audit=audit, today=AUDIT_DATE)
    response = api_client(auditor).post(_withdraw_url(audit, auditor))
    assert response.status_code == 409
    assert "подписан" in response.json()["detail"]
    assert sheet_of(audit, auditor).is_submitted


def test_only_the_sheets_auditor_withdraws_it(
    api_client, audit, auditor, auditor2, group_head, team_leader_a
):
    fill(audit, auditor, {})
    assert api_client(auditor2).post(_withdraw_url(audit, auditor)).status_code == 403
    assert api_client(group_head).post(_withdraw_url(audit, auditor)).status_code == 403
    assert api_client(team_leader_a).post(_withdraw_url(audit, auditor)).status_code in (403, 404)
    assert api_client().post(_withdraw_url(audit, auditor)).status_code in (401, 403)
    assert sheet_of(audit, auditor).is_submitted


def test_an_administrator_withdraws_on_the_auditors_behalf(
    api_client, audit, auditor, administrator
):
    fill(audit, auditor, {})
    assert api_client(administrator).post(_withdraw_url(audit, auditor)).status_code == 200
    assert not sheet_of(audit, auditor).is_submitted


def test_the_sheet_page_offers_withdrawal_with_a_confirmation(login, audit, auditor):
    fill(audit, auditor, {})
    client = login(auditor)
    url = reverse("audits:sheet", args=[audit.pk, auditor.person.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="withdraw-sheet"' in html
    assert "Отозвать сданный оценочный лист? Он снова станет черновиком" in html
    response = client.post(reverse("audits:sheet-withdraw", args=[audit.pk, auditor.person.pk]))
    assert response.status_code == 302
    assert not sheet_of(audit, auditor).is_submitted
    assert 'data-testid="withdraw-sheet"' not in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_withdrawal_outside_a_test_transaction(api_client, audit, auditor):
    fill(audit, auditor, {})
    assert api_client(auditor).post(_withdraw_url(audit, auditor)).status_code == 200
    assert api_client(auditor).post(_withdraw_url(audit, auditor)).status_code == 409
    assert sheet_of(audit, auditor).status == SheetStatus.DRAFT


# --- confirmations on the pages -------------------------------------------------------------


def test_irreversible_buttons_carry_a_confirmation(login, audit, auditor, group_head):
    html = login(auditor).get(reverse("audits:sheet", args=[audit.pk, auditor.person.pk]))
    text = html.content.decode()
    assert "%(scored)s из %(total)s оценено, сдать лист? Изменить его будет нельзя." in text
    assert "js/confirm.js" in text
    final = login(group_head).get(reverse("audits:final", args=[audit.pk])).content.decode()
    assert 'data-confirm="Подписать итоговый оценочный лист и опубликовать результаты?' in final
    assert "js/confirm.js" in final


# --- an audit held on paper ---------------------------------------------------------------------


def _body(agency, auditors, date):
    return {
        "agency": agency.pk,
        "date": date.isoformat(),
        "auditors": [user.person.pk for user in auditors],
        "completed_steps": [1, 2, 3],
    }


@pytest.mark.parametrize(
    ("date", "status"),
    [
        (datetime.date(2011, 8, 23), 201),  # the order's day
        (datetime.date(2011, 8, 22), 400),
        (TODAY - datetime.timedelta(days=1), 201),
        (TODAY, 400),  # today: neither held nor notifiable in time (§5.5)
    ],
)
def test_a_paper_audit_is_recorded_within_its_date_bounds_without_a_notice(
    api_client,
    group_head,
    checklist,
    today,
    agency_a,
    team_a,
    auditor,
    auditor2,
    auditor3,
    date,
    status,
):
    body = _body(agency_a, [auditor, auditor2, auditor3], date)
    response = api_client(group_head).post("/api/v1/audits/", body, format="json")
    assert response.status_code == status, response.content
    if status == 201:
        assert response.json()["date"] == date.isoformat()
        assert response.json()["completed_steps"] == [1, 2, 3]
        assert Audit.objects.get().sheets.count() == 3
    else:
        assert "date" in response.json()["errors"]
        assert not Audit.objects.exists()
    assert not Notice.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_administrator_records_a_paper_audit_and_an_auditor_may_not(
    api_client, administrator, checklist, today, agency_a, team_a, auditor, auditor2, auditor3
):
    body = _body(agency_a, [auditor, auditor2, auditor3], datetime.date(2019, 5, 14))
    assert api_client(auditor).post("/api/v1/audits/", body, format="json").status_code == 403
    assert not Audit.objects.exists()
    assert api_client(administrator).post("/api/v1/audits/", body, format="json").status_code == 201
    assert not OutboxMessage.objects.exists()


def test_a_planned_audit_does_write_its_notice_to_the_outbox(
    api_client, group_head, checklist, today, agency_a, team_a, auditor, auditor2, auditor3
):
    body = _body(agency_a, [auditor, auditor2, auditor3], AUDIT_DATE)
    assert api_client(group_head).post("/api/v1/audits/", body, format="json").status_code == 201
    assert OutboxMessage.objects.exists() or Notice.objects.exists()
