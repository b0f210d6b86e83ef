"""Reads of sorting, scoped to what the user may see and fetched without a query per row.

A list selector takes the request's filters (`filters=request.GET` or the API's query
parameters) and applies the list's FilterSet (sorting.filters) after scoping, so pages and the
API filter alike; a malformed filter is an ApplicationError naming the parameter.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from agencies.models import Agency, FiveSTeam
from agencies.permissions import visible_agencies as agencies_visible_to
from core import calendar
from core.filters import apply_filters
from sorting import filters as sorting_filters
from sorting import rules, schedule
from sorting.choices import EntryKind, ItemCategory, ListKind
from sorting.models import (
    ClassifierEntry,
    ControlSheetItem,
    ListApproval,
    RedTag,
    SortingList,
    SortingListLine,
    SortingRound,
    StorageAdmission,
    StorageCheck,
    StorageCheckLine,
)
from sorting.permissions import scope_by_agency

AnyUser = User | AnonymousUser
Filters = Mapping[str, Any] | None


def visible_agencies(*, user: AnyUser) -> QuerySet[Agency]:
    return agencies_visible_to(user).order_by("short_name")


# --- Classifier --------------------------------------------------------------------------------


def classifier_entries(
    *,
    agency_id: int | None = None,
    team: FiveSTeam | None = None,
    category: str | None = None,
    kind: str | None = None,
) -> QuerySet[ClassifierEntry]:
    """The template entries of Appendix 14 plus the team's own (for an agency: its teams')."""
    own = Q(team__isnull=True)
    if team is not None:
        own |= Q(team=team)
    elif agency_id is not None:
        own |= Q(team__agencies=agency_id)
    queryset = ClassifierEntry.objects.filter(own)
    if category:
        queryset = queryset.filter(category=category)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.distinct().order_by("team_id", "order", "pk")


def tag_reasons(agency_id: int) -> QuerySet[ClassifierEntry]:
    return classifier_entries(
        agency_id=agency_id, category=ItemCategory.UNNEEDED, kind=EntryKind.STATE
    )


def tag_actions(agency_id: int) -> QuerySet[ClassifierEntry]:
    return classifier_entries(
        agency_id=agency_id, category=ItemCategory.UNNEEDED, kind=EntryKind.DECISION
    )


def classifier_table(*, team: FiveSTeam | None = None) -> list[dict[str, Any]]:
    """Rows of Appendix 14: per category, its regularities, states and decisions."""
    entries = list(classifier_entries(team=team))
    rows = []
    for category in (ItemCategory.UNNEEDED, ItemCategory.RARELY_NEEDED, ItemCategory.NEEDED):
        row: dict[str, Any] = {"category": category, "label": category.label}
        for kind in EntryKind.values:
            row[kind] = [e for e in entries if e.category == category and e.kind == kind]
        rows.append(row)
    return rows


class ControlSheetSection(TypedDict):
    number: int
    title: str
    items: list[ControlSheetItem]
    single: bool


def control_sheet_sections() -> list[ControlSheetSection]:
    sections: list[ControlSheetSection] = []
    for item in ControlSheetItem.objects.order_by("order"):
        if not sections or sections[-1]["number"] != item.section_number:
            sections.append(
                {
                    "number": item.section_number,
                    "title": item.shown_section_title,
                    "items": [],
                    "single": False,
                }
            )
        sections[-1]["items"].append(item)
    for section in sections:
        # Action 6 of Appendix 15 has no sub-items: it is its own single line.
        items = section["items"]
        section["single"] = len(items) == 1 and items[0].text == items[0].section_title.rstrip(".")
    return sections


# --- Red tags ----------------------------------------------------------------------------------


def tag_list(*, user: AnyUser, filters: Filters = None) -> QuerySet[RedTag]:
    """The red tags the user may see, narrowed by RedTagFilter (`agency`, `q`)."""
    return _visible_tags(user, filters).select_related(
        "agency",
        "room",
        "reason",
        "action",
        "admission",
        "list_line__sorting_list__round",
        "list_line__decision",
    )


def tag_rows(*, user: AnyUser, filters: Filters = None) -> QuerySet[RedTag]:
    """tag_list as the API lists it: only the relations its rows show (room, classifier texts,
    list line, storage admission). The page's nine-table join cost PostgreSQL 9 ms to plan
    for a 4 ms execution, a third of the API list's server time (issue 18's load test)."""
    return _visible_tags(user, filters).select_related(
        "room", "reason", "action", "admission", "list_line"
    )


def _visible_tags(user: AnyUser, filters: Filters) -> QuerySet[RedTag]:
    """The tags the user may see, filtered, in the lists' order."""
    return apply_filters(
        sorting_filters.RedTagFilter, filters, scope_by_agency(RedTag.objects.all(), user)
    ).order_by("agency__short_name", "-number")


