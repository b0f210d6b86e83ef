"""Who may see and close steps (§4.6, L501). The team leader closes a step of their agency (they
sign the step's document, L765, L945, L1065, L1341); an administrator may on the leader's
behalf. The agency's people, its curator, the working group and the governor's office read."""

from django.db.models import Q, QuerySet

from agencies.choices import CouncilRole
from agencies.models import Agency
from agencies.people import agency_ids_of, headed_agency_ids, person_of, readable_agency_ids
from audits.closure.choices import Recipient
from audits.closure.models import StepClosure
from core.permissions import has_role, is_administrator, roles_of, sees_whole_region
from core.roles import Role


def can_view_section(user) -> bool:
    return bool(roles_of(user))


def _agency_ids(user) -> frozenset[int]:
    """Where the user works or what they curate, and the agency they head."""
    return readable_agency_ids(user) | headed_agency_ids(user)


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


def visible_closures(user) -> QuerySet[StepClosure]:
    """Closures of the agencies the user reads; the council's secretary also reads the lists
    sent to them (L765, L1065)."""
    if sees_whole_region(user):
        return StepClosure.objects.all()
    if not roles_of(user):
        return StepClosure.objects.none()
    condition = Q(agency_id__in=_agency_ids(user))
    person = person_of(user)
    if person is not None and person.council_role == CouncilRole.SECRETARY:
        condition |= Q(recipient=Recipient.COUNCIL_SECRETARY)
    return StepClosure.objects.filter(condition)


def can_close_steps(user, agency_id: int) -> bool:
    if is_administrator(user):
        return True
    return has_role(user, Role.TEAM_LEADER) and agency_id in agency_ids_of(user)


def closes_on_behalf(user, agency_id: int) -> bool:
    return is_administrator(user) and not (
        has_role(user, Role.TEAM_LEADER) and agency_id in agency_ids_of(user)
    )
