"""Who may see and do what with the stock of material objects and visual control (§8.2,
L1211–1245; Appendices 27, 28): one place for the pages, the API and the admin.

- Reading: the region's roles (administrator, governor's office, working group) read every
  agency; a curating deputy governor reads the agencies curated; the people of an agency (5S
  team, employees) read their own agencies (an employee takes objects from the storage place,
  L1235, and checks visual control points).
- The 5S team (leader and members) keeps the storage places, their items and levels, records
  counts and writes the requests and the visual-control records.
- The employee responsible for a storage place (StockPlace.responsible, L1237) records its
  counts, completes and submits its requests and records what was received (L1239).
- The head of the agency (Agency.head, when that person has an account) approves a request
  (Appendix 27 «УТВЕРЖДАЮ») and the emergency procedure; an administrator may record it on
  the head's behalf (the record says so).
- The 5S team leader agrees a list of visual control points (Appendix 28 «СОГЛАСОВАНО»).
The governor's office changes nothing. Lists are scoped in the query (`scope_by_agency`).
"""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from agencies.models import Agency, FiveSTeam
from agencies.people import agency_ids_of, person_of, readable_agency_ids, works_in
from agencies.permissions import reads_agency
from core.permissions import can_change_anything, has_role, is_administrator, sees_whole_region
from core.roles import Role

M = TypeVar("M", bound=Model)


def scope_by_agency(queryset: QuerySet[M], user: Any, field: str = "agency_id") -> QuerySet[M]:
    """The records of `queryset` whose agency (`field`) the user may read."""
    if sees_whole_region(user):
        return queryset
    return queryset.filter(**{f"{field}__in": sorted(readable_agency_ids(user))})


can_view_agency = reads_agency


def is_team_of(user: Any, agency_id: int) -> bool:
    """The leader or a member of a 5S team covering the agency."""
    if not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER) or not can_change_anything(user):
        return False
    if not works_in(user, agency_id):
        return False
    person = person_of(user)
    teams = FiveSTeam.objects.filter(agencies=agency_id)
    return teams.filter(leader=person).exists() or teams.filter(memberships__person=person).exists()


def is_leader_of(user: Any, agency_id: int) -> bool:
    if not has_role(user, Role.TEAM_LEADER) or not works_in(user, agency_id):
        return False
    return FiveSTeam.objects.filter(agencies=agency_id, leader=person_of(user)).exists()


def can_edit(user: Any, agency_id: int) -> bool:
    """Keep places, items, levels, requests, visual-control records."""
    return is_administrator(user) or is_team_of(user, agency_id)


def editable_agencies(user: Any) -> QuerySet[Agency]:
    agencies = Agency.objects.order_by("short_name")
    if is_administrator(user):
        return agencies
    ids = [pk for pk in sorted(agency_ids_of(user)) if is_team_of(user, pk)]
    return agencies.filter(pk__in=ids)


def is_responsible_for(user: Any, place: Any) -> bool:
    person = person_of(user)
    return (
        person is not None
        and place.responsible_id == person.pk
        and can_change_anything(user)
        and works_in(user, place.agency_id)
    )


def can_keep_stock(user: Any, place: Any) -> bool:
    """Record counts, complete and submit requests, record receipt (L1237–1239)."""
    return can_edit(user, place.agency_id) or is_responsible_for(user, place)


def is_head_of(user: Any, agency: Agency) -> bool:
    person = person_of(user)
    return person is not None and agency.head_id == person.pk and can_change_anything(user)


def may_approve_for(user: Any, agency: Agency) -> bool:
    """The head of the agency, or an administrator on the head's behalf (whatever the state:
    an approved record is then a conflict, 409, not a refusal of the person, 403)."""
    return is_administrator(user) or is_head_of(user, agency)


def approves_on_behalf(user: Any, agency: Agency) -> bool:
    return is_administrator(user) and not is_head_of(user, agency)


def can_agree_visual_list(user: Any, agency_id: int) -> bool:
    return is_administrator(user) or is_leader_of(user, agency_id)
