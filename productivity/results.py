"""The results of the timing studies (the results page and GET /api/v1/productivity/results/):
typed read models built by productivity.selectors.results, one serializer each in
productivity.api.serializers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agencies.models import Agency


@dataclass(frozen=True)
class Figures:
    """Studies, completed studies (both measurements), studies whose improvement carried out a
    corrective action (Appendix 30), growth (11) average and best, growth (7) average, and the
    mean Kвц and Kинт before and after the improvement."""

    studies: int
    complete: int
    from_actions: int
    growth_avg: Decimal | None
    growth_max: Decimal | None
    growth_percent_avg: Decimal | None
    kvc_before: Decimal | None
    kvc_after: Decimal | None
    kint_before: Decimal | None
    kint_after: Decimal | None

    @classmethod
    def of(cls, values: dict[str, Any]) -> Figures:
        """From aggregated values; the measurement means are None where nothing was measured."""
        return cls(
            studies=values.get("studies") or 0,
            complete=values.get("complete") or 0,
            from_actions=values.get("from_actions") or 0,
            growth_avg=values.get("growth_avg"),
            growth_max=values.get("growth_max"),
            growth_percent_avg=values.get("growth_percent_avg"),
            kvc_before=values.get("kvc_before"),
            kvc_after=values.get("kvc_after"),
            kint_before=values.get("kint_before"),
            kint_after=values.get("kint_after"),
        )


@dataclass(frozen=True)
class AgencyResult(Figures):
    """One agency's figures."""

    agency: Agency | None = None


@dataclass(frozen=True)
class Results:
    """Per agency (those with studies, by name) and for the region or the user's part of it."""

    rows: tuple[AgencyResult, ...]
    region: Figures
