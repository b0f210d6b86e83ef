"""Who may see and do what in training (§9.2, seed 003 L1385): one place for the pages, the
API and the admin.

- The programme is written by the agency's HR employee together with the 5S-team leader
  (L1385): the leader and members of a team covering the agency, and the HR employee named on
  the agency's programme, edit it and record sessions.
- The head of the ОИВ ЯО or СППО approves it (L1385: «утверждается руководителем ОИВ ЯО или
  СППО»); an administrator may approve on the head's behalf.
- The working group and the governor's office read every agency; people of an agency and its
  curator read theirs. The governor's office changes nothing.
"""

from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet

from agencies.models import Agency, FiveSTeam
from agencies.people import person_of, readable_agency_ids, works_in
from agencies.permissions import reads_agency
from agencies.training.models import TrainingProgramme
from core.permissions import can_change_anything, has_role, is_administrator, sees_whole_region
from core.roles import Role

AnyUser = User | AnonymousUser
M = TypeVar("M", bound=Model)


def scope_by_agency(queryset: QuerySet[M], user: AnyUser, field: str = "agency_id") -> QuerySet[M]:
    """The records of `queryset` whose agency (`field`) the user may read."""
    if sees_whole_region(user):
        return queryset
    return queryset.filter(**{f"{field}__in": sorted(readable_agency_ids(user))})


can_view = reads_agency


def is_team_of(user: AnyUser, agency_id: int) -> bool:
    """The leader or a member of a 5S team covering the agency."""
    if not has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER) or not can_change_anything(user):
        return False
    person = person_of(user)
    if person is None or not works_in(user, agency_id):
        return False
    return FiveSTeam.objects.filter(agencies=agency_id, memberships__person=person).exists()


def is_hr_of(user: AnyUser, agency_id: int) -> bool:
    """The HR employee named on one of the agency's programmes (L1385)."""
    person = person_of(user)
    if person is None or not can_change_anything(user) or person.agency_id != agency_id:
        return False
    return TrainingProgramme.objects.filter(agency_id=agency_id, hr_person=person).exists()


def can_edit_training(user: AnyUser, agency_id: int) -> bool:
    """Write the programme and record sessions: the team, the HR employee, administrators."""
    return is_administrator(user) or is_team_of(user, agency_id) or is_hr_of(user, agency_id)


def is_head_of(user: AnyUser, agency: Agency) -> bool:
    person = person_of(user)
    return (
        person is not None
        and agency.head_id is not None
        and agency.head_id == person.pk
        and can_change_anything(user)
    )


def can_approve_programme(user: AnyUser, agency: Agency) -> bool:
    """The head of the agency (L1385), or an administrator on their behalf."""
    return is_administrator(user) or is_head_of(user, agency)


def editable_agencies(user: AnyUser) -> QuerySet[Agency]:
    """Agencies whose training the user may write (for the forms' choices and the API)."""
    agencies = Agency.objects.all()
    if is_administrator(user):
        return agencies
    if not can_change_anything(user):
        return agencies.none()
    person = person_of(user)
    if person is None:
        return agencies.none()
    team_agencies = FiveSTeam.objects.filter(memberships__person=person).values("agencies")
    hr_agencies = TrainingProgramme.objects.filter(hr_person=person).values("agency")
    teams = agencies.none()
    if has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER):
        teams = agencies.filter(pk__in=team_agencies)
    return teams | agencies.filter(pk__in=hr_agencies, pk=person.agency_id)
