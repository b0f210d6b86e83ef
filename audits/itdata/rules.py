"""Criterion 4.3 «Соответствие рабочего места ИТ-стандарту» from the IT department's data.

The regulation (seed 003) does not let auditors score 4.3: the департамент информатизации и
связи gives the group head, on the last working day of every month, for every agency, the state
of its workplaces against the approved IT standard (§8.4, L1337; Appendix 2 footnote 5, L3367;
Appendix 12 footnote (3), L3817). The score follows the criterion's own bands (L2365–2377).

Pure functions over plain values: no database, no Django.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from core.periods import format_month

# The band limits of L2369–2377 as shares of workplaces that do NOT comply.
SINGLE_CASES_LIMIT = Fraction(5, 100)  # «в единичных случаях (не более 5%)», L2369
QUARTER_LIMIT = Fraction(25, 100)  # «не более 25% … не соответствует», L2371
HALF_LIMIT = Fraction(1, 2)  # «большинство (более половины) … не соответствует», L2375–2377


def noncompliant_share(workplaces: int, compliant: int) -> Fraction:
    """The share p of workplaces that do not comply, exact. Raises ValueError for a record the
    bands cannot read (no workplaces, negative numbers, more complying than there are)."""
    if workplaces < 1:
        raise ValueError("workplaces must be at least 1")
    if compliant < 0 or compliant > workplaces:
        raise ValueError("compliant must lie between 0 and workplaces")
    return Fraction(workplaces - compliant, workplaces)


def it_standard_score(workplaces: int, compliant: int) -> int:
    """The 4.3 score of L2365–2377, on the share p of NON-complying workplaces:

    p = 0 → 5 («рабочие места всех сотрудников соответствуют»);
    0 < p ≤ 5 % → 4 («в единичных случаях (не более 5%) … не соответствуют»);
    5 % < p ≤ 25 % → 3 («не более 25% рабочих мест … не соответствует»);
    25 % < p ≤ 50 % → 2;
    p > 50 % → 1 («большинство (более половины) … не соответствует»).

    L2375 literally reads «не более половины рабочих мест … соответствует» (at most half
    COMPLY), which would overlap the band of 1 (more than half do NOT comply). Read on the
    non-complying share like its neighbours, every share has exactly one score: the band of 2 is
    25 % < p ≤ 50 %. Limits are compared exactly (1 of 20 workplaces is 5 % → 4).
    """
    share = noncompliant_share(workplaces, compliant)
    if share == 0:
        return 5
    if share <= SINGLE_CASES_LIMIT:
        return 4
    if share <= QUARTER_LIMIT:
        return 3
    if share <= HALF_LIMIT:
        return 2
    return 1


def share_percent(workplaces: int, compliant: int) -> Decimal:
    """p in per cent with one place, half up, for pages and documents."""
    share = noncompliant_share(workplaces, compliant) * 100
    exact = Decimal(share.numerator) / Decimal(share.denominator)
    return exact.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")


@dataclass(frozen=True)
class ITStandardState:
    """What the final sheet says about 4.3: the month whose record it used and the score."""

    month: datetime.date
    workplaces: int
    compliant: int

    @property
    def score(self) -> int:
        return it_standard_score(self.workplaces, self.compliant)

    @property
    def month_label(self) -> str:
        return format_month(self.month)