def tag_detail(*, user: AnyUser, pk: int) -> RedTag:
    return tag_list(user=user).select_related("created_by").get(pk=pk)


def tags_for_print(
    *, user: AnyUser, ids: Iterable[int] = (), sorting_round: SortingRound | None = None
) -> QuerySet[RedTag]:
    """Tags to print in one batch: the chosen ones, or every tag listed in a sorting."""
    queryset = tag_list(user=user)
    if sorting_round is not None:
        queryset = queryset.filter(list_line__sorting_list__round=sorting_round)
    else:
        queryset = queryset.filter(pk__in=sorted(set(ids)))
    return queryset.order_by("agency__short_name", "number")


# --- Rounds and lists ----------------------------------------------------------------------------


def round_list(*, user: AnyUser, filters: Filters = None) -> QuerySet[SortingRound]:
    """The sortings the user may see, narrowed by SortingRoundFilter (`agency`), with their line
    and mark counts."""
    queryset = apply_filters(
        sorting_filters.SortingRoundFilter,
        filters,
        scope_by_agency(SortingRound.objects.all(), user),
    )
    return (
        queryset.select_related("agency")
        .prefetch_related("rooms")
        .annotate(
            unneeded_count=Count(
                "lists__lines", filter=Q(lists__kind=ListKind.UNNEEDED), distinct=True
            ),
            rarely_needed_count=Count(
                "lists__lines", filter=Q(lists__kind=ListKind.RARELY_NEEDED), distinct=True
            ),
            marks_count=Count("marks", distinct=True),
        )
        .order_by("-date_from", "-pk")
    )


def _lines_queryset() -> QuerySet[SortingListLine]:
    return SortingListLine.objects.select_related(
        "regularity", "decision", "red_tag", "red_tag__admission"
    ).order_by("position")


def _lists_prefetch() -> Prefetch:
    return Prefetch(
        "lists",
        queryset=SortingList.objects.prefetch_related(
            Prefetch("lines", queryset=_lines_queryset()),
            Prefetch("approvals", queryset=ListApproval.objects.order_by("pk")),
        ).order_by("kind"),
    )


def round_detail(*, user: AnyUser, pk: int) -> SortingRound:
    return (
        scope_by_agency(SortingRound.objects.all(), user)
        .select_related("agency", "created_by")
        .prefetch_related("participants", "rooms", "marks", _lists_prefetch())
        .get(pk=pk)
    )


def list_missing_approvals(
    sorting_list: SortingList,
    approvals: Sequence[ListApproval] | None = None,
    lines: Sequence[SortingListLine] | None = None,
) -> list[str]:
    """What the «СОГЛАСОВАНО» block of the list still lacks (sorting.rules)."""
    approvals = list(sorting_list.approvals.all()) if approvals is None else approvals
    lines = list(sorting_list.lines.all()) if lines is None else lines
    return rules.missing_approvals(approvals, lines)


