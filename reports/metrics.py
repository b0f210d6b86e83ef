"""Pure arithmetic of the region's findings: auditor consistency (Regulation §5.6 and the
working group's calibration) and the agreement figure. No database, no Django.

Deviations are computed from exact Fractions (audits.scoring keeps criterion values exact) and
shown by reports.selectors through audits.scoring.display: two places, rounded half up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from reports.choices import CONSISTENCY_DIVERGENCE


@dataclass
class AuditorConsistency:
    auditor: object
    scored: int  # criteria scored
    mean_deviation: Fraction | None  # signed: + lenient, − strict
    mean_abs_deviation: Fraction | None
    divergent: int  # criteria more than 1 point from the group's value

    @property
    def divergent_share(self) -> Fraction | None:
        return Fraction(self.divergent, self.scored) if self.scored else None


def auditor_consistency(observations: Iterable[tuple[object, int, Fraction]]):
    """`observations` are (auditor, their score, the group's criterion value from the final
    sheet). Per auditor: the mean signed and absolute deviation from the group's value and the
    number of criteria where they were more than CONSISTENCY_DIVERGENCE points away."""
    totals: dict = {}
    for auditor, score, value in observations:
        if score is None or value is None:
            continue
        deviation = Fraction(score) - Fraction(value)
        entry = totals.setdefault(auditor, [0, Fraction(0), Fraction(0), 0])
        entry[0] += 1
        entry[1] += deviation
        entry[2] += abs(deviation)
        entry[3] += abs(deviation) > CONSISTENCY_DIVERGENCE
    return [
        AuditorConsistency(
            auditor=auditor,
            scored=count,
            mean_deviation=signed / count,
            mean_abs_deviation=absolute / count,
            divergent=divergent,
        )
        for auditor, (count, signed, absolute, divergent) in totals.items()
    ]


def krippendorff_alpha(units: Iterable[dict], *, level="ordinal"):
    """Krippendorff's alpha over the region's scores, by the kept `krippendorff` package.

    Each unit (one criterion in one audit) maps auditor -> score; auditors who did not score a
    unit are missing values. Returns a Fraction-free float rounded by the caller, or None when
    there is too little data (fewer than two paired values or no variation at all)."""
    import numpy
    from krippendorff import alpha

    units = [unit for unit in units if len(unit) >= 2]
    if not units:
        return None
    auditors = sorted({auditor for unit in units for auditor in unit}, key=str)
    if len(auditors) < 2:
        return None
    index = {auditor: row for row, auditor in enumerate(auditors)}
    data = numpy.full((len(auditors), len(units)), numpy.nan)
    values = set()
    for column, unit in enumerate(units):
        for auditor, score in unit.items():
            data[index[auditor], column] = score
            values.add(score)
    if len(values) < 2:
        return None
    return float(alpha(reliability_data=data, level_of_measurement=level))
