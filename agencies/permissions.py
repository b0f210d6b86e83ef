"""Who may see and change agencies, people, 5S teams and the working group.

HTML views, the API and the admin all ask these predicates; lists are scoped in the query
through the visible_* functions, never filtered in Python.
"""

from django.http import Http404

from agencies.people import agency_ids_of, person_of, readable_agency_ids, works_in
from core.permissions import (
    can_change_anything,
    has_role,
    is_administrator,
    roles_of,
    sees_whole_region,
)
from core.roles import Role


def visible_agencies(user, queryset=None):
    from agencies.models import Agency

    queryset = Agency.objects.all() if queryset is None else queryset
    if sees_whole_region(user):
        return queryset
    return queryset.filter(pk__in=readable_agency_ids(user))


def visible_people(user, queryset=None):
    from agencies.models import Person

    queryset = Person.objects.all() if queryset is None else queryset
    if sees_whole_region(user):
        return queryset
    return queryset.filter(agency_id__in=agency_ids_of(user))


def visible_teams(user, queryset=None):
    from agencies.models import FiveSTeam

    queryset = FiveSTeam.objects.all() if queryset is None else queryset
    if sees_whole_region(user):
        return queryset
    return queryset.filter(agencies__in=agency_ids_of(user)).distinct()


def reads_agency(user, agency_id: int) -> bool:
    """The one reading rule of an agency's records: the region's roles read every agency, the
    others where they work and what they curate."""
    return sees_whole_region(user) or agency_id in readable_agency_ids(user)


def can_view_agency(user, agency):
    return reads_agency(user, agency.pk)


def readable_agency_or_404(user, agency):
    """The agency named in a request, if the user reads it; 404 (not 403) otherwise, so an
    unreadable agency looks like an unknown one."""
    if not reads_agency(user, agency.pk):
        raise Http404
    return agency


def can_view_working_group(user):
    return bool(roles_of(user))


def can_manage_team(user, team):
    """The administrator, or the team's own leader."""
    if is_administrator(user):
        return True
    person = person_of(user)
    return has_role(user, Role.TEAM_LEADER) and person is not None and team.leader_id == person.pk


def can_create_team(user, agency):
    """The administrator, or a team leader of that agency preparing its deployment order."""
    if is_administrator(user):
        return True
    return has_role(user, Role.TEAM_LEADER) and agency.pk in agency_ids_of(user)


def can_manage_people(user, agency):
    """Administrators and the agency's team leaders keep the list of employees and training."""
    return is_administrator(user) or (
        has_role(user, Role.TEAM_LEADER) and agency.pk in agency_ids_of(user)
    )


def can_manage_working_group(user):
    return is_administrator(user) or (
        has_role(user, Role.WORKING_GROUP_HEAD) and can_change_anything(user)
    )


def visible_rooms(user, queryset=None):
    """Rooms of the agencies the user may see."""
    from agencies.models import Room

    queryset = Room.objects.all() if queryset is None else queryset
    if sees_whole_region(user):
        return queryset
    return queryset.filter(agency_id__in=agency_ids_of(user))


def can_manage_rooms(user, agency):
    """The agency's 5S-team leader and members keep its list of rooms; administrators too. The
    region's roles read it."""
    return is_administrator(user) or (
        has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER) and works_in(user, agency.pk)
    )


def can_name_rooms(user, agency):
    """Who may add an unknown room by typing it into a form of the agency's records (a red
    tag, a sorting round): everyone who works in the agency, and administrators. The form's
    own service decides whether the record itself may be written."""
    return is_administrator(user) or works_in(user, agency.pk)
