"""Who may see and do what in sorting (§5): one place for the views, the API and the admin.

- Reading: the region's roles (administrator, governor's office, working group) read every
  agency; the people of an agency (team leader, members, employees) read their own agencies.
- Marking items with red tags: the 5S team and the agency's employees. §5.3 (seed 003 L713)
  lets every employee place an unneeded item in the storage zone «самостоятельно», which
  needs a filled tag, so employees may mark items too. The author may correct a tag until the
  item enters the storage zone; the team leader always may.
- Rounds: the team leader plans a sorting (§5.4, L755); the team's members tick the control
  sheet and add lines to the rarely-needed list.
- Decisions and agreements: the team leader (§5.4 L751, Appendix 16 item 9 L4125, Appendix 17
  item 10 L4249).
- The storage zone: the person responsible for it (FiveSTeam.storage_keeper, §5.3 L715), or
  the team leader, admits items and records the weekly check.
The governor's office changes nothing; the administrator may do everything.

Lists are scoped by querysets (`scope_by_agency`, `markable_agencies`): a helper never answers
None to mean «every agency».
"""

from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet

from agencies.models import Agency, FiveSTeam
from agencies.people import agency_ids_of, person_of, works_in
from core.permissions import can_change_anything, has_role, is_administrator, sees_whole_region
from core.roles import Role
from sorting.models import RedTag

AnyUser = User | AnonymousUser
M = TypeVar("M", bound=Model)


def scope_by_agency(queryset: QuerySet[M], user: AnyUser, field: str = "agency_id") -> QuerySet[M]:
    """The records of `queryset` whose agency (`field`) the user may see."""
    if sees_whole_region(user):
        return queryset
    return queryset.filter(**{f"{field}__in": sorted(agency_ids_of(user))})


def can_view_agency(user: AnyUser, agency_id: int) -> bool:
    return sees_whole_region(user) or works_in(user, agency_id)


def _works_in(user: AnyUser, agency_id: int) -> bool:
    return can_change_anything(user) and works_in(user, agency_id)


def is_leader_of(user: AnyUser, agency_id: int) -> bool:
    """The leader of a 5S team that covers the agency."""
    if not has_role(user, Role.TEAM_LEADER) or not _works_in(user, agency_id):
        return False
    person = person_of(user)
    return FiveSTeam.objects.filter(agencies=agency_id, leader=person).exists()


def is_team_member_of(user: AnyUser, agency_id: int) -> bool:
    if not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER):
        return False
    if not _works_in(user, agency_id):
        return False
    person = person_of(user)
    return FiveSTeam.objects.filter(agencies=agency_id, memberships__person=person).exists()


def is_storage_keeper_of(user: AnyUser, agency_id: int) -> bool:
    person = person_of(user)
    if person is None or not _works_in(user, agency_id):
        return False
    return FiveSTeam.objects.filter(agencies=agency_id, storage_keeper=person).exists()


def can_mark_items(user: AnyUser, agency_id: int) -> bool:
    if is_administrator(user):
        return True
    return has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER, Role.EMPLOYEE) and _works_in(
        user, agency_id
    )


def markable_agencies(user: AnyUser) -> QuerySet[Agency]:
    """The agencies where the user may mark items (every agency for an administrator)."""
    agencies = Agency.objects.all()
    if is_administrator(user):
        return agencies
    if not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER, Role.EMPLOYEE):
        return agencies.none()
    if not can_change_anything(user):
        return agencies.none()
    return agencies.filter(pk__in=sorted(agency_ids_of(user)))


def can_edit_tag(user: AnyUser, tag: RedTag) -> bool:
    if is_administrator(user) or is_leader_of(user, tag.agency_id):
        return True
    if hasattr(tag, "admission"):
        return False
    return tag.created_by_id == user.pk and can_mark_items(user, tag.agency_id)


def can_plan_rounds(user: AnyUser, agency_id: int) -> bool:
    return is_administrator(user) or is_leader_of(user, agency_id)


def can_work_round(user: AnyUser, agency_id: int) -> bool:
    """Tick the control sheet, add rarely-needed items."""
    return is_administrator(user) or is_team_member_of(user, agency_id)


def can_decide(user: AnyUser, agency_id: int) -> bool:
    return is_administrator(user) or is_leader_of(user, agency_id)


def can_keep_zone(user: AnyUser, agency_id: int) -> bool:
    return (
        is_administrator(user)
        or is_leader_of(user, agency_id)
        or is_storage_keeper_of(user, agency_id)
    )


def can_extend_classifier(user: AnyUser, team: FiveSTeam) -> bool:
    if is_administrator(user):
        return True
    person = person_of(user)
    return (
        has_role(user, Role.TEAM_LEADER)
        and can_change_anything(user)
        and person is not None
        and team.leader_id == person.pk
    )
