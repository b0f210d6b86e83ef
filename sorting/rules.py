"""Rules of sorting that decide a value, as pure typed functions (no database, no request).

- The «СОГЛАСОВАНО» block of the lists (Appendix 16, seed 003 L4061, L4125–4129; Appendix 17,
  L4183, L4249–4253): a list is agreed when every line has its decision and the team leader,
  the chief accountant, the materially responsible person and every decider named in the list
  have agreed it.
- The rooms of a sorting (§5.4 «рабочее пространство», §1.4.25 L159): typed as one line
  «215, 218, 220» and kept as the agency's rooms (agencies.Room).
- The storage zone (§5.3, L713): an unneeded item is admitted only with a filled red tag on it
  and the item in the unneeded list; its keeper marks a decision carried out with its date
  (L719), which can be neither before the decision exists nor after the day of the check.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.utils.translation import gettext as _

from sorting.choices import REQUIRED_APPROVAL_ROLES, ApprovalRole


class ApprovalLike(Protocol):
    role: str
    full_name: str


class LineLike(Protocol):
    decision_id: int | None
    decider_name: str


def _norm(name: str) -> str:
    return name.strip().lower()


def missing_approvals(approvals: Iterable[ApprovalLike], lines: Iterable[LineLike]) -> list[str]:
    """What the «СОГЛАСОВАНО» block still lacks: the labels of the required roles nobody has
    signed for, then the names of deciders named in the lines who have not agreed."""
    approvals = list(approvals)
    roles = {approval.role for approval in approvals}
    missing = [
        str(ApprovalRole(role).label) for role in REQUIRED_APPROVAL_ROLES if role not in roles
    ]
    agreed_deciders = {
        _norm(approval.full_name) for approval in approvals if approval.role == ApprovalRole.DECIDER
    }
    deciders = sorted({line.decider_name.strip() for line in lines if line.decider_name.strip()})
    missing += [name for name in deciders if _norm(name) not in agreed_deciders]
    return missing


def all_decided(lines: Sequence[LineLike]) -> bool:
    """Every line has its decision (an empty list has nothing to agree)."""
    return bool(lines) and all(line.decision_id is not None for line in lines)


def is_agreed(approvals: Iterable[ApprovalLike], lines: Sequence[LineLike]) -> bool:
    """The list carries every decision and every agreement it needs (L4125–4129)."""
    return all_decided(lines) and not missing_approvals(approvals, lines)


def is_named_decider(full_name: str, lines: Iterable[LineLike]) -> bool:
    """A decider may agree the list only if a line names them as the one who decides."""
    return _norm(full_name) in {_norm(line.decider_name) for line in lines}


def storage_admission_refusal(*, missing_fields: Sequence[str], listed: bool) -> str | None:
    """Which of the two conditions of §5.3 (L713) fails: «filled» (the tag lacks fields) or
    «listed» (the item is not in the unneeded list); None when the item may enter the zone."""
    if missing_fields:
        return "filled"
    if not listed:
        return "listed"
    return None


def carried_out_error(
    *,
    item_name: str,
    decided: bool,
    carried_out_on: datetime.date | None,
    not_after: datetime.date,
    admitted_on: datetime.date | None = None,
) -> str | None:
    """Why a decision cannot be marked carried out on that day (L719), or None: it must have
    been taken, the date given, not later than the check (or today) and, for an item in the
    storage zone, not before it entered the zone."""
    if not decided:
        return _("По предмету «%(item)s» ещё нет решения.") % {"item": item_name}
    if carried_out_on is None:
        return _("Укажите дату исполнения решения.")
    if carried_out_on > not_after:
        return _("Дата исполнения решения не может быть позже даты проверки.")
    if admitted_on is not None and carried_out_on < admitted_on:
        return _("Решение не может быть исполнено раньше помещения в зону.")
    return None


# What separates rooms typed in one field: «215, 218; 220» or one room per line.
ROOM_SEPARATORS = re.compile(r"[,;\n]+")


def room_names_parsed(text: str) -> list[str]:
    """The rooms named in a typed list, in order, each once (ignoring case and spaces): the
    rooms field of a sorting (§5.4) and its migration from free text."""
    names: list[str] = []
    seen: set[str] = set()
    for part in ROOM_SEPARATORS.split(text or ""):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def room_sort_key(room: Any) -> tuple:
    """Rooms in natural order: «9» before «10», «каб. 2» before «каб. 10»."""
    parts = re.split(r"(\d+)", str(room.name).casefold())
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts)
