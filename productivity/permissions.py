"""Who may see and record timing studies, workplaces and piece-rate cards.

The foundation has no separate «standards engineer» role: team leaders and team members of an
agency record studies for that agency, administrators everywhere; the governor's office, the
working group head and auditors read every agency (the governor's office only reads);
employees read their own agency. The calculators save nothing and are open to every signed-in
user with a portal role. HTML views, the API and the admin all ask these predicates; the
scoping helpers return querysets (never None for «all»).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet

from agencies.models import Agency
from agencies.people import agency_ids_of
from core.permissions import has_role, is_administrator, roles_of, sees_whole_region
from core.roles import Role

if TYPE_CHECKING:
    from productivity.models import Study, Workplace

M = TypeVar("M", bound=Model)

RECORDING_ROLES = (Role.TEAM_LEADER, Role.TEAM_MEMBER)


def can_view_productivity(user: Any) -> bool:
    return bool(roles_of(user))


def can_use_calculators(user: Any) -> bool:
    return bool(roles_of(user))


def readable_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies whose workplaces and studies the user may read: every agency for the
    region's roles, the user's own otherwise (none without a role: agency_ids_of is empty)."""
    if sees_whole_region(user):
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=agency_ids_of(user))


def scope_to_user(user: Any, queryset: QuerySet[M], field: str = "agency") -> QuerySet[M]:
    """Filter any queryset with an agency field down to what the user may read."""
    if sees_whole_region(user):
        return queryset
    return queryset.filter(**{f"{field}__in": readable_agencies(user)})


def can_record(user: Any, agency_id: int) -> bool:
    """Record workplaces and studies for an agency."""
    if is_administrator(user):
        return True
    return has_role(user, *RECORDING_ROLES) and agency_id in agency_ids_of(user)


def can_record_anywhere(user: Any) -> bool:
    return is_administrator(user) or (
        has_role(user, *RECORDING_ROLES) and bool(agency_ids_of(user))
    )


def recordable_agencies(user: Any, queryset: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
    """The agencies the user may record for (of `queryset`, default every agency)."""
    agencies = Agency.objects.all() if queryset is None else queryset
    if is_administrator(user):
        return agencies
    if not has_role(user, *RECORDING_ROLES):
        return agencies.none()
    return agencies.filter(pk__in=agency_ids_of(user))


def can_edit_study(user: Any, study: Study) -> bool:
    return can_record(user, study.agency_id)


def can_edit_workplace(user: Any, workplace: Workplace) -> bool:
    return can_record(user, workplace.agency_id)
