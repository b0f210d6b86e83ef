"""Who may see, record and confirm walk-rounds (§4.5, L461).

- The agency's 5S team (leader and members) records the walk-round; the head may record it too
  (then it is confirmed at once).
- The head of the agency (Agency.head, with an account) confirms a recorded walk-round; an
  administrator may on the head's behalf (the record says so).
- The agency's employees, its curator, the working group and the governor's office read."""

from django.db.models import Q, QuerySet

from agencies.models import Agency
from agencies.people import agency_ids_of, headed_agency_ids, person_of, readable_agency_ids
from agencies.walkrounds.models import WalkRound
from core.permissions import has_role, is_administrator, roles_of, sees_whole_region
from core.roles import Role


def _agency_ids(user) -> frozenset[int]:
    return readable_agency_ids(user) | headed_agency_ids(user)


def can_view_section(user) -> bool:
    return bool(roles_of(user))


def readable_agencies(user) -> QuerySet[Agency]:
    if sees_whole_region(user):
        return Agency.objects.all()
    if not roles_of(user):
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=_agency_ids(user))


def can_view_agency(user, agency_id: int) -> bool:
    if not roles_of(user):
        return False
    return sees_whole_region(user) or agency_id in _agency_ids(user)


def visible_walk_rounds(user) -> QuerySet[WalkRound]:
    if sees_whole_region(user):
        return WalkRound.objects.all()
    if not roles_of(user):
        return WalkRound.objects.none()
    return WalkRound.objects.filter(Q(agency_id__in=_agency_ids(user)))


def is_head_of(user, agency: Agency) -> bool:
    person = person_of(user)
    return person is not None and agency.head_id == person.pk


def can_record(user, agency: Agency) -> bool:
    if is_administrator(user) or is_head_of(user, agency):
        return True
    return has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER) and agency.pk in agency_ids_of(user)


def can_confirm(user, agency: Agency) -> bool:
    return is_administrator(user) or is_head_of(user, agency)


def confirms_on_behalf(user, agency: Agency) -> bool:
    return is_administrator(user) and not is_head_of(user, agency)
