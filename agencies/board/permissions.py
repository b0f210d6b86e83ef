"""Who may see and do what with the information board (§4.9, L561–597), one place for the pages,
the API and the admin:

- the agency's 5S team (leader and members, L583: «определить двух членов 5S-команды»), and
  administrators, set the board up, name its two responsible members and record its updates;
- every employee of the agency reads the board (L563: «для получения сотрудниками … наглядной
  информации») and may leave a proposal or remark about it (L595);
- the working group, the governor's office and the agency's curator read it (the governor's
  office changes nothing).
"""

from typing import TypeVar

from django.db.models import Model, QuerySet

from agencies.permissions import reads_agency
from agencies.proposals.permissions import can_submit
from agencies.training.permissions import is_team_of, scope_by_agency
from core.permissions import is_administrator

M = TypeVar("M", bound=Model)


def can_view(user, agency_id: int) -> bool:
    return reads_agency(user, agency_id)


def can_edit(user, agency_id: int) -> bool:
    """Set the board up and record its updates: the agency's 5S team, administrators."""
    return is_administrator(user) or is_team_of(user, agency_id)


def can_remark(user, agency_id: int) -> bool:
    """Leave a proposal or remark (L595): every employee of the agency (L1435's rule for
    improvement proposals), administrators."""
    return can_submit(user, agency_id)


def scope(queryset: QuerySet[M], user, field: str = "agency_id") -> QuerySet[M]:
    """The records of the agencies whose board the user reads."""
    return scope_by_agency(queryset, user, field)
