"""Which criteria of the checklist an audit scores and which count in its final sheet (Appendix
6, notes 1, 4 and 5; Appendix 12). Pure rules over an audit's and its criteria's attributes: no
query, no write. The sheets, the final sheet (audits.selectors), the services and the region's
summaries (reports.selectors) all ask here, so the rule exists once.

- A criterion of a step the agency has not completed is not scored (note 1: «оцениваются
  только завершённые шаги»).
- Criteria 2.7, 3.2, 3.6, 3.9 and 4.6 apply only to agencies responsible for common areas
  (Appendix 2's footnotes).
- Criterion 4.3 is scored «по данным департамента информатизации и связи»: when the group head
  has entered that value, the auditors do not score it and the value stands for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from audits.choices import Unscored


class AuditLike(Protocol):
    completed_steps: Any  # the list of completed step numbers (a JSON field)
    common_areas: bool
    it_score: int | None


class CriterionLike(Protocol):
    code: str
    step_number: int
    common_areas_only: bool
    external_data: bool


def unscored_reason(audit: AuditLike, criterion: CriterionLike) -> str | None:
    """Why an auditor does not score `criterion` in `audit` (an Unscored value), or None."""
    if criterion.step_number not in audit.completed_steps:
        return Unscored.STEP_NOT_COMPLETED
    if criterion.common_areas_only and not audit.common_areas:
        return Unscored.NO_COMMON_AREAS
    if criterion.external_data and audit.it_score is not None:
        return Unscored.EXTERNAL_DATA
    return None


def applicable_codes(audit: AuditLike, criteria: Iterable[CriterionLike]) -> set[str]:
    """The codes the auditors score on their sheets (Appendix 6)."""
    return {c.code for c in criteria if unscored_reason(audit, c) is None}


@dataclass(frozen=True)
class Counted:
    """What counts in the final sheet (Appendix 12): the criteria with a value (scored by the
    auditors or taken from the IT department's data) and those external values by code."""

    reasons: Mapping[str, str | None]
    applicable: frozenset[str]
    external: Mapping[str, int]


def counted_criteria(audit: AuditLike, criteria: Iterable[CriterionLike]) -> Counted:
    """Which criteria count in the audit's final sheet, and which take the IT department's
    value instead of the auditors' scores."""
    criteria = list(criteria)
    reasons = {c.code: unscored_reason(audit, c) for c in criteria}
    applicable = frozenset(
        code for code, reason in reasons.items() if reason in (None, Unscored.EXTERNAL_DATA)
    )
    external = {
        code: audit.it_score
        for code, reason in reasons.items()
        if reason == Unscored.EXTERNAL_DATA and audit.it_score is not None
    }
    return Counted(reasons=reasons, applicable=applicable, external=external)
