"""Who may see and do what with improvement proposals (§9.1 item 3, seed 003 L1435):

- submit: any employee of the agency (L1435: «от любого другого сотрудника»), the team and
  administrators;
- take through the stages: the agency's 5S team (L1435: «5S-команда последовательно
  выполняет следующие действия»), administrators;
- read: the people of the agency and its curator, the working group and the governor's office
  (the governor's office changes nothing).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from agencies.models import Agency
from agencies.people import agency_ids_of, works_in
from agencies.training.permissions import can_view, is_team_of, scope_by_agency
from core.permissions import can_change_anything, has_role, is_administrator
from core.roles import AGENCY_ROLES

AnyUser = User | AnonymousUser

__all__ = ["can_run", "can_submit", "can_view", "scope_by_agency", "submittable_agencies"]


def can_submit(user: AnyUser, agency_id: int) -> bool:
    if is_administrator(user):
        return True
    return has_role(user, *AGENCY_ROLES) and can_change_anything(user) and works_in(user, agency_id)


def can_run(user: AnyUser, agency_id: int) -> bool:
    return is_administrator(user) or is_team_of(user, agency_id)


def submittable_agencies(user: AnyUser) -> QuerySet[Agency]:
    agencies = Agency.objects.all()
    if is_administrator(user):
        return agencies
    if not (has_role(user, *AGENCY_ROLES) and can_change_anything(user)):
        return agencies.none()
    return agencies.filter(pk__in=sorted(agency_ids_of(user)))
