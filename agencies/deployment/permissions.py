"""Who may read, edit and approve deployment orders and plans (§4.4, §4.8; issue 14 item 7).

- read: the region's roles (administrator, governor's office, working group), those who work in
  the agency, its curating deputy governor and its head;
- edit (the order's record, the plan's activities, actual dates): the agency's 5S-team leader and
  members, and administrators;
- approve the plan: the head of an ОИВ ЯО, for a СППО the curating deputy governor (L555), an
  administrator on their behalf. Issue the order likewise (L439).

A joint team of several СППО of one curator (§4.3, L411) has one plan for all of them: it is
read and edited from every СППО of the team as if it were that СППО's own (plan_scoped,
can_edit_plan), and approved by their curating deputy governor (Appendix 10, L3637).
"""

from typing import Any

from django.db.models import Q, QuerySet

from agencies.models import FiveSTeam
from agencies.people import person_of, readable_agency_ids, works_in
from core.permissions import has_role, is_administrator, sees_whole_region
from core.roles import Role


def _reach(user: Any, *, via_team: bool = False) -> Q:
    """Agencies the user may read, as a filter on `agency`; with `via_team`, also the records
    whose (joint) team covers such an agency (§4.3, L411), as a subquery: no duplicate rows."""
    person = person_of(user)
    agency_ids = readable_agency_ids(user)
    condition = Q(agency_id__in=agency_ids)
    teams = Q(agencies__in=agency_ids)
    if person is not None:
        condition |= Q(agency__head_id=person.pk)
        teams |= Q(agencies__head_id=person.pk)
    if via_team:
        condition |= Q(team__in=FiveSTeam.objects.filter(teams).values("pk"))
    return condition


def scoped(user: Any, queryset: QuerySet, *, via_team: bool = False) -> QuerySet:
    """Orders or plans the user may read (a queryset with an `agency` field)."""
    if sees_whole_region(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(_reach(user, via_team=via_team))


def plan_scoped(user: Any, queryset: QuerySet) -> QuerySet:
    """Plans the user may read: those of the agencies they read and those of a joint team one
    of whose СППО they read (L411, L3637)."""
    return scoped(user, queryset, via_team=True)


def plan_agencies(plan: Any) -> list:
    """The plan's agency, then the other СППО of its joint team."""
    return [plan.agency, *(a for a in plan.joint_agencies if a.pk != plan.agency_id)]


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


def can_edit_plan(user: Any, plan: Any) -> bool:
    """The team of the plan's agency or of any СППО of its joint team (L411), administrators.
    A joint team's plan is approved as its agency's (can_approve(user, plan.agency)): all its
    СППО have one curating deputy governor (L411), who approves (L555, L3637)."""
    return any(can_edit(user, agency) for agency in plan_agencies(plan))
