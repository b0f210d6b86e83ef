"""Who may see and do what with visual control (Appendix 28) and the records of criteria 4.6
and 4.7: the predicates of `standards.stock.permissions` (one place for the app): the 5S team
writes, the team leader agrees a list (Appendix 28 «СОГЛАСОВАНО Лидер 5S-команды», note 4,
L4927), the head approves the emergency procedure, the region's roles and the agency's people
read."""

from standards.stock.permissions import (
    approves_on_behalf,
    can_agree_visual_list,
    can_edit,
    can_view_agency,
    editable_agencies,
    may_approve_for,
    scope_by_agency,
)

__all__ = [
    "approves_on_behalf",
    "can_agree_visual_list",
    "can_edit",
    "can_view_agency",
    "editable_agencies",
    "may_approve_for",
    "scope_by_agency",
]
