"""Who may see and do what in step 3 «Содержание в чистоте» (§7, L950–1070): one place for the
pages, the API and the admin.

- Reading: the region's roles (administrator, governor's office, working group) read every
  agency; a curating deputy governor the agencies curated; the people of an agency (5S team,
  employees) their own agency — an employee reads the schedule of their room (L1017).
- The 5S team (leader and members) writes the analyses, the plans, the schedules, the general
  cleaning and the agency's own rows of the classifier (L991–1015, L4517).
- A signature is given only by the person the form names for it (Appendices 20, 23, 24: the
  leader, the person responsible for housekeeping, the person who provides the inventory; the
  head «УТВЕРЖДАЮ»; Appendix 25: the head of the department), or recorded by an administrator
  on that person's behalf (the record says so).
- The actual dates: of a schedule, by the employees it names and the team (L1017); of the
  analysis of Appendix 23, by the team member who checks the measures (L1019–1021) and the
  team leader.
The governor's office changes nothing. Lists are scoped in the query (`scope_by_agency`).
"""

from typing import Any

from agencies.people import person_of, works_in
from agencies.permissions import reads_agency
from core.permissions import can_change_anything, is_administrator
from standards.shine.choices import SignRole
from standards.stock.permissions import editable_agencies, is_leader_of, is_team_of, scope_by_agency

__all__ = [
    "can_edit",
    "can_record_analysis_done",
    "can_record_schedule_done",
    "can_view_agency",
    "designated_signer",
    "editable_agencies",
    "may_sign",
    "scope_by_agency",
    "signs_on_behalf",
]

can_view_agency = reads_agency


def can_edit(user: Any, agency_id: int) -> bool:
    """Write the forms of step 3 (the 5S team, L991)."""
    return is_administrator(user) or is_team_of(user, agency_id)


def designated_signer(form: Any, role: str) -> Any:
    """The Person a form names for `role`, or None."""
    if role == SignRole.HEAD:
        return form.agency.head
    attribute = {
        SignRole.LEADER: "leader",
        SignRole.HOUSEKEEPING: "housekeeping",
        SignRole.INVENTORY: "inventory_officer",
        SignRole.DEPARTMENT_HEAD: "department_head",
    }[SignRole(role)]
    return getattr(form, attribute, None)


def _is_person(user: Any, person: Any) -> bool:
    me = person_of(user)
    return (
        me is not None and person is not None and me.pk == person.pk and can_change_anything(user)
    )


def may_sign(user: Any, form: Any, role: str) -> bool:
    """The person the form names for the role; an administrator on their behalf."""
    return is_administrator(user) or _is_person(user, designated_signer(form, role))


def signs_on_behalf(user: Any, form: Any, role: str) -> bool:
    return is_administrator(user) and not _is_person(user, designated_signer(form, role))


def can_record_schedule_done(
    user: Any, schedule: Any, staff_ids: frozenset[int] | None = None
) -> bool:
    """The employees the schedule names (L1017), the 5S team, an administrator."""
    if can_edit(user, schedule.agency_id):
        return True
    person = person_of(user)
    if person is None or not can_change_anything(user) or not works_in(user, schedule.agency_id):
        return False
    if staff_ids is None:
        staff_ids = frozenset(p.pk for p in schedule.staff.all())
    return person.pk in staff_ids


def can_record_analysis_done(user: Any, analysis: Any) -> bool:
    """The team member who checks the measures (Appendix 23 note 6, L1019), the team leader, an
    administrator."""
    if is_administrator(user) or is_leader_of(user, analysis.agency_id):
        return True
    return _is_person(user, analysis.controller) and works_in(user, analysis.agency_id)
