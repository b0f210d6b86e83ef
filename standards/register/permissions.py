"""Who may see and do what with the register of 5S standards and the daily checklist (§8,
L1119–1257): one place for the pages, the API and the admin.

- Reading an agency's register and checklist: the region's roles (administrator, governor's
  office, working group), the curating deputy governor, and the agency's own people — the
  standards are the rules its employees follow every day (L1127) and each employee is given
  the checklist (L1189).
- Writing standards and checklists: the agency's 5S team (leader and members).
- Agreeing a version: the 5S-team leader (L1139 «гриф согласования лидером 5S-команды»).
- Approving a version or a checklist: the agency's head (L1139 «гриф утверждения
  руководителем ОИВ ЯО или СППО»).
- The administrator may do all of it on their behalf; the governor's office changes nothing.
- The knowledge base (approved standards of every agency, §3.2.4) is read by every portal role.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from agencies.models import Agency, FiveSTeam
from agencies.people import person_of, readable_agency_ids, works_in
from agencies.permissions import reads_agency
from core.permissions import (
    can_change_anything,
    has_role,
    is_administrator,
    roles_of,
    sees_whole_region,
)
from core.roles import Role

AnyUser = User | AnonymousUser


def readable_agencies(user: AnyUser) -> QuerySet[Agency]:
    agencies = Agency.objects.all()
    if sees_whole_region(user):
        return agencies
    return agencies.filter(pk__in=sorted(readable_agency_ids(user)))


def scope(queryset: QuerySet, user: AnyUser, field: str = "agency_id") -> QuerySet:
    if sees_whole_region(user):
        return queryset
    return queryset.filter(**{f"{field}__in": sorted(readable_agency_ids(user))})


can_read = reads_agency


def can_read_knowledge_base(user: AnyUser) -> bool:
    return bool(roles_of(user))


def is_head_of(user: AnyUser, agency: Agency) -> bool:
    person = person_of(user)
    return person is not None and agency.head_id is not None and agency.head_id == person.pk


def is_leader_of(user: AnyUser, agency_id: int) -> bool:
    if not has_role(user, Role.TEAM_LEADER) or not works_in(user, agency_id):
        return False
    return FiveSTeam.objects.filter(agencies=agency_id, leader=person_of(user)).exists()


def is_team_member_of(user: AnyUser, agency_id: int) -> bool:
    if not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER) or not works_in(user, agency_id):
        return False
    person = person_of(user)
    return FiveSTeam.objects.filter(
        Q(leader=person) | Q(memberships__person=person), agencies=agency_id
    ).exists()


def can_edit(user: AnyUser, agency_id: int) -> bool:
    """Write standards and checklists of the agency: its 5S team."""
    if is_administrator(user):
        return True
    return can_change_anything(user) and is_team_member_of(user, agency_id)


def editable_agencies(user: AnyUser) -> QuerySet[Agency]:
    agencies = Agency.objects.order_by("short_name")
    if is_administrator(user):
        return agencies
    if not can_change_anything(user) or not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER):
        return agencies.none()
    person = person_of(user)
    return agencies.filter(
        Q(teams__leader=person) | Q(teams__memberships__person=person)
    ).distinct()


def can_agree(user: AnyUser, agency_id: int) -> bool:
    return is_administrator(user) or is_leader_of(user, agency_id)


def can_approve(user: AnyUser, agency: Agency) -> bool:
    return is_administrator(user) or is_head_of(user, agency)


def acts_on_behalf(user: AnyUser, agency: Agency, *, as_head: bool) -> bool:
    """An administrator signing for the leader or the head (the record says so)."""
    if not is_administrator(user):
        return False
    return not (is_head_of(user, agency) if as_head else is_leader_of(user, agency.pk))