def list_is_agreed(
    sorting_list: SortingList,
    approvals: Sequence[ListApproval] | None = None,
    lines: Sequence[SortingListLine] | None = None,
) -> bool:
    """Every decision taken and every agreement given (sorting.rules)."""
    approvals = list(sorting_list.approvals.all()) if approvals is None else approvals
    lines = list(sorting_list.lines.all()) if lines is None else lines
    return rules.is_agreed(approvals, lines)


def list_list(*, user: AnyUser, filters: Filters = None) -> QuerySet[SortingList]:
    """The lists the user may see, narrowed by SortingListFilter (`agency`, `kind`), with their
    lines and agreements."""
    queryset = apply_filters(
        sorting_filters.SortingListFilter,
        filters,
        scope_by_agency(SortingList.objects.all(), user, field="round__agency_id"),
    )
    return (
        queryset.select_related("round__agency")
        .prefetch_related(
            Prefetch("lines", queryset=_lines_queryset()),
            Prefetch("approvals", queryset=ListApproval.objects.order_by("pk")),
        )
        .order_by("-round__date_from", "kind")
    )


def list_detail(*, user: AnyUser, pk: int) -> SortingList:
    return list_list(user=user).prefetch_related("round__participants").get(pk=pk)


def line_list(*, user: AnyUser) -> QuerySet[SortingListLine]:
    return scope_by_agency(
        SortingListLine.objects.all(), user, field="sorting_list__round__agency_id"
    ).select_related("sorting_list__round__agency", "decision", "regularity", "red_tag")


def line_detail(*, user: AnyUser, pk: int) -> SortingListLine:
    return line_list(user=user).get(pk=pk)


def open_rounds(*, agency_id: int) -> QuerySet[SortingRound]:
    """Rounds a tag can still be listed in: the latest ones of the agency."""
    return (
        SortingRound.objects.filter(agency_id=agency_id)
        .prefetch_related("rooms")
        .order_by("-date_from", "-pk")[:10]
    )


# --- Storage zone ------------------------------------------------------------------------------


def admission_list(*, user: AnyUser, filters: Filters = None) -> QuerySet[StorageAdmission]:
    """Items admitted to the zones the user may see (StorageAdmissionFilter: `agency`)."""
    queryset = apply_filters(
        sorting_filters.StorageAdmissionFilter,
        filters,
        scope_by_agency(StorageAdmission.objects.all(), user),
    )
    return queryset.select_related("red_tag").order_by("agency_id", "admitted_on", "pk")


def check_list(*, user: AnyUser, filters: Filters = None) -> QuerySet[StorageCheck]:
    """Weekly checks of the zones the user may see (StorageCheckFilter: `agency`)."""
    queryset = apply_filters(
        sorting_filters.StorageCheckFilter,
        filters,
        scope_by_agency(StorageCheck.objects.all(), user),
    )
    return queryset.prefetch_related("lines").order_by("-checked_on", "-pk")


def zone_admissions(*, agency_id: int) -> QuerySet[StorageAdmission]:
    """Items in the zone with their list line and the latest weekly check of each."""
    latest_line = StorageCheckLine.objects.filter(admission=OuterRef("pk")).order_by(
        "-check_record__checked_on", "-check_record_id"
    )
    return (
        StorageAdmission.objects.filter(agency_id=agency_id, released_on=None)
        .select_related(
            "red_tag",
            "red_tag__action",
            "red_tag__list_line",
            "red_tag__list_line__decision",
            "red_tag__list_line__sorting_list__round",
            "admitted_by",
        )
        .annotate(
            last_present=Subquery(latest_line.values("present")[:1]),
            last_matches=Subquery(latest_line.values("matches_list")[:1]),
            last_checked_on=Subquery(latest_line.values("check_record__checked_on")[:1]),
        )
        .order_by("admitted_on", "red_tag__number")
    )


