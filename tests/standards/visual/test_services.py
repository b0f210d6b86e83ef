"""Visual control (Appendix 28), error-proofing (criterion 4.6, L2465) and the emergency
procedure (criterion 4.7, L2475): the team writes, the leader agrees the list, the head
approves the procedure; every write refuses a user without the right with nothing saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import ApplicationError, ConflictError
from standards.visual import services
from standards.visual.choices import ListStatus, ProcedureStatus
from standards.visual.models import EmergencyProcedure, ErrorProofing, VisualControlList

DAY = datetime.date(2026, 11, 16)

POINTS = [
    {
        "category": "запасы и материалы",
        "control_point": "минимальный и максимальный уровни",
        "requirement": "содержать запасы в пределах между максимальным и минимальным уровнями",
    },
    {
        "category": "места хранения документов",
        "control_point": "быстро находить документ",
        "requirement": "находить за 30 секунд",
    },
]


def test_the_team_compiles_a_list_and_the_leader_agrees_it(
    team_member_a, team_leader_a, agency_a, room_a
):
    member = team_member_a.person
    control_list = services.list_create(
        actor=team_member_a,
        agency=agency_a,
        room=room_a,
        compiled_on=DAY,
        compilers=[member],
        points=[{**POINTS[0], "checker": member}, POINTS[1]],
    )
    assert [p.position for p in control_list.points.all()] == [1, 2]
    with pytest.raises(PermissionDenied):
        services.list_agree(actor=team_member_a, control_list=control_list)
    agreed = services.list_agree(actor=team_leader_a, control_list=control_list, today=DAY)
    assert agreed.status == ListStatus.AGREED and agreed.leader == team_leader_a.person
    with pytest.raises(ConflictError):
        services.list_update(actor=team_member_a, control_list=agreed, points=[])


@pytest.mark.parametrize("who", ["employee_a", "governor", "group_head", "team_leader_b", "head_a"])
def test_a_list_is_refused_to_those_outside_the_team(request, who, agency_a, room_a, head_a):
    with pytest.raises(PermissionDenied):
        services.list_create(
            actor=request.getfixturevalue(who), agency=agency_a, room=room_a, points=POINTS
        )
    assert not VisualControlList.objects.exists()


def test_a_bad_point_saves_nothing(team_member_a, agency_a, room_a):
    with pytest.raises(ApplicationError) as error:
        services.list_create(
            actor=team_member_a,
            agency=agency_a,
            room=room_a,
            points=[POINTS[0], {"category": "мебель", "control_point": "", "requirement": "x"}],
        )
    assert "1.control_point" in error.value.details
    assert not VisualControlList.objects.exists()


def test_an_empty_list_is_not_agreed(team_leader_a, agency_a, room_a):
    control_list = services.list_create(actor=team_leader_a, agency=agency_a, room=room_a)
    with pytest.raises(ApplicationError):
        services.list_agree(actor=team_leader_a, control_list=control_list)


def test_another_agencys_room_is_refused(team_leader_a, agency_a, room_b):
    with pytest.raises(ApplicationError):
        services.list_create(actor=team_leader_a, agency=agency_a, room=room_b)


def test_the_team_records_error_proofing(team_member_a, agency_a, room_a, employee_a):
    proofing = services.proofing_create(
        actor=team_member_a,
        agency=agency_a,
        data={"room": room_a, "error": "бумага заканчивается", "measure": "цветная закладка"},
    )
    assert proofing.in_force
    with pytest.raises(PermissionDenied):
        services.proofing_update(actor=employee_a, proofing=proofing, data={"in_force": False})
    proofing.refresh_from_db()
    assert proofing.in_force
    assert ErrorProofing.objects.count() == 1


def test_the_head_approves_the_emergency_procedure(team_leader_a, head_a, agency_a):
    procedure = services.procedure_create(
        actor=team_leader_a,
        agency=agency_a,
        data={"title": "Пожар", "steps": "1. Сообщить по 101.\n2. Покинуть здание."},
    )
    assert procedure.status == ProcedureStatus.DRAFT
    with pytest.raises(PermissionDenied):
        services.procedure_approve(actor=team_leader_a, procedure=procedure)
    approved = services.procedure_approve(actor=head_a, procedure=procedure, today=DAY)
    assert approved.status == ProcedureStatus.APPROVED and approved.approver == head_a.person
    with pytest.raises(ConflictError):
        services.procedure_approve(actor=head_a, procedure=approved)
    with pytest.raises(ConflictError):
        services.procedure_update(actor=team_leader_a, procedure=approved, data={"steps": "x"})
    services.procedure_update(
        actor=team_leader_a, procedure=approved, data={"posted_at": "у лифта, 1 этаж"}
    )
    assert EmergencyProcedure.objects.get().posted_at == "у лифта, 1 этаж"
