"""Reads of sorting, scoped to what the user may see and fetched without a query per row."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce

from agencies.models import Agency, FiveSTeam
from agencies.permissions import visible_agencies as agencies_visible_to
from core import calendar
from sorting.choices import (
    DECISION_WORKING_DAYS_AFTER_SORTING,
    STORAGE_CHECK_INTERVAL_DAYS,
    EntryKind,
    ItemCategory,
    ListKind,
)
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
from sorting.schedule import next_sorting_due


def visible_agencies(*, user):
    return agencies_visible_to(user).order_by("short_name")


# --- Classifier --------------------------------------------------------------------------------


def classifier_entries(*, agency_id=None, team=None, category=None, kind=None):
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


def tag_reasons(agency_id):
    return classifier_entries(
        agency_id=agency_id, category=ItemCategory.UNNEEDED, kind=EntryKind.STATE
    )


def tag_actions(agency_id):
    return classifier_entries(
        agency_id=agency_id, category=ItemCategory.UNNEEDED, kind=EntryKind.DECISION
    )


def classifier_table(*, team=None):
    """Rows of Appendix 14: per category, its regularities, states and decisions."""
    entries = list(classifier_entries(team=team))
    rows = []
    for category in (ItemCategory.UNNEEDED, ItemCategory.RARELY_NEEDED, ItemCategory.NEEDED):
        row = {"category": category, "label": category.label}
        for kind in EntryKind.values:
            row[kind] = [e for e in entries if e.category == category and e.kind == kind]
        rows.append(row)
    return rows


def control_sheet_sections():
    sections = []
    for item in ControlSheetItem.objects.order_by("order"):
        if not sections or sections[-1]["number"] != item.section_number:
            sections.append(
                {"number": item.section_number, "title": item.section_title, "items": []}
            )
        sections[-1]["items"].append(item)
    for section in sections:
        # Action 6 of Appendix 15 has no sub-items: it is its own single line.
        items = section["items"]
        section["single"] = len(items) == 1 and items[0].text == section["title"].rstrip(".")
    return sections


# --- Red tags ----------------------------------------------------------------------------------


def tag_list(*, user, agency_id=None, query=""):
    queryset = scope_by_agency(RedTag.objects.all(), user)
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    if query:
        queryset = queryset.filter(
            Q(item_name__icontains=query) | Q(room__icontains=query) | Q(number__iexact=query)
            if query.isdigit()
            else Q(item_name__icontains=query) | Q(room__icontains=query)
        )
    return queryset.select_related(
        "agency",
        "reason",
        "action",
        "admission",
        "list_line__sorting_list__round",
        "list_line__decision",
    ).order_by("agency__short_name", "-number")


def tag_detail(*, user, pk):
    return tag_list(user=user).select_related("created_by").get(pk=pk)


def tags_for_print(*, user, ids=(), round_id=None):
    """Tags to print in one batch: the chosen ones, or every tag listed in a sorting."""
    queryset = tag_list(user=user)
    if round_id:
        queryset = queryset.filter(list_line__sorting_list__round_id=round_id)
    else:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.order_by("agency__short_name", "number")


# --- Rounds and lists ----------------------------------------------------------------------------


def round_list(*, user, agency_id=None):
    queryset = scope_by_agency(SortingRound.objects.all(), user)
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    return queryset.select_related("agency").annotate(
        unneeded_count=Count(
            "lists__lines", filter=Q(lists__kind=ListKind.UNNEEDED), distinct=True
        ),
        rarely_needed_count=Count(
            "lists__lines", filter=Q(lists__kind=ListKind.RARELY_NEEDED), distinct=True
        ),
        marks_count=Count("marks", distinct=True),
    )


def _lines_queryset():
    return SortingListLine.objects.select_related(
        "regularity", "decision", "red_tag", "red_tag__admission"
    ).order_by("position")


def _lists_prefetch():
    return Prefetch(
        "lists",
        queryset=SortingList.objects.prefetch_related(
            Prefetch("lines", queryset=_lines_queryset()),
            Prefetch("approvals", queryset=ListApproval.objects.order_by("pk")),
        ).order_by("kind"),
    )


def round_detail(*, user, pk):
    return (
        scope_by_agency(SortingRound.objects.all(), user)
        .select_related("agency", "created_by")
        .prefetch_related("participants", "marks", _lists_prefetch())
        .get(pk=pk)
    )


def list_detail(*, user, pk):
    return (
        scope_by_agency(SortingList.objects.all(), user, field="round__agency_id")
        .select_related("round__agency")
        .prefetch_related(
            Prefetch("lines", queryset=_lines_queryset()),
            Prefetch("approvals", queryset=ListApproval.objects.order_by("pk")),
            "round__participants",
        )
        .get(pk=pk)
    )


def line_detail(*, user, pk):
    return (
        scope_by_agency(SortingListLine.objects.all(), user, field="sorting_list__round__agency_id")
        .select_related("sorting_list__round__agency", "decision", "regularity", "red_tag")
        .get(pk=pk)
    )


def open_rounds(*, agency_id):
    """Rounds a tag can still be listed in: the latest ones of the agency."""
    return SortingRound.objects.filter(agency_id=agency_id).order_by("-date_from", "-pk")[:10]


# --- Storage zone ------------------------------------------------------------------------------


def zone_admissions(*, agency_id):
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


@dataclass
class ZoneRow:
    admission: StorageAdmission
    overdue: bool
    unaccounted: bool
    mismatched: bool = False

    @property
    def line(self):
        return getattr(self.admission.red_tag, "list_line", None)


def zone_rows(*, agency_id, today=None):
    today = today or calendar.today()
    rows = []
    for admission in zone_admissions(agency_id=agency_id):
        line = getattr(admission.red_tag, "list_line", None)
        rows.append(
            ZoneRow(
                admission=admission,
                overdue=bool(line and line.is_overdue(today)),
                # Not accounted for: the latest weekly check did not find it.
                unaccounted=admission.last_present is False,
                # The latest check could not match it against the unneeded list.
                mismatched=admission.last_matches is False,
            )
        )
    return rows


def zone_candidates(*, agency_id):
    """Tags of the agency not yet in the zone (to admit)."""
    return (
        RedTag.objects.filter(agency_id=agency_id)
        .exclude(Exists(StorageAdmission.objects.filter(red_tag=OuterRef("pk"))))
        .select_related("reason", "action", "list_line")
        .order_by("number")
    )


def zone_checks(*, agency_id, limit=10):
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


def zone_check_overdue(*, agency_id, today=None):
    """True when items are in the zone and the last weekly check is older than a week."""
    today = today or calendar.today()
    if not StorageAdmission.objects.filter(agency_id=agency_id, released_on=None).exists():
        return False
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
    since = max(filter(None, [last, first_in]))
    return (today - since).days > STORAGE_CHECK_INTERVAL_DAYS


# --- Figures and schedule -------------------------------------------------------------------------


EMPTY_FIGURES = {
    "tags_issued": 0,
    "items_moved": 0,
    "decisions_overdue": 0,
    "decisions_missing": 0,
}


def sorting_figures(agency_ids=None, *, today=None):
    """Per agency: red tags issued, items moved to the storage zone, decisions overdue (taken
    but not carried out by their date) and decisions missing (not entered within a working day
    after the sorting, §5.4).

    Four aggregate queries whatever the number of agencies; other apps' dashboards use this.
    Returns {agency_id: {"tags_issued": n, "items_moved": n, "decisions_overdue": n,
    "decisions_missing": n}}.
    """
    today = today or calendar.today()
    tags = RedTag.objects.all()
    moved = StorageAdmission.objects.all()
    overdue = SortingListLine.objects.filter(
        execute_by__lt=today, carried_out_on__isnull=True, decision__isnull=False
    )
    undecided = SortingListLine.objects.filter(decision__isnull=True)
    if agency_ids is not None:
        agency_ids = list(agency_ids)
        tags = tags.filter(agency_id__in=agency_ids)
        moved = moved.filter(agency_id__in=agency_ids)
        overdue = overdue.filter(sorting_list__round__agency_id__in=agency_ids)
        undecided = undecided.filter(sorting_list__round__agency_id__in=agency_ids)
    result = {}

    def put(rows, key):
        for agency_id, count in rows:
            result.setdefault(agency_id, dict(EMPTY_FIGURES))[key] = count

    put(
        tags.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"),
        "tags_issued",
    )
    put(
        moved.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"),
        "items_moved",
    )
    put(
        overdue.values("sorting_list__round__agency_id")
        .annotate(n=Count("pk"))
        .values_list("sorting_list__round__agency_id", "n"),
        "decisions_overdue",
    )
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
        due = calendar.add_working_days(date_to or date_from, DECISION_WORKING_DAYS_AFTER_SORTING)
        if due < today:
            figures = result.setdefault(agency_id, dict(EMPTY_FIGURES))
            figures["decisions_missing"] += count
    if agency_ids is not None:
        for agency_id in agency_ids:
            result.setdefault(agency_id, dict(EMPTY_FIGURES))
    return result


@dataclass
class SortingSchedule:
    agency: Agency
    last_end: datetime.date | None
    due: datetime.date | None
    overdue: bool


def agency_schedules(*, agency_ids=None, today=None):
    """{agency_id: SortingSchedule} for agencies with a 5S team, in one query."""
    today = today or calendar.today()
    latest = SortingRound.objects.filter(agency=OuterRef("pk")).order_by("-date_from", "-pk")
    queryset = Agency.objects.filter(teams__isnull=False).distinct()
    if agency_ids is not None:
        queryset = queryset.filter(pk__in=list(agency_ids))
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
        due = next_sorting_due(
            last_sorting_end=agency.last_end,
            planned_next=agency.planned_next,
            deployment_state=agency.deployment_state,
            deployment_start=agency.team_deployment_start,
        )
        result[agency.pk] = SortingSchedule(
            agency=agency, last_end=agency.last_end, due=due, overdue=bool(due and due < today)
        )
    return result


def overview_rows(*, user, agency_id=None, today=None):
    """The sorting overview: each visible agency with its schedule and figures."""
    today = today or calendar.today()
    agencies = visible_agencies(user=user)
    if agency_id:
        agencies = agencies.filter(pk=agency_id)
    agencies = list(agencies)
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
