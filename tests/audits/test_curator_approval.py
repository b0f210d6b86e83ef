"""The deputy governor curating agencies (issue 12 item 3): a person with the role «curator»
reads the agencies they curate and approves a СППО's corrective-action plan — Appendix 30,
L5027: «руководитель ОИВ ЯО или заместитель Губернатора области, курирующий СППО»; the
deployment order of a СППО is theirs too (L439). An ОИВ ЯО's plan stays with its head."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies.choices import AgencyKind
from audits import services
from audits.choices import PlanStatus
from audits.models import CorrectiveActionPlan
from core.roles import Role
from tests.agencies.factories import AgencyFactory, PersonFactory, UserFactory
from tests.audits.conftest import fill


@pytest.fixture
def signed(audit, group_head, auditor, auditor2, auditor3):
    fill(audit, auditor, {}, notes={"1.1": "Коробки в коридоре"})
    fill(audit, auditor2, {})
    fill(audit, auditor3, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit.refresh_from_db()
    return audit


@pytest.fixture
def apparatus(db):
    return AgencyFactory(short_name="Аппарат (тест)", full_name="Аппарат Правительства (тест)")


def _curator_user(curator, apparatus, username):
    user = UserFactory(username=username, roles=[Role.CURATOR])
    curator.person = PersonFactory(agency=apparatus, user=user, full_name=f"Зам {username}")
    curator.save()
    return user


@pytest.fixture
def curator_a(agency_a, apparatus):
    """The deputy governor curating agency A."""
    return _curator_user(agency_a.curator, apparatus, "curator_a")


@pytest.fixture
def curator_b(agency_b, apparatus):
    """The deputy governor curating agency B only."""
    return _curator_user(agency_b.curator, apparatus, "curator_b")


@pytest.fixture
def head_a(agency_a):
    user = UserFactory(username="head_a", roles=[Role.EMPLOYEE])
    agency_a.head = PersonFactory(agency=agency_a, user=user, full_name="Руководов Роман")
    agency_a.save()
    return user


@pytest.fixture
def subdivision(agency_a):
    agency_a.kind = AgencyKind.APPARATUS_SUBDIVISION
    agency_a.save()
    return agency_a


def _draft(signed, leader):
    plan = services.plan_create(actor=leader, audit=signed)
    rows = [
        {
            "id": action.pk,
            "cause": "Нет места хранения",
            "action": "Определить место хранения",
            "planned_date": datetime.date(2026, 3, 20),
            "executor": "Иванов И. И.",
        }
        for action in plan.actions.all()
    ]
    services.plan_save(actor=leader, plan=plan, rows=rows)
    return plan


@pytest.mark.django_db(transaction=True)
def test_the_curator_approves_a_subdivisions_plan(
    subdivision, signed, team_leader_a, curator_a, head_a, login
):
    """L5027: the plan of a СППО is approved by the curating deputy governor."""
    plan = _draft(signed, team_leader_a)
    page = login(curator_a).get(plan.get_absolute_url()).content.decode()
    assert "Зам curator_a" in page and "Утвердить" in page
    response = login(curator_a).post(reverse("audits:plan-approve", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.approver == subdivision.curator.person
    assert plan.approved_by == curator_a and not plan.approved_on_behalf


@pytest.mark.parametrize("who", ["head_a", "team_leader_a", "curator_b", "governor"])
def test_nobody_else_approves_a_subdivisions_plan(subdivision, signed, team_leader_a, request, who):
    """Not even the СППО's own head (L5027), nor another agency's curator; nothing is saved."""
    request.getfixturevalue("curator_a")
    actor = request.getfixturevalue(who)
    plan = _draft(signed, team_leader_a)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=actor, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approver is None


def test_the_subdivisions_head_gets_403_from_the_page(
    subdivision, signed, team_leader_a, head_a, curator_a, login
):
    plan = _draft(signed, team_leader_a)
    response = login(head_a).post(reverse("audits:plan-approve", args=[plan.pk]))
    assert response.status_code == 403
    assert CorrectiveActionPlan.objects.get().status == PlanStatus.DRAFT


def test_an_administrator_records_the_curators_approval(
    subdivision, signed, team_leader_a, curator_a, administrator
):
    plan = _draft(signed, team_leader_a)
    plan = services.plan_approve(actor=administrator, plan=plan)
    assert plan.approver == subdivision.curator.person and plan.approved_on_behalf


def test_an_executive_bodys_plan_stays_with_its_head(signed, team_leader_a, head_a, curator_a):
    """An ОИВ ЯО: «руководитель ОИВ ЯО» (L5027); its curator does not approve."""
    plan = _draft(signed, team_leader_a)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=curator_a, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    plan = services.plan_approve(actor=head_a, plan=plan)
    assert plan.approver.user == head_a and not plan.approved_on_behalf


def test_the_curator_reads_only_the_agencies_they_curate(
    signed, team_leader_a, agency_a, agency_b, curator_a, curator_b, login
):
    plan = _draft(signed, team_leader_a)
    final = reverse("audits:final", args=[signed.pk])
    for url in (final, plan.get_absolute_url(), agency_a.get_absolute_url()):
        assert login(curator_a).get(url).status_code == 200
        assert login(curator_b).get(url).status_code == 404
    assert login(curator_b).get(agency_b.get_absolute_url()).status_code == 200
    listed = login(curator_a).get(reverse("agencies:list")).content.decode()
    assert "Департамент А" in listed and "Департамент Б" not in listed
    response = login(curator_a).post(plan.get_absolute_url(), {"row": []})
    assert response.status_code == 403  # reading, not editing


@pytest.mark.parametrize("page", ["training-agency", "proposals-board"])
def test_a_curator_reads_training_and_proposals_of_the_agencies_they_curate_only(
    login, curator_a, curator_b, agency_a, page
):
    """§9.1–9.2: the deputy governor reads like the governor's office, for their agencies."""
    url = reverse(f"agencies:{page}", args=[agency_a.pk])
    assert login(curator_a).get(url).status_code == 200
    assert login(curator_b).get(url).status_code == 404
    assert (
        login(curator_a).get(f"/api/v1/training-coverage/?agency={agency_a.pk}").status_code == 200
    )
