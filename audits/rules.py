"""Which criteria of the checklist an audit scores and which count in its final sheet (Appendix
6, notes 1, 4 and 5; Appendix 12). Pure rules over an audit's and its criteria's attributes: no
query, no write. The sheets, the final sheet (audits.selectors), the services and the region's
summaries (reports.selectors) all ask here, so the rule exists once.

- A criterion of a step the agency has not completed is not scored (note 1: «оцениваются
  только завершённые шаги»).
- Criteria 2.7, 3.2, 3.6, 3.9 and 4.6 apply only to agencies responsible for common areas
  (Appendix 2's footnotes).
- Criterion 4.3 is scored «по данным департамента информатизации и связи» (Appendix 2 note 5,
  L3367; Appendix 12 note (3), L3817; §8.4, L1337): the auditors never score it, and the score
  the IT department's monthly record gives (audits.itdata.rules) stands for it. Final sheets
  signed before the portal took that record (`it_scored_by_auditors`) keep counting the
  auditors' scores for it, as they did when signed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from audits.choices import Unscored


class AuditLike(Protocol):
    completed_steps: Any  # the list of completed step numbers (a JSON field)
    common_areas: bool


class CriterionLike(Protocol):
    code: str
    step_number: int
    common_areas_only: bool
    external_data: bool


def unscored_reason(
    audit: AuditLike, criterion: CriterionLike, *, it_scored_by_auditors: bool = False
) -> str | None:
    """Why an auditor does not score `criterion` in `audit` (an Unscored value), or None."""
    if criterion.step_number not in audit.completed_steps:
        return Unscored.STEP_NOT_COMPLETED
    if criterion.common_areas_only and not audit.common_areas:
        return Unscored.NO_COMMON_AREAS
    if criterion.external_data and not it_scored_by_auditors:
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
    # Criteria that count but have no value: the IT department's data for the month is missing.
    missing_external: frozenset[str] = frozenset()


def counted_criteria(
    audit: AuditLike,
    criteria: Iterable[CriterionLike],
    *,
    it_score: int | None,
    it_scored_by_auditors: bool = False,
) -> Counted:
    """Which criteria count in the audit's final sheet, and which take the IT department's
    score (`it_score`, None when there is no record for the audit's month or before) instead
    of the auditors' scores. A criterion of a completed step that takes external data counts
    whether or not the data are there: without them it is `missing_external`, and the final
    sheet cannot be signed."""
    criteria = list(criteria)
    reasons = {
        c.code: unscored_reason(audit, c, it_scored_by_auditors=it_scored_by_auditors)
        for c in criteria
    }
    external_codes = [code for code, reason in reasons.items() if reason == Unscored.EXTERNAL_DATA]
    applicable = frozenset(
        code for code, reason in reasons.items() if reason in (None, Unscored.EXTERNAL_DATA)
    )
    external = {code: it_score for code in external_codes if it_score is not None}
    missing = frozenset(code for code in external_codes if it_score is None)
    return Counted(
        reasons=reasons, applicable=applicable, external=external, missing_external=missing
    )


def signed_it_source(stored: Mapping[str, Any] | None) -> tuple[int | None, bool]:
    """Criterion 4.3 of a signed final sheet from what it stored (FinalScoreSheet.it_standard):
    (the score that stood for it, whether the auditors' scores counted instead). A sheet signed
    before the portal took the IT department's record stored nothing: its auditors' scores
    counted."""
    if stored is None:
        return None, True
    return stored.get("score"), False
