"""Who may see and do what in «Set in order» (step 2, §6, L770–950): one place for the pages,
the API and the admin, built on the predicates of `standards.stock.permissions`.

- The 5S team (leader and members) of the agency uploads the maps and schemes, draws up the
  schedule and writes the storage and visualisation rules (§6.1 table, L775–795: «5S-команда»).
- The head of the agency (Agency.head with an account) approves the schemes and the rules and
  agrees the schedule (L893, L901); an administrator may record it on the head's behalf.
- The leader (or an administrator) records that the schedule's paper copy was sent (L907).
- The region's roles (administrator, governor's office, working group) read every agency; a
  curating deputy governor reads the agencies curated.
- Employees of the agency read what was approved and agreed: the schemes of the rooms and the
  schedule they place items by (L915 «выдать схемы рационального размещения»); drafts are the
  team's and the head's. The portal does not know which room each employee sits in, so an
  employee reads the approved schemes of the whole agency.
The governor's office changes nothing. Lists are scoped in the query.
"""

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from agencies.models import Agency
from agencies.people import headed_agency_ids, readable_agency_ids
from core.permissions import is_administrator, sees_whole_region
from standards.stock.permissions import (
    approves_on_behalf,
    can_edit,
    can_view_agency,
    editable_agencies,
    is_leader_of,
    is_team_of,
    may_approve_for,
)

M = TypeVar("M", bound=Model)

__all__ = [
    "approves_on_behalf",
    "can_edit",
    "can_record_copy",
    "can_view_agency",
    "editable_agencies",
    "may_approve_for",
    "scope_drafts",
]


def _team_agency_ids(user: Any) -> list[int]:
    return [pk for pk in sorted(readable_agency_ids(user)) if is_team_of(user, pk)]


def scope_drafts(
    queryset: QuerySet[M], user: Any, *, final: Q, field: str = "agency_id"
) -> QuerySet[M]:
    """The records of `queryset` the user may read: every record of the agencies the user
    reads as the region, the team or the head; elsewhere only the `final` ones (approved,
    agreed) of the agencies the user works in or curates."""
    if sees_whole_region(user):
        return queryset
    readable = sorted(readable_agency_ids(user))
    full = sorted(set(_team_agency_ids(user)) | set(headed_agency_ids(user)))
    return queryset.filter(Q(**{f"{field}__in": full}) | (Q(**{f"{field}__in": readable}) & final))


def can_record_copy(user: Any, agency: Agency) -> bool:
    """The paper copy of the schedule is sent by the leader (L907)."""
    return is_administrator(user) or is_leader_of(user, agency.pk)
