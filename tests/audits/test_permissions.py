"""audits.permissions, role by role: allowed and denied, anonymous and another agency included."""

import pytest
from django.contrib.auth.models import AnonymousUser

from audits import permissions, services
from audits.models import Audit
from tests.audits.conftest import fill, sheet_of

ROLES = [
    "anonymous",
    "no_role",
    "administrator",
    "governor",
    "group_head",
    "auditor",
    "auditor2",
    "team_leader_a",
    "team_member_a",
    "employee_a",
    "team_leader_b",
]


def _user(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


@pytest.fixture
def people(request):
    return {name: _user(request, name) for name in ROLES}


def _sees(user, audit):
    return permissions.visible_audits(user).filter(pk=audit.pk).exists()


def test_who_sees_an_unsigned_audit(audit, people):
    # The agency's 5S-team leader is told the date and must be present (§5.5): they open the
    # audit's page; members, employees and other agencies do not.
    expected = {"administrator", "group_head", "auditor", "auditor2", "team_leader_a"}
    assert {name for name, user in people.items() if _sees(user, audit)} == expected
    assert not permissions.can_view_final_sheet(people["team_leader_a"], audit)


def test_who_sees_a_signed_audit_and_its_final_sheet(
    audit, people, group_head, auditor, auditor2, auditor3
):
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    audit = Audit.objects.get(pk=audit.pk)
    expected = {
        "administrator",
        "governor",
        "group_head",
        "auditor",
        "auditor2",
        "team_leader_a",
        "team_member_a",
        "employee_a",
    }
    assert {name for name, user in people.items() if _sees(user, audit)} == expected
    assert {
        name for name, user in people.items() if permissions.can_view_final_sheet(user, audit)
    } == expected


def test_who_reads_and_writes_an_auditors_sheet(audit, people):
    sheet = sheet_of(audit, people["auditor"])
    readers = {n for n, u in people.items() if permissions.can_view_sheet(u, sheet)}
    writers = {n for n, u in people.items() if permissions.can_edit_sheet(u, sheet)}
    assert readers == {"administrator", "group_head", "auditor"}
    assert writers == {"administrator", "auditor"}  # never a colleague, never the head


def test_who_plans_decides_and_finalises(audit, people):
    assert {n for n, u in people.items() if permissions.can_plan_audit(u)} == {
        "administrator",
        "group_head",
    }
    assert {n for n, u in people.items() if permissions.can_manage_audit(u, audit)} == {
        "administrator",
        "group_head",
    }


def test_who_drafts_approves_and_reads_plans(
    audit, people, group_head, auditor, auditor2, auditor3, team_leader_a
):
    for user in (auditor, auditor2, auditor3):
        fill(audit, user, {}, notes={"1.1": "Замечание"})
    services.final_sheet_finalise(actor=group_head, audit=audit)
    assert {n for n, u in people.items() if permissions.can_create_plan(u, audit)} == {
        "administrator",
        "team_leader_a",
    }
    plan = services.plan_create(actor=team_leader_a, audit=audit)
    assert {n for n, u in people.items() if permissions.can_edit_plan(u, plan)} == {
        "administrator",
        "team_leader_a",
    }
    assert {n for n, u in people.items() if permissions.can_approve_plan(u, plan)} == {
        "administrator"
    }

    def readers():
        return {
            n for n, u in people.items() if permissions.visible_plans(u).filter(pk=plan.pk).exists()
        }

    agency = {"team_leader_a", "team_member_a", "employee_a"}
    assert readers() == {"administrator", "group_head", *agency}  # a draft stays in the agency
    plan.status = "approved"
    plan.save()
    assert readers() == {"administrator", "governor", "group_head", "auditor", "auditor2", *agency}


def test_who_writes_and_reads_internal_audits(agency_a, people):
    writers = {n for n, u in people.items() if permissions.can_write_internal(u, agency_a.pk)}
    readers = {n for n, u in people.items() if permissions.can_view_internal(u, agency_a.pk)}
    assert writers == {"administrator", "team_leader_a", "team_member_a"}
    assert readers == {
        "administrator",
        "governor",
        "group_head",
        "auditor",
        "auditor2",
        "team_leader_a",
        "team_member_a",
        "employee_a",
    }


def test_the_governors_office_changes_nothing(audit, governor):
    sheet = audit.sheets.first()
    assert not permissions.can_edit_sheet(governor, sheet)
    assert not permissions.can_manage_audit(governor, audit)
