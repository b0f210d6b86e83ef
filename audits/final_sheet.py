"""The final score sheet as read (Appendix 12, Regulation §5.6–5.7, L3790–3826): typed, frozen
read models built by audits.selectors.final_sheet_data and read by the services (decisions,
signing, the corrective-action plan), the page, the documents (reports.documents) and the API
(its one serializer, audits.api.serializers.FinalSheetSerializer). Pure: no query.

Values: `*_exact` are Fractions (audits.scoring); the others are Decimals rounded half up to two
places for display and export. The mappings inside (scores, notes and votes by person id) are
read-only by convention: a frozen dataclass keeps its fields, not their contents.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypedDict


class ITRecord(TypedDict, total=False):
    """Criterion 4.3's source (§8.4, L1337; Appendix 12 note (3)): the IT department's record
    as shown and as a signed sheet stores it (FinalScoreSheet.it_standard). A sheet signed
    before the record existed may hold only part of it."""

    month: str
    workplaces: int
    compliant: int
    score: int


@dataclass(frozen=True)
class SheetAudit:
    """The audit the sheet is of."""

    id: int
    agency_id: int
    agency: str  # the agency's short name
    agency_full_name: str
    date: datetime.date
    completed_steps: list[int]  # sorted
    common_areas: bool
    checklist_version: str


@dataclass(frozen=True)
class Auditor:
    """A member of the working group who scored the audit (one Appendix 6 sheet each)."""

    id: int
    name: str
    submitted: bool


@dataclass(frozen=True)
class Voter:
    """Someone who may vote on a collegial decision (§5.6): an auditor, or the group head
    (`head`), who decides a tie."""

    id: int
    name: str
    head: bool


@dataclass(frozen=True)
class CriterionRow:
    """One criterion's line: the auditors' scores and notes, the mean, the value that counts
    (the mean, a collegial decision or the IT department's data), or why it is not scored."""

    code: str
    title: str
    step: int
    # Appendix 12's notes: (2) common areas only, (3) the IT department's data.
    footnote: int | None
    applicable: bool
    reason: str  # audits.choices.Unscored, or empty
    reason_label: str
    scores: dict[int, int | None]  # auditor id -> score, every auditor in the sheet's order
    auditor_scores: tuple[int | None, ...]  # the same scores as Appendix 12's columns
    notes: dict[int, str]  # auditor id -> note, only those who wrote one
    remarks: tuple[str, ...]  # the notes in the auditors' order
    mean: Decimal | None
    value: Decimal | None
    value_exact: Fraction | None
    divergent: bool
    decided: int | None
    votes: dict[int, int]  # person id -> vote of the collegial decision
    ballot: tuple[tuple[Voter, int | None], ...]  # every voter with their vote, if any
    external: ITRecord | None
    missing_external: bool
    undecided: bool

    @property
    def remarks_text(self) -> str:
        return "; ".join(self.remarks)


@dataclass(frozen=True)
class StepRow:
    """One step of the 5S system: its criteria and its value («значение шага»), None when the
    step is not completed."""

    number: int
    name: str
    completed: bool
    value: Decimal | None
    value_exact: Fraction | None
    rows: tuple[CriterionRow, ...]

    @property
    def codes(self) -> list[str]:
        return [row.code for row in self.rows]


@dataclass(frozen=True)
class Signature:
    """The group head's signature (§5.7): the name and the date stamped on the sheet."""

    name: str
    date: datetime.date | None  # signing stamps it; only a hand-edited record lacks it
    finalised_at: datetime.datetime


@dataclass(frozen=True)
class FinalSheet:
    """Everything Appendix 12 shows for one audit."""

    audit: SheetAudit
    auditors: tuple[Auditor, ...]
    voters: tuple[Voter, ...]  # the auditors, then the group head and anyone else who voted
    criteria: dict[str, CriterionRow]  # by code, in checklist order
    steps: tuple[StepRow, ...]
    overall: Decimal | None
    overall_exact: Fraction | None
    undecided: tuple[str, ...]  # codes of divergent criteria without a collegial decision
    # Criterion 4.3 (§8.4, L1337): the IT department's record used, or the month whose record
    # is missing while step 4 counts (signing waits for it).
    it_standard: ITRecord | None
    it_missing_month: str | None
    finalised: bool
    signature: Signature | None
    copy_due: datetime.date | None
    copy_sent_at: datetime.datetime | None

    @property
    def drafts(self) -> list[str]:
        """The names of the auditors whose sheets are not handed in yet."""
        return [auditor.name for auditor in self.auditors if not auditor.submitted]

    @property
    def all_submitted(self) -> bool:
        return not self.drafts

    @property
    def completed_step_values(self) -> dict[int, Fraction | None]:
        """The exact value of each completed step, by number (what signing stores)."""
        return {step.number: step.value_exact for step in self.steps if step.completed}
