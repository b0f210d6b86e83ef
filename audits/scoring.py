"""The arithmetic of the final score sheet (Appendix 12, §4.10 of the Methodological
recommendations, §5.6 of the Regulation on the working group).

Pure functions over plain values: no database, no Django.

Exactness. A mean of integer scores is a rational number (13/3 = 4.333…). To keep the values
exact until they are shown, the functions work with `fractions.Fraction`; a value becomes a
`Decimal` only in `display()`, rounded half up (ROUND_HALF_UP) to two places, as a person would
round on paper. Computing in rounded or truncated decimals instead would let a mean of means
such as (13/3 + 23/6) / 2 = 4.125 come out as 4.1249… and round to 4.12 — see
tests/audits/test_scoring.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from audits.choices import DISPLAY_PLACES, DIVERGENCE_LIMIT, SCORE_MAX, SCORE_MIN

_QUANTUM = Decimal(1).scaleb(-DISPLAY_PLACES)  # Decimal("0.01")


class TieNotBroken(ValueError):
    """§5.6: the votes are tied and the group head's vote does not settle the tie."""


def is_valid_score(value) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and SCORE_MIN <= value <= SCORE_MAX
    )


def mean(values: Iterable) -> Fraction | None:
    """Arithmetic mean, exact; None for no values (a left-out step or criterion)."""
    values = [Fraction(value) for value in values if value is not None]
    if not values:
        return None
    return sum(values, Fraction(0)) / len(values)


def is_divergent(scores: Iterable[int]) -> bool:
    """§5.6: «расхождение по одному и тому же пункту составило более 1 балла»."""
    scores = [score for score in scores if score is not None]
    return bool(scores) and max(scores) - min(scores) > DIVERGENCE_LIMIT


def collegial_decision(votes: Mapping, *, head) -> int:
    """§5.6: the score chosen by the majority of votes; on a tie the head's vote decides.

    `votes` maps each voter to the score they vote for; `head` is the key of the working group
    head among them (or None when the head did not vote). Raises TieNotBroken when the top
    scores are tied and the head did not vote for one of them.
    """
    if not votes:
        raise ValueError("no votes")
    counts = Counter(votes.values())
    top = max(counts.values())
    leaders = {score for score, count in counts.items() if count == top}
    if len(leaders) == 1:
        return leaders.pop()
    head_vote = votes.get(head) if head is not None else None
    if head_vote is not None and head_vote in leaders:
        return int(head_vote)
    raise TieNotBroken(sorted(leaders))


def display(value: Fraction | Decimal | int | None) -> Decimal | None:
    """The value as shown and exported: two places, half up (4.125 → 4.13, 4.335 → 4.34)."""
    if value is None:
        return None
    if type(value) is Decimal:  # the stored copies, read by every report: checked first
        return value.quantize(_QUANTUM, rounding=ROUND_HALF_UP)
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        # A fraction whose decimal expansion is finite is divided exactly above; one that
        # repeats (1/3) can never sit on a rounding boundary, so 28 digits are plenty.
        return exact.quantize(_QUANTUM, rounding=ROUND_HALF_UP)
    return Decimal(value).quantize(_QUANTUM, rounding=ROUND_HALF_UP)


def stored(value: Fraction | None) -> Decimal | None:
    """Six places for the stored copy of the overall score (sorting and summaries only)."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def stored_step_values(steps: Mapping[int, Fraction | None]) -> dict[str, str]:
    """The copy of the step values a signed final sheet keeps (FinalScoreSheet.step_values):
    Appendix 12's «значение шага» of each completed step, `steps` mapping the step number to
    its exact value (FinalSheetNumbers.steps), rounded half up to six places like the overall
    score (`stored`) and written as decimal strings keyed by the step number as a string.
    Steps without a value (not completed) are left out."""
    return {
        str(number): format(stored(value), "f")
        for number, value in sorted(steps.items())
        if value is not None
    }


def display_str(value) -> str | None:
    shown = display(value)
    return None if shown is None else format(shown, "f")


@dataclass
class CriterionResult:
    code: str
    step: int
    applicable: bool
    scores: dict = field(default_factory=dict)  # auditor key -> score
    mean: Fraction | None = None
    divergent: bool = False
    decided: int | None = None  # collegial decision (§5.6)
    external: int | None = None  # IT-department data (criterion 4.3)
    value: Fraction | None = None

    @property
    def undecided(self) -> bool:
        return self.divergent and self.decided is None and self.external is None


@dataclass
class FinalSheetNumbers:
    criteria: dict  # code -> CriterionResult, in checklist order
    steps: dict  # step number -> Fraction | None (None: step not completed)
    overall: Fraction | None

    @property
    def undecided(self) -> list[str]:
        return [code for code, result in self.criteria.items() if result.undecided]


def final_sheet(
    *,
    criteria: Iterable[tuple[str, int]],
    applicable: set[str],
    scores: Mapping[str, Mapping],
    decisions: Mapping[str, int] | None = None,
    external: Mapping[str, int] | None = None,
    steps: Iterable[int],
) -> FinalSheetNumbers:
    """Appendix 12 and §4.10.

    - criterion value = arithmetic mean of the auditors' scores; where the scores differ by
      more than one point the collegial decision replaces the mean (§5.6); a criterion scored
      from external data (4.3) takes that value;
    - step value = mean of its applicable criteria's values;
    - overall = mean of the completed steps' values.
    Criteria not in `applicable` and steps not completed are left out (Appendix 6, note 1).
    """
    decisions = decisions or {}
    external = external or {}
    completed = set(steps)
    results = {}
    by_step: dict[int, list] = {}
    for code, step in criteria:
        result = CriterionResult(code=code, step=step, applicable=code in applicable)
        if result.applicable:
            result.scores = {k: v for k, v in (scores.get(code) or {}).items() if v is not None}
            result.mean = mean(result.scores.values())
            result.external = external.get(code)
            result.divergent = result.external is None and is_divergent(result.scores.values())
            result.decided = decisions.get(code) if result.divergent else None
            if result.external is not None:
                result.value = Fraction(result.external)
            elif result.decided is not None:
                result.value = Fraction(result.decided)
            else:
                result.value = result.mean
            by_step.setdefault(step, []).append(result.value)
        results[code] = result
    step_values = {}
    for number in sorted({step for _code, step in results_steps(results)}):
        step_values[number] = mean(by_step.get(number, [])) if number in completed else None
    overall = mean(value for value in step_values.values() if value is not None)
    return FinalSheetNumbers(criteria=results, steps=step_values, overall=overall)


def results_steps(results: Mapping[str, CriterionResult]):
    return ((code, result.step) for code, result in results.items())
