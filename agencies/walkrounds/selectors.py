"""Reads of walk-rounds: the list, one record, and the overview of every agency's half-year and
quarter status (§4.5 L461, criterion 5.7 L2855) in a constant number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min, QuerySet
from django.db.models.functions import Coalesce

from agencies.models import Agency
from agencies.walkrounds import permissions
from agencies.walkrounds.choices import WalkRoundStatus
from agencies.walkrounds.filters import WalkRoundFilter
from agencies.walkrounds.models import WalkRound
from agencies.walkrounds.rules import (
    PeriodStatus,
    half_year_status,
    quarter_status,
    window_start,
)
from core.filters import apply_filters


def walk_round_list(*, user, filters=None) -> QuerySet[WalkRound]:
    queryset = permissions.visible_walk_rounds(user).select_related(
        "agency", "head", "leader", "curator"
    )
    queryset = apply_filters(WalkRoundFilter, filters, queryset)
    return queryset.order_by("-date", "-pk")


def walk_round_detail(*, user, pk: int) -> WalkRound | None:
    return walk_round_list(user=user).filter(pk=pk).first()


@dataclass(frozen=True)
class AgencyWalkRounds:
    """One agency's standing: the regulation's half-year and criterion 5.7's quarter."""

    agency: Agency
    half_year: PeriodStatus
    quarter: PeriodStatus
    awaiting_confirmation: int

    @property
    def last_walk(self) -> datetime.date | None:
        return self.half_year.last_walk


def agencies_with_deployment_start(queryset: QuerySet[Agency]) -> QuerySet[Agency]:
    """Each agency with `since`: when its first 5S team began deploying (the order's start of
    deployment, else the team's period)."""
    return queryset.annotate(since=Min(Coalesce("teams__deployment_start", "teams__period_start")))


def _since(agency: Agency) -> datetime.date | None:
    """The `since` annotation of agencies_with_deployment_start."""
    return getattr(agency, "since", None)


def overview(
    *, user, today: datetime.date, agency_id: int | None = None, all_agencies: bool = False
) -> list[AgencyWalkRounds]:
    """Three queries whatever the number of agencies and walk-rounds: the agencies, the
    walk-rounds since the previous half-year began, and the records awaiting confirmation.
    `all_agencies` is for the reminder job (no user)."""
    base = Agency.objects.all() if all_agencies else permissions.readable_agencies(user)
    agencies = agencies_with_deployment_start(base).select_related("head")
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id)
    rows = list(agencies.order_by("short_name"))
    ids = [a.pk for a in rows]
    dates: dict[int, list[datetime.date]] = defaultdict(list)
    pending: dict[int, int] = defaultdict(int)
    for agency_id_, date in WalkRound.objects.filter(
        agency_id__in=ids, date__gte=window_start(today)
    ).values_list("agency_id", "date"):
        dates[agency_id_].append(date)
    for agency_id_ in WalkRound.objects.filter(
        agency_id__in=ids, status=WalkRoundStatus.RECORDED
    ).values_list("agency_id", flat=True):
        pending[agency_id_] += 1
    return [
        AgencyWalkRounds(
            agency=agency,
            half_year=half_year_status(dates[agency.pk], today=today, since=_since(agency)),
            quarter=quarter_status(dates[agency.pk], today=today, since=_since(agency)),
            awaiting_confirmation=pending[agency.pk],
        )
        for agency in rows
    ]
