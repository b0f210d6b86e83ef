"""Who the user is in an agency: the Person linked to the account and the agencies they work in.

Moved here from `core.permissions` (issue 11, item 1): `core` imports no app, and these read the
agencies app's models. Every app's permission predicates start from these functions, so a
user's reach is worked out in one place. Results are cached on the user object
for the request, and between requests in the shared cache (core.identity).
"""

from __future__ import annotations

from typing import Any

from agencies.models import Agency, FiveSTeam, Person
from core.identity import remembered
from core.permissions import roles_of
from core.roles import AGENCY_ROLES, Role


def person_of(user: Any) -> Person | None:
    """The Person record linked to the user's account, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_portal_person"):
        user._portal_person = remembered(
            user,
            "person",
            lambda: Person.objects.select_related("agency").filter(user_id=user.pk).first(),
        )
    person: Person | None = user._portal_person
    return person


def agency_ids_of(user: Any) -> frozenset[int]:
    """Agencies the user works in: their own, plus every agency their 5S team covers."""
    if not roles_of(user) & AGENCY_ROLES:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_portal_agency_ids", None)
    if cached is None:
        person = person_of(user)
        if person is None:
            cached = frozenset()
        else:
            cached = remembered(user, "agency_ids", lambda: _works_in_ids(person))
        user._portal_agency_ids = cached
    return cached


def _works_in_ids(person: Person) -> frozenset[int]:
    team_agencies = FiveSTeam.objects.filter(memberships__person=person).values_list(
        "agencies", flat=True
    )
    return frozenset({person.agency_id, *team_agencies} - {None})


def works_in(user: Any, agency_id: int | None) -> bool:
    return agency_id in agency_ids_of(user)


def curated_agency_ids(user: Any) -> frozenset[int]:
    """Agencies the user curates as a deputy governor (role «curator»): those whose curator's
    person is the user's person. They read these like the governor's office reads the region
    and approve a СППО's corrective-action plan (Appendix 30, L5027); this is not «works in»."""
    if Role.CURATOR not in roles_of(user):
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_portal_curated_ids", None)
    if cached is None:
        person = person_of(user)
        cached = (
            remembered(
                user,
                "curated_ids",
                lambda: frozenset(
                    Agency.objects.filter(curator__person=person).values_list("pk", flat=True)
                ),
            )
            if person is not None
            else frozenset()
        )
        user._portal_curated_ids = cached
    return cached


def readable_agency_ids(user: Any) -> frozenset[int]:
    """Agencies the user reads without seeing the whole region: where they work, and those
    they curate."""
    return agency_ids_of(user) | curated_agency_ids(user)


def headed_agency_ids(user: Any) -> frozenset[int]:
    """The agencies whose head (§4.4, «руководитель») is the user's person: every home panel
    and permission that asks «is this the head?» of several agencies reads it once a request."""
    cached: frozenset[int] | None = getattr(user, "_portal_headed_ids", None)
    if cached is None:
        person = person_of(user)
        cached = (
            remembered(
                user,
                "headed_ids",
                lambda: frozenset(Agency.objects.filter(head=person).values_list("pk", flat=True)),
            )
            if person is not None
            else frozenset()
        )
        user._portal_headed_ids = cached
    return cached
