# ruff: noqa: F811  (the fixtures imported from test_curator_approval are redefined as arguments)
"""Issue 17, item 5: the corrective-action plan (Appendix 30, seed 003 L5017–L5071) is sent for
approval to its approver — the agency's head, or for a СППО the curating deputy governor — who
is told; planned dates before the audit are refused; the printed Appendix 30 carries its
«УТВЕРЖДАЮ» block and the form's headings."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from audits import notices, services
from audits.choices import PlanStatus
from audits.models import CorrectiveActionPlan
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from tests.audits.conftest import AUDIT_DATE
from tests.audits.test_curator_approval import (  # noqa: F401  (fixtures)
    _draft,
    apparatus,
    curator_a,
    curator_b,
    head_a,
    signed,
    subdivision,
)

pytestmark = pytest.mark.django_db

SEED = "/work/shared/seeds/003_40cf1adbacc85322.txt"


def _approval_notices(plan):
    return Notice.objects.filter(kind=notices.PLAN_APPROVAL, subject_id=plan.pk)


@pytest.mark.django_db(transaction=True)
def test_the_leader_sends_the_plan_to_the_head_who_is_told(signed, team_leader_a, head_a, login):
    plan = _draft(signed, team_leader_a)
    response = login(team_leader_a).post(reverse("audits:plan-send-for-approval", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.sent_for_approval_at is not None and plan.sent_for_approval_by == team_leader_a
    assert plan.status == PlanStatus.DRAFT
    assert [n.user for n in _approval_notices(plan)] == [head_a]
    # sending again after a change tells nobody twice
    services.plan_send_for_approval(actor=team_leader_a, plan=plan)
    assert _approval_notices(plan).count() == 1
    page = login(head_a).get(reverse("home")).content.decode()
    assert "План мероприятий на утверждение" in page


def test_a_subdivisions_plan_goes_to_the_curating_deputy_governor(
    subdivision, signed, team_leader_a, head_a, curator_a, curator_b
):
    plan = _draft(signed, team_leader_a)
    services.plan_send_for_approval(actor=team_leader_a, plan=plan)
    assert [n.user for n in _approval_notices(plan)] == [curator_a]


@pytest.mark.parametrize("who", ["team_member_a", "employee_a", "team_leader_b", "head_a"])
def test_only_the_leader_sends_the_plan(signed, team_leader_a, head_a, request, who):
    plan = _draft(signed, team_leader_a)
    with pytest.raises(PermissionDenied):
        services.plan_send_for_approval(actor=request.getfixturevalue(who), plan=plan)
    plan.refresh_from_db()
    assert plan.sent_for_approval_at is None
    assert not _approval_notices(plan).exists()


def test_an_incomplete_plan_is_not_sent(signed, team_leader_a, head_a):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    with pytest.raises(ApplicationError, match="не направлен"):
        services.plan_send_for_approval(actor=team_leader_a, plan=plan)
    assert CorrectiveActionPlan.objects.get().sent_for_approval_at is None


def test_an_approved_plan_is_not_sent_again(signed, team_leader_a, head_a, api_client):
    plan = _draft(signed, team_leader_a)
    services.plan_approve(actor=head_a, plan=plan)
    with pytest.raises(ConflictError):
        services.plan_send_for_approval(actor=team_leader_a, plan=plan)
    url = f"/api/v1/action-plans/{plan.pk}/send-for-approval/"
    assert api_client(team_leader_a).post(url).status_code == 409


def test_the_api_sends_and_shows_when(signed, team_leader_a, head_a, api_client):
    plan = _draft(signed, team_leader_a)
    response = api_client(team_leader_a).post(f"/api/v1/action-plans/{plan.pk}/send-for-approval/")
    assert response.status_code == 200
    body = response.json()
    assert body["sent_for_approval_at"] and body["status"] == "draft"
    assert api_client(head_a).post(
        f"/api/v1/action-plans/{plan.pk}/send-for-approval/"
    ).status_code in (403, 404)


@pytest.mark.parametrize(
    ("planned", "refused"),
    [
        (AUDIT_DATE - datetime.timedelta(days=1), True),
        (datetime.date(2020, 1, 15), True),
        (AUDIT_DATE, False),  # the boundary: the audit's own day is allowed
    ],
)
def test_a_planned_date_before_the_audit_is_refused(signed, team_leader_a, planned, refused):
    plan = services.plan_create(actor=team_leader_a, audit=signed)
    action = plan.actions.first()
    row = {"id": action.pk, "planned_date": planned}
    if refused:
        with pytest.raises(ApplicationError) as error:
            services.plan_save(actor=team_leader_a, plan=plan, rows=[row])
        assert "раньше даты аудита" in str(error.value.details)
        action.refresh_from_db()
        assert action.planned_date is None
    else:
        services.plan_save(actor=team_leader_a, plan=plan, rows=[row])
        action.refresh_from_db()
        assert action.planned_date == planned


def _pdf_text(content):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def _appendix_30_headings():
    """The headings of the form as the seed prints them (L5017–L5061)."""
    with open(SEED, encoding="utf-8") as seed:
        lines = seed.read().splitlines()
    start = lines.index("Приложение 30")
    block = [line.strip() for line in lines[start : start + 80] if line.strip()]
    return block


def test_the_printed_plan_has_the_appendix_30_headings(signed, team_leader_a, head_a, login):
    plan = _draft(signed, team_leader_a)
    services.plan_approve(actor=head_a, plan=plan)
    response = login(team_leader_a).get(reverse("audits:plan-pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    seed = _appendix_30_headings()
    for heading in (
        "УТВЕРЖДАЮ",
        "План предупреждающих и корректирующих мероприятий процесса развёртывания",
        "Наименование ОИВ ЯО или СППО",
        "по итогам внешнего аудита от",
        "Лидер 5S-команды:",
        "Члены 5S-команды:",
        "№ шага",
        "№ п/п",
        "Содержание замечания",
        "Причина возникновения замечания",
        "Мероприятие по устранению замечания",
        "Исполнитель",
    ):
        assert any(heading in line for line in seed), heading  # the heading is the seed's
        assert heading in text, heading
    # the approver's block is filled once approved; the audit's date and the rows are there
    assert "Руководов Роман" in text
    assert AUDIT_DATE.strftime("%d.%m.%Y") in text
    assert "Определить место хранения" in text


def test_the_pdf_is_closed_to_those_who_do_not_see_the_plan(
    signed, team_leader_a, team_leader_b, login
):
    plan = _draft(signed, team_leader_a)
    assert login(team_leader_b).get(reverse("audits:plan-pdf", args=[plan.pk])).status_code == 404


def test_the_plan_page_offers_sending_and_printing(signed, team_leader_a, head_a, login):
    plan = _draft(signed, team_leader_a)
    page = login(team_leader_a).get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="send-for-approval"' in page and 'data-testid="plan-pdf"' in page
    page = login(head_a).get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="send-for-approval"' not in page


def test_the_date_picker_starts_at_the_audit(signed, team_leader_a, login):
    plan = _draft(signed, team_leader_a)
    page = login(team_leader_a).get(plan.get_absolute_url()).content.decode()
    assert f'min="{AUDIT_DATE.isoformat()}"' in page
