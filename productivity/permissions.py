"""Who may see and record timing studies, workplaces and piece-rate cards.

The foundation has no separate «standards engineer» role: team leaders and team members of an
agency record studies for that agency, administrators everywhere; the governor's office, the
working group head and auditors read every agency (the governor's office only reads);
employees read their own agency. The calculators save nothing and are open to every signed-in
user with a portal role. HTML views, the API and the admin all ask these predicates.
"""

from agencies.people import agency_ids_of
from core.permissions import has_role, is_administrator, roles_of, sees_whole_region
from core.roles import Role

RECORDING_ROLES = (Role.TEAM_LEADER, Role.TEAM_MEMBER)


def can_view_productivity(user):
    return bool(roles_of(user))


def can_use_calculators(user):
    return bool(roles_of(user))


def visible_agency_ids(user):
    """None means every agency."""
    if sees_whole_region(user):
        return None
    return agency_ids_of(user)


def scope_to_user(user, queryset, field="agency_id"):
    """Filter any queryset with an agency field down to what the user may read."""
    if not roles_of(user):
        return queryset.none()
    ids = visible_agency_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def can_record(user, agency_id):
    """Record workplaces and studies for an agency."""
    if is_administrator(user):
        return True
    return has_role(user, *RECORDING_ROLES) and agency_id in agency_ids_of(user)


def can_record_anywhere(user):
    return is_administrator(user) or (
        has_role(user, *RECORDING_ROLES) and bool(agency_ids_of(user))
    )


def recordable_agencies(user, queryset=None):
    from agencies.models import Agency

    queryset = Agency.objects.all() if queryset is None else queryset
    if is_administrator(user):
        return queryset
    if not has_role(user, *RECORDING_ROLES):
        return queryset.none()
    return queryset.filter(pk__in=agency_ids_of(user))


def can_edit_study(user, study):
    return can_record(user, study.agency_id)


def can_edit_workplace(user, workplace):
    return can_record(user, workplace.agency_id)