@dataclass(frozen=True)
class ZoneRow:
    """An item in the storage zone as its keeper sees it (§5.3, L715–721)."""

    admission: StorageAdmission
    overdue: bool
    unaccounted: bool
    mismatched: bool = False

    @property
    def line(self) -> SortingListLine | None:
        return getattr(self.admission.red_tag, "list_line", None)


def zone_rows(*, agency_id: int, today: datetime.date | None = None) -> list[ZoneRow]:
    today = today or calendar.today()
    rows = []
    for admission in zone_admissions(agency_id=agency_id):
        line = getattr(admission.red_tag, "list_line", None)
        rows.append(
            ZoneRow(
                admission=admission,
                overdue=bool(line and line.is_overdue(today)),
                # Not accounted for: the latest weekly check did not find it.
                unaccounted=getattr(admission, "last_present", None) is False,
                # The latest check could not match it against the unneeded list.
                mismatched=getattr(admission, "last_matches", None) is False,
            )
        )
    return rows


def zone_candidates(*, agency_id: int) -> QuerySet[RedTag]:
    """Tags of the agency not yet in the zone (to admit)."""
    return (
        RedTag.objects.filter(agency_id=agency_id)
        .exclude(Exists(StorageAdmission.objects.filter(red_tag=OuterRef("pk"))))
        .select_related("room", "reason", "action", "list_line")
        .order_by("number")
    )


def zone_checks(*, agency_id: int, limit: int = 10) -> QuerySet[StorageCheck]:
    return (
        StorageCheck.objects.filter(agency_id=agency_id)
        .select_related("checked_by")
        .annotate(
            items=Count("lines"),
            missing=Count("lines", filter=Q(lines__present=False)),
            carried_out=Count("lines", filter=Q(lines__carried_out_on__isnull=False)),
        )
        .order_by("-checked_on", "-pk")[:limit]
    )


def zone_check_overdue(*, agency_id: int, today: datetime.date | None = None) -> bool:
    """True when items are in the zone and the last weekly check is older than a week."""
    last = (
        StorageCheck.objects.filter(agency_id=agency_id)
        .order_by("-checked_on")
        .values_list("checked_on", flat=True)
        .first()
    )
    first_in = (
        StorageAdmission.objects.filter(agency_id=agency_id, released_on=None)
        .order_by("admitted_on")
        .values_list("admitted_on", flat=True)
        .first()
    )
    return schedule.zone_check_overdue(
        today=today or calendar.today(), last_check=last, first_admitted=first_in
    )


# --- Figures and schedule -------------------------------------------------------------------------


class SortingFigures(TypedDict):
    """Per agency: red tags issued, items moved to the zone, decisions overdue and missing."""

    tags_issued: int
    items_moved: int
    decisions_overdue: int
    decisions_missing: int


def _empty_figures() -> SortingFigures:
    return {"tags_issued": 0, "items_moved": 0, "decisions_overdue": 0, "decisions_missing": 0}


