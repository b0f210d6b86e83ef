"""Who the user is in the programme: roles and the agencies they belong to.

Every app's permission predicates and scoped selectors start from these functions, so a user's
reach is worked out in one place. Results are cached on the user object for the request.
"""

from core.roles import AGENCY_ROLES, REGION_ROLES, Role


def roles_of(user):
    """The set of Role values the user holds (a superuser is an administrator)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(Role(name) for name in names if name in Role.values)
        if user.is_superuser:
            cached = cached | {Role.ADMINISTRATOR}
        user._portal_roles = cached
    return cached


def has_role(user, *roles):
    return bool(roles_of(user) & set(roles))


def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


def sees_whole_region(user):
    """Administrators, the governor's office and the working group read every agency."""
    return bool(roles_of(user) & REGION_ROLES)


def can_change_anything(user):
    """The governor's office reads everything and changes nothing; this is for the rest."""
    return bool(roles_of(user)) and roles_of(user) != {Role.GOVERNOR_OFFICE}


def person_of(user):
    """The Person record linked to the user's account, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_portal_person"):
        from agencies.models import Person

        user._portal_person = (
            Person.objects.select_related("agency").filter(user_id=user.pk).first()
        )
    return user._portal_person


def agency_ids_of(user):
    """Agencies the user works in: their own, plus every agency their 5S team covers."""
    if not roles_of(user) & AGENCY_ROLES:
        return frozenset()
    cached = getattr(user, "_portal_agency_ids", None)
    if cached is None:
        from agencies.models import FiveSTeam

        person = person_of(user)
        if person is None:
            cached = frozenset()
        else:
            team_agencies = FiveSTeam.objects.filter(memberships__person=person).values_list(
                "agencies", flat=True
            )
            cached = frozenset({person.agency_id, *team_agencies} - {None})
        user._portal_agency_ids = cached
    return cached


def works_in(user, agency_id):
    return agency_id in agency_ids_of(user)
