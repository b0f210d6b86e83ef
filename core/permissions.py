"""Who the user is in the programme: the roles they hold.

Every app's permission predicates and scoped selectors start from these functions, so a user's
reach is worked out in one place. Results are cached on the user object
for the request, and between requests in the shared cache (core.identity).
"""

from core.identity import remembered
from core.roles import REGION_ROLES, Role


def roles_of(user):
    """The set of Role values the user holds (a superuser is an administrator)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        names = remembered(
            user, "groups", lambda: frozenset(user.groups.values_list("name", flat=True))
        )
        cached = frozenset(Role(name) for name in names if name in Role.values)
        if user.is_superuser:
            cached = cached | {Role.ADMINISTRATOR}
        user._portal_roles = cached
    return cached


def sees_agency_records(user):
    """Every role but the IT department's, which keeps only its criterion 4.3 data (§8.4,
    L1337): the sections of agencies' records (audits, training, proposals) would be empty for
    it, and their pages refuse it."""
    return bool(roles_of(user) - {Role.IT_DEPARTMENT})


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
