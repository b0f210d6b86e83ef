"""Who may lead or join a 5S team, as pure functions over plain values (§4.2–4.3 of the
Methodological recommendations, seed 003 L379–415).

- The leader (§4.2, L379): «занимать должность не ниже начальника отдела в СППО или
  председателя комитета в ОИВ ЯО (при отсутствии в структуре ОИВ ЯО комитетов – не ниже
  начальника отдела)».
- The members (§4.3, L415): «в состав не могут быть включены сотрудники ОИВ ЯО или СППО,
  являющиеся членами совета, рабочей группы» (the council: §1.4.27, L163).
"""

from agencies.choices import POSITION_RANKS, AgencyKind, PositionLevel


def leader_min_level(*, agency_kind: str, has_committees: bool) -> PositionLevel:
    """The lowest position a 5S-team leader may hold in an agency of that kind (L379): a
    committee chairman in an ОИВ ЯО with committees, otherwise a head of department."""
    if agency_kind == AgencyKind.EXECUTIVE_BODY and has_committees:
        return PositionLevel.COMMITTEE_CHAIR
    return PositionLevel.DEPARTMENT_HEAD


def leader_level_sufficient(level: str, *, agency_kind: str, has_committees: bool) -> bool:
    """Whether a position of `level` is «не ниже» the one L379 asks of the leader. A level not
    given is not sufficient: the rule cannot be shown to hold."""
    if level not in POSITION_RANKS:
        return False
    required = leader_min_level(agency_kind=agency_kind, has_committees=has_committees)
    return POSITION_RANKS[PositionLevel(level)] >= POSITION_RANKS[required]


def barred_by_council(council_role: str) -> bool:
    """A member (or the secretary) of the council at the Governor may not be on a 5S team
    (L415)."""
    return bool(council_role)


# Position titles as the region writes them, most senior first; the first that starts a title
# gives its level (the demo loader and the migration that filled the level of existing people).
TITLE_LEVELS = (
    ("заместитель начальника отдела", PositionLevel.BELOW_DEPARTMENT_HEAD),
    ("заместитель председателя комитета", PositionLevel.DEPARTMENT_HEAD),
    ("первый заместитель", PositionLevel.DEPUTY_HEAD),
    ("заместитель", PositionLevel.DEPUTY_HEAD),
    ("директор", PositionLevel.HEAD),
    ("руководитель", PositionLevel.HEAD),
    ("начальник управления", PositionLevel.HEAD),
    ("председатель комитета", PositionLevel.COMMITTEE_CHAIR),
    ("начальник отдела", PositionLevel.DEPARTMENT_HEAD),
)


def position_level_from_title(title: str) -> str:
    """The level a position title names, or "" when the title does not say (a person's level
    is then set by hand). Every other title is below a head of department."""
    text = " ".join((title or "").split()).casefold()
    if not text:
        return ""
    for prefix, level in TITLE_LEVELS:
        if text.startswith(prefix):
            return level
    return PositionLevel.BELOW_DEPARTMENT_HEAD