def sorting_figures(
    agency_ids: Iterable[int] | None = None, *, today: datetime.date | None = None
) -> dict[int, SortingFigures]:
    """Per agency: red tags issued, items moved to the storage zone, decisions overdue (taken
    but not carried out by their date) and decisions missing (not entered within a working day
    after the sorting, §5.4 L751).

    Four aggregate queries whatever the number of agencies; other apps' dashboards use this.
    """
    today = today or calendar.today()
    tags = RedTag.objects.all()
    moved = StorageAdmission.objects.all()
    overdue = SortingListLine.objects.filter(
        execute_by__lt=today, carried_out_on__isnull=True, decision__isnull=False
    )
    undecided = SortingListLine.objects.filter(decision__isnull=True)
    ids = None if agency_ids is None else sorted(set(agency_ids))
    if ids is not None:
        tags = tags.filter(agency_id__in=ids)
        moved = moved.filter(agency_id__in=ids)
        overdue = overdue.filter(sorting_list__round__agency_id__in=ids)
        undecided = undecided.filter(sorting_list__round__agency_id__in=ids)

    def per_agency(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
        return dict(rows)

    issued = per_agency(
        tags.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n")
    )
    moved_in = per_agency(
        moved.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n")
    )
    late = per_agency(
        overdue.values("sorting_list__round__agency_id")
        .annotate(n=Count("pk"))
        .values_list("sorting_list__round__agency_id", "n")
    )
    result: dict[int, SortingFigures] = {
        agency_id: {
            "tags_issued": issued.get(agency_id, 0),
            "items_moved": moved_in.get(agency_id, 0),
            "decisions_overdue": late.get(agency_id, 0),
            "decisions_missing": 0,
        }
        for agency_id in {*issued, *moved_in, *late}
    }
    missing_by_round = (
        undecided.values(
            "sorting_list__round__agency_id",
            "sorting_list__round__date_from",
            "sorting_list__round__date_to",
        )
        .annotate(n=Count("pk"))
        .values_list(
            "sorting_list__round__agency_id",
            "sorting_list__round__date_from",
            "sorting_list__round__date_to",
            "n",
        )
    )
    for agency_id, date_from, date_to, count in missing_by_round:
        if schedule.decisions_due(date_to or date_from) < today:
            figures = result.setdefault(agency_id, _empty_figures())
            figures["decisions_missing"] += count
    for agency_id in ids or ():
        result.setdefault(agency_id, _empty_figures())
    return result


@dataclass(frozen=True)
class SortingSchedule:
    """When an agency's next sorting is due (§5.4, L755)."""

    agency: Agency
    last_end: datetime.date | None
    due: datetime.date | None
    overdue: bool


def agency_schedules(
    *, agency_ids: Iterable[int] | None = None, today: datetime.date | None = None
) -> dict[int, SortingSchedule]:
    """{agency_id: SortingSchedule} for agencies with a 5S team, in one query."""
    today = today or calendar.today()
    latest = SortingRound.objects.filter(agency=OuterRef("pk")).order_by("-date_from", "-pk")
    queryset = Agency.objects.filter(teams__isnull=False).distinct()
    if agency_ids is not None:
        queryset = queryset.filter(pk__in=sorted(set(agency_ids)))
    queryset = queryset.annotate(
        last_end=Subquery(latest.annotate(end=Coalesce("date_to", "date_from")).values("end")[:1]),
        planned_next=Subquery(latest.values("next_sorting_on")[:1]),
        team_deployment_start=Subquery(
            FiveSTeam.objects.filter(agencies=OuterRef("pk"))
            .order_by("pk")
            .values("deployment_start")[:1]
        ),
    ).order_by("short_name")
    result = {}
    for agency in queryset:
        due = schedule.next_sorting_due(
            last_sorting_end=agency.last_end,
            planned_next=agency.planned_next,
            deployment_state=agency.deployment_state,
            deployment_start=agency.team_deployment_start,
        )
        result[agency.pk] = SortingSchedule(
            agency=agency,
            last_end=agency.last_end,
            due=due,
            overdue=bool(due and due < today),
        )
    return result


class OverviewRow(TypedDict):
    agency: Agency
    schedule: SortingSchedule | None
    figures: SortingFigures


def overview_rows(
    *, user: AnyUser, filters: Filters = None, today: datetime.date | None = None
) -> list[OverviewRow]:
    """The sorting overview: each visible agency (AgencyFilter: `agency`) with its schedule and
    figures."""
    today = today or calendar.today()
    agencies = list(
        apply_filters(sorting_filters.AgencyFilter, filters, visible_agencies(user=user))
    )
    ids = [agency.pk for agency in agencies]
    schedules = agency_schedules(agency_ids=ids, today=today)
    figures = sorting_figures(ids, today=today)
    return [
        {
            "agency": agency,
            "schedule": schedules.get(agency.pk),
            "figures": figures[agency.pk],
        }
        for agency in agencies
    ]
