"""Who may see and do what with indicator sheets (§4.7, seed 003 L505–551): one place for the
pages, the API and the admin.

- The 5S team measures and fills the sheet (L505, L541, L549): the leader and members of a team
  covering the agency write it, and administrators.
- The leader approves the form and the technology of measurement (L513); an administrator on
  the leader's behalf.
- The working group and the governor's office read every agency (they use the initial sheet at
  the external audit, L557); people of an agency and its curator read theirs.
- The actual headcount (L535) is kept by administrators and the agency's team leaders, like its
  list of employees (`agencies.permissions.can_manage_people`).
"""

from typing import Any

from agencies.models import FiveSTeam
from agencies.people import person_of
from agencies.permissions import can_manage_people, reads_agency
from agencies.training.permissions import is_team_of, scope_by_agency
from core.permissions import can_change_anything, has_role, is_administrator
from core.roles import Role

__all__ = [
    "can_approve_sheet",
    "can_edit_headcount",
    "can_edit_sheets",
    "can_view",
    "scope_by_agency",
]

can_view = reads_agency
can_edit_headcount = can_manage_people


def can_edit_sheets(user: Any, agency_id: int) -> bool:
    """Fill the agency's sheets and record observations: its 5S team, administrators."""
    return is_administrator(user) or is_team_of(user, agency_id)


def is_leader_of(user: Any, agency_id: int) -> bool:
    """The leader of a 5S team covering the agency (L513: «утверждает лидер 5S-команды»)."""
    if not has_role(user, Role.TEAM_LEADER) or not can_change_anything(user):
        return False
    person = person_of(user)
    return (
        person is not None and FiveSTeam.objects.filter(agencies=agency_id, leader=person).exists()
    )


def can_approve_sheet(user: Any, agency_id: int) -> bool:
    return is_administrator(user) or is_leader_of(user, agency_id)
