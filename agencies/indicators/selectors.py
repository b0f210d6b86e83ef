"""Reads of the indicator sheet (§4.7, seed 003 L505–551; Appendix 8): the sheets the user may
see, an agency's trends over its measurements against the initial state (L549 «анализа
тенденции (тренда)»), the region's view of which agencies improved most, and what is due by
the quarterly cadence (L549)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from agencies.deployment.models import DeploymentPlan
from agencies.indicators import rules
from agencies.indicators.choices import TIMED_SECTIONS, Section
from agencies.indicators.filters import SheetFilter
from agencies.indicators.models import Indicator, IndicatorSheet
from agencies.indicators.permissions import scope_by_agency
from agencies.models import Agency, FiveSTeam, Person
from agencies.training.selectors import leader_users
from core.filters import apply_filters

__all__ = [
    "AgencyTrends",
    "DueRow",
    "RegionRow",
    "Series",
    "agency_trends",
    "initial_state",
    "leader_users",
    "measurements_due",
    "region_view",
    "sheet_detail",
    "sheet_list",
    "team_leader",
]


def sheet_list(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[IndicatorSheet]:
    """The sheets of the agencies the user reads, newest first, with their indicators and
    experts: a constant number of queries however many sheets, indicators and observations."""
    sheets = scope_by_agency(IndicatorSheet.objects.all(), user)
    sheets = apply_filters(SheetFilter, filters, sheets)
    return (
        sheets.select_related("agency", "approver")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position")),
            Prefetch("experts", queryset=Person.objects.order_by("full_name")),
        )
        .order_by("-date", "agency__short_name", "pk")
    )


def sheet_detail(*, user: Any, pk: int) -> IndicatorSheet:
    return sheet_list(user=user).get(pk=pk)


def team_leader(*, agency_id: int) -> Person | None:
    """The leader of a 5S team covering the agency (the sheet's approver, L513)."""
    team = (
        FiveSTeam.objects.filter(agencies=agency_id)
        .select_related("leader")
        .order_by("-period_start", "-pk")
        .first()
    )
    return team.leader if team is not None else None


# --- Trends (L549) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    date: datetime.date
    max: Decimal | None
    avg: Decimal | None
    min: Decimal | None
    month: Decimal | None = None
    quarter: Decimal | None = None
    year: Decimal | None = None

    @property
    def value(self) -> Decimal | None:
        """What the trend follows: the average time, or the quarter's costs."""
        return self.quarter if self.avg is None and self.quarter is not None else self.avg


@dataclass(frozen=True)
class Series:
    """One indicator (by section and name) over the agency's measurements."""

    section: str
    name: str
    points: list[Point]
    change: Decimal | None  # % of the latest against the initial state

    @property
    def section_label(self) -> str:
        return str(Section(self.section).label)

    @property
    def is_timed(self) -> bool:
        return self.section in TIMED_SECTIONS


@dataclass(frozen=True)
class AgencyTrends:
    agency: Agency
    dates: list[datetime.date]
    series: list[Series]
    time_change: Decimal | None  # sum of average times, indicators measured in both
    cost_change: Decimal | None  # sum of the quarters' costs, objects in both


def _matched_change(
    initial: dict[tuple[str, str], Decimal | None], latest: dict[tuple[str, str], Decimal | None]
) -> Decimal | None:
    keys = [k for k in initial if k in latest and initial[k] is not None and latest[k] is not None]
    if not keys:
        return None
    return rules.change_percent(
        sum((initial[k] or Decimal(0) for k in keys), Decimal(0)),
        sum((latest[k] or Decimal(0) for k in keys), Decimal(0)),
    )


def agency_trends(*, agency: Agency) -> AgencyTrends:
    """Every indicator of the agency's sheets over their dates, with its change against the
    initial sheet (L557), and the agency's change over the indicators measured both times:
    two queries however many sheets and indicators."""
    sheets = list(IndicatorSheet.objects.filter(agency=agency).order_by("date", "pk"))
    indicators = Indicator.objects.filter(sheet__agency=agency).order_by("sheet__date", "position")
    by_sheet = {sheet.pk: sheet for sheet in sheets}
    series: dict[tuple[str, str], list[Point]] = {}
    for indicator in indicators:
        sheet = by_sheet[indicator.sheet_id]
        series.setdefault((indicator.section, indicator.name.casefold()), []).append(
            Point(
                date=sheet.date,
                max=indicator.max_seconds,
                avg=indicator.avg_seconds,
                min=indicator.min_seconds,
                month=indicator.cost_month,
                quarter=indicator.cost_quarter,
                year=indicator.cost_year,
            )
        )
    names = {
        (indicator.section, indicator.name.casefold()): indicator.name
        for indicator in reversed(list(indicators))
    }
    first = sheets[0].date if sheets else None
    last = sheets[-1].date if sheets else None
    result = []
    initial_time: dict[tuple[str, str], Decimal | None] = {}
    latest_time: dict[tuple[str, str], Decimal | None] = {}
    initial_cost: dict[tuple[str, str], Decimal | None] = {}
    latest_cost: dict[tuple[str, str], Decimal | None] = {}
    order = {section: index for index, section in enumerate(Section.values)}
    for key in sorted(series, key=lambda k: (order[k[0]], names[k].casefold())):
        points = series[key]
        start = points[0] if points[0].date == first else None
        end = points[-1] if points[-1].date == last else None
        change = (
            rules.change_percent(start.value, end.value)
            if start is not None and end is not None and len(sheets) > 1
            else None
        )
        result.append(Series(section=key[0], name=names[key], points=points, change=change))
        if start is not None and end is not None:
            timed = key[0] in TIMED_SECTIONS
            (initial_time if timed else initial_cost)[key] = start.value
            (latest_time if timed else latest_cost)[key] = end.value
    several = len(sheets) > 1
    return AgencyTrends(
        agency=agency,
        dates=[sheet.date for sheet in sheets],
        series=result,
        time_change=_matched_change(initial_time, latest_time) if several else None,
        cost_change=_matched_change(initial_cost, latest_cost) if several else None,
    )


# --- The region's view ----------------------------------------------------------------------


@dataclass(frozen=True)
class RegionRow:
    agency: Agency
    sheets: int
    first_date: datetime.date | None
    last_date: datetime.date | None
    time_change: Decimal | None
    cost_change: Decimal | None
    due_on: datetime.date | None
    overdue: bool


def region_view(*, user: Any, today: datetime.date) -> list[RegionRow]:
    """Every agency the user reads with its sheets' count, first and last dates, its change
    against the initial state (average times and quarters' costs of the indicators measured on
    both, in %, kept on the latest sheet by the services from `agency_trends`) and whether its
    quarterly measurement is overdue (L549); the most improved (the largest reduction of
    times) first, agencies without two measurements last. However many agencies,
    sheets and observations: two queries, the second aggregated in the database."""
    agencies = list(scope_by_agency(Agency.objects.all(), user, field="pk").order_by("short_name"))
    latest = Q(is_latest=True)
    figures: dict[int, dict[str, Any]] = {
        row["agency_id"]: dict(row)
        for row in scope_by_agency(IndicatorSheet.objects.all(), user)
        .values("agency_id")
        .annotate(
            n=Count("pk"),
            first=Min("date"),
            last=Max("date"),
            time=Max("time_change", filter=latest),
            cost=Max("cost_change", filter=latest),
        )
        .order_by()
    }
    empty: dict[str, Any] = {"n": 0, "first": None, "last": None, "time": None, "cost": None}
    rows = []
    for agency in agencies:
        row: dict[str, Any] = figures.get(agency.pk, empty)
        rows.append(
            RegionRow(
                agency=agency,
                sheets=row["n"],
                first_date=row["first"],
                last_date=row["last"],
                time_change=row["time"],
                cost_change=row["cost"],
                due_on=rules.next_due(row["last"]) if row["last"] else None,
                overdue=rules.is_overdue(row["last"], today),
            )
        )
    big = Decimal("1e9")
    return sorted(
        rows,
        key=lambda row: (
            row.time_change if row.time_change is not None else big,
            row.agency.short_name,
        ),
    )


# --- The quarterly cadence (L549) -----------------------------------------------------------


@dataclass(frozen=True)
class DueRow:
    agency_id: int
    sheet: IndicatorSheet
    last_date: datetime.date
    due_on: datetime.date


def measurements_due(*, today: datetime.date) -> list[DueRow]:
    """Each agency's latest sheet with the date its next measurement is due by (L549). One
    query."""
    return [
        DueRow(
            agency_id=sheet.agency_id,
            sheet=sheet,
            last_date=sheet.date,
            due_on=rules.next_due(sheet.date),
        )
        for sheet in IndicatorSheet.objects.filter(is_latest=True).select_related("agency")
    ]


def due_state(*, agency: Agency, today: datetime.date) -> tuple[datetime.date | None, bool]:
    """(the date the next measurement is due by, whether it is overdue) for one agency."""
    last = IndicatorSheet.objects.filter(agency=agency).aggregate(last=Max("date"))["last"]
    return (rules.next_due(last) if last else None, rules.is_overdue(last, today))


# --- The initial sheet with the deployment plan's copy (L557) -------------------------------


@dataclass(frozen=True)
class InitialState:
    """L557: «Копии плана и заполненного листа показателей первоначального состояния …
    направляются руководителю рабочей группы в течение 3 рабочих дней с даты утверждения»: the
    agency's first approved plan (its own, or its joint team's), when its copies are due and
    were sent, and the initial sheet that goes with them."""

    plan: DeploymentPlan | None
    copies_due: datetime.date | None
    copies_sent_on: datetime.date | None
    sheet: IndicatorSheet | None
    overdue: bool  # the copies are due and there is still no initial sheet


def initial_state(*, agency: Agency, today: datetime.date) -> InitialState:
    """Two queries."""
    plan = (
        DeploymentPlan.objects.filter(
            Q(agency=agency) | Q(team__agencies=agency), approved_on__isnull=False
        )
        .order_by("approved_on", "pk")
        .first()
    )
    sheet = IndicatorSheet.objects.filter(agency=agency, is_initial=True).first()
    due = plan.copies_due if plan is not None else None
    return InitialState(
        plan=plan,
        copies_due=due,
        copies_sent_on=plan.copies_sent_on if plan is not None else None,
        sheet=sheet,
        overdue=sheet is None and due is not None and today > due,
    )
