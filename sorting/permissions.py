"""Who may see and do what in sorting (§5): one place for the views, the API and the admin.

- Reading: the region's roles (administrator, governor's office, working group) read every
  agency; the people of an agency (team leader, members, employees) read their own agencies.
- Marking items with red tags: the 5S team and the agency's employees. §5.3 lets every
  employee place an unneeded item in the storage zone «самостоятельно», which needs a filled
  tag, so employees may mark items too. The author may correct a tag until the item enters
  the storage zone; the team leader always may.
- Rounds: the team leader plans a sorting; the team's members tick the control sheet and
  add lines to the rarely-needed list.
- Decisions and agreements: the team leader (§5.4, Appendix 16 item 9, Appendix 17 item 10).
- The storage zone: the person responsible for it (FiveSTeam.storage_keeper, §5.3), or the
  team leader, admits items and records the weekly check.
The governor's office changes nothing; the administrator may do everything.
"""

from agencies.people import agency_ids_of, person_of, works_in
from core.permissions import can_change_anything, has_role, is_administrator, sees_whole_region
from core.roles import Role


def visible_agency_ids(user):
    """None means every agency."""
    if sees_whole_region(user):
        return None
    return agency_ids_of(user)


def scope_by_agency(queryset, user, field="agency_id"):
    ids = visible_agency_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def can_view_agency(user, agency_id):
    return sees_whole_region(user) or works_in(user, agency_id)


def _works_in(user, agency_id):
    return can_change_anything(user) and works_in(user, agency_id)


def is_leader_of(user, agency_id):
    """The leader of a 5S team that covers the agency."""
    from agencies.models import FiveSTeam

    if not has_role(user, Role.TEAM_LEADER) or not _works_in(user, agency_id):
        return False
    person = person_of(user)
    return FiveSTeam.objects.filter(agencies=agency_id, leader=person).exists()


def is_team_member_of(user, agency_id):
    from agencies.models import FiveSTeam

    if not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER):
        return False
    if not _works_in(user, agency_id):
        return False
    person = person_of(user)
    return FiveSTeam.objects.filter(agencies=agency_id, memberships__person=person).exists()


def is_storage_keeper_of(user, agency_id):
    from agencies.models import FiveSTeam

    person = person_of(user)
    if person is None or not _works_in(user, agency_id):
        return False
    return FiveSTeam.objects.filter(agencies=agency_id, storage_keeper=person).exists()


def can_mark_items(user, agency_id):
    if is_administrator(user):
        return True
    return has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER, Role.EMPLOYEE) and _works_in(
        user, agency_id
    )


def markable_agency_ids(user):
    """Agencies where the user may mark items; None means every agency (administrator)."""
    if is_administrator(user):
        return None
    if not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER, Role.EMPLOYEE):
        return frozenset()
    if not can_change_anything(user):
        return frozenset()
    return agency_ids_of(user)


def can_edit_tag(user, tag):
    if is_administrator(user) or is_leader_of(user, tag.agency_id):
        return True
    if hasattr(tag, "admission"):
        return False
    return tag.created_by_id == user.pk and can_mark_items(user, tag.agency_id)


def can_plan_rounds(user, agency_id):
    return is_administrator(user) or is_leader_of(user, agency_id)


def can_work_round(user, agency_id):
    """Tick the control sheet, add rarely-needed items."""
    return is_administrator(user) or is_team_member_of(user, agency_id)


def can_decide(user, agency_id):
    return is_administrator(user) or is_leader_of(user, agency_id)


def can_keep_zone(user, agency_id):
    return (
        is_administrator(user)
        or is_leader_of(user, agency_id)
        or is_storage_keeper_of(user, agency_id)
    )


def can_extend_classifier(user, team):
    if is_administrator(user):
        return True
    person = person_of(user)
    return (
        has_role(user, Role.TEAM_LEADER)
        and can_change_anything(user)
        and person is not None
        and team.leader_id == person.pk
    )
