"""Who may read, edit and approve deployment orders and plans (§4.4, §4.8; issue 14 item 7).

- read: the region's roles (administrator, governor's office, working group), those who work in
  the agency, its curating deputy governor and its head;
- edit (the order's record, the plan's activities, actual dates): the agency's 5S-team leader and
  members, and administrators;
- approve the plan: the head of an ОИВ ЯО, for a СППО the curating deputy governor (L555), an
  administrator on their behalf. Issue the order likewise (L439).
"""

from typing import Any

from django.db.models import Q, QuerySet

from agencies.people import person_of, readable_agency_ids, works_in
from core.permissions import has_role, is_administrator, sees_whole_region
from core.roles import Role


def _reach(user: Any) -> Q:
    """Agencies the user may read, as a filter on `agency`."""
    person = person_of(user)
    condition = Q(agency_id__in=readable_agency_ids(user))
    if person is not None:
        condition |= Q(agency__head_id=person.pk)
    return condition


def scoped(user: Any, queryset: QuerySet) -> QuerySet:
    """Orders or plans the user may read (a queryset with an `agency` field)."""
    if sees_whole_region(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(_reach(user))


def can_view(user: Any, agency: Any) -> bool:
    if sees_whole_region(user) or agency.pk in readable_agency_ids(user):
        return True
    person = person_of(user)
    return person is not None and agency.head_id == person.pk


def can_edit(user: Any, agency: Any) -> bool:
    """The team leader and members of the agency, and administrators."""
    return is_administrator(user) or (
        has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER) and works_in(user, agency.pk)
    )


def is_approver(user: Any, agency: Any) -> bool:
    """The head of an ОИВ ЯО; for a СППО the curating deputy governor with the role curator
    (L555, L439), never the СППО's own head."""
    person = person_of(user)
    if person is None:
        return False
    if agency.is_subdivision:
        return (
            agency.curator is not None
            and agency.curator.person_id == person.pk
            and has_role(user, Role.CURATOR)
        )
    return agency.head_id == person.pk


def can_approve(user: Any, agency: Any) -> bool:
    return is_administrator(user) or is_approver(user, agency)
