"""Reads of the register of 5S standards and the daily checklist, scoped to what the user may
see and fetched without a query per row (the numbers of queries do not grow with the standards,
agencies or items)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from agencies.models import Agency
from core import calendar, i18n
from core.filters import apply_filters
from standards.register import filters, permissions, rules
from standards.register.choices import ChecklistStatus, StandardStatus, VersionStatus
from standards.register.models import (
    DailyChecklist,
    DailyChecklistItem,
    Standard,
    StandardKind,
    StandardVersion,
)
from standards.register.permissions import AnyUser

Filters = Mapping[str, Any] | None
# The largest id the database holds: a bigger number is «not found», never an overflow.
MAX_ID = 2**31 - 1


def _valid_id(pk: int) -> int:
    if not 1 <= pk <= MAX_ID:
        raise Http404
    return pk


def kinds() -> list[StandardKind]:
    return list(StandardKind.objects.order_by("order"))


def standard_list(*, user: AnyUser, filters_data: Filters = None) -> QuerySet[Standard]:
    queryset = permissions.scope(
        Standard.objects.select_related("agency", "kind", "approved_version"), user
    ).order_by("agency__short_name", "kind__order", "title", "pk")
    return apply_filters(filters.StandardFilter, filters_data, queryset)


def standard_detail(*, user: AnyUser, pk: int) -> Standard:
    """An agency's standard; an approved one of another agency is readable from the knowledge
    base (§3.2.4)."""
    standard = (
        Standard.objects.select_related("agency", "kind", "approved_version", "origin__standard")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=StandardVersion.objects.select_related(
                    "agreed_by", "approved_by"
                ).prefetch_related("attachments"),
            )
        )
        .filter(pk=_valid_id(pk))
        .first()
    )
    if standard is None:
        raise Http404
    if permissions.can_read(user, standard.agency_id):
        return standard
    if standard.status == StandardStatus.APPROVED and permissions.can_read_knowledge_base(user):
        return standard
    raise Http404


def version_detail(*, user: AnyUser, pk: int) -> StandardVersion:
    version = (
        StandardVersion.objects.select_related(
            "standard__agency", "standard__kind", "agreed_by", "approved_by"
        )
        .prefetch_related("attachments")
        .filter(pk=_valid_id(pk))
        .first()
    )
    if version is None:
        raise Http404
    if permissions.can_read(user, version.standard.agency_id):
        return version
    if version.status in (VersionStatus.APPROVED, VersionStatus.SUPERSEDED) and (
        permissions.can_read_knowledge_base(user)
    ):
        return version
    raise Http404


@dataclass(frozen=True)
class MandatoryRow:
    """One of the eight standards of §8.2 for one agency: present, approved, overdue."""

    kind: str
    title: str
    order: int
    standard: Standard | None
    today: datetime.date
    title_en: str = ""  # the English of `title` (issue 17 item 10); the API keeps `title`

    @property
    def shown_title(self) -> str:
        """The kind's title a person reads: English in English mode where translated."""
        return i18n.shown_text(self.title, self.title_en)

    @property
    def standard_id(self) -> int | None:
        return self.standard.pk if self.standard is not None else None

    @property
    def exists(self) -> bool:
        return self.standard is not None

    @property
    def approved_on(self) -> datetime.date | None:
        return self.standard.approved_on if self.standard is not None else None

    @property
    def review_due(self) -> datetime.date | None:
        return self.standard.review_due if self.standard is not None else None

    @property
    def approved(self) -> bool:
        return self.approved_on is not None

    @property
    def overdue(self) -> bool:
        return rules.is_review_overdue(self.review_due, self.today)

    @property
    def state(self) -> str:
        if self.standard is None:
            return "missing"
        return rules.review_state(self.review_due, self.today)


def _rows(kinds_: list[StandardKind], by_kind: dict[str, Standard], today) -> list[MandatoryRow]:
    return [
        MandatoryRow(
            kind.code, kind.title, kind.order, by_kind.get(kind.code), today, kind.title_en
        )
        for kind in kinds_
    ]


def mandatory_rows(*, agency: Agency, today: datetime.date | None = None) -> list[MandatoryRow]:
    """The eight kinds of §8.2 in the regulation's order, each with the agency's standard."""
    today = today or calendar.today()
    by_kind = {
        s.kind_id: s
        for s in Standard.objects.filter(agency=agency, kind__isnull=False).select_related(
            "approved_version"
        )
        if s.kind_id is not None
    }
    return _rows(kinds(), by_kind, today)


@dataclass(frozen=True)
class AgencyChecklistRow:
    agency: Agency
    rows: list[MandatoryRow]

    @property
    def existing(self) -> int:
        return sum(row.exists for row in self.rows)

    @property
    def approved(self) -> int:
        return sum(row.approved for row in self.rows)

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def missing(self) -> list[MandatoryRow]:
        return [row for row in self.rows if not row.exists]


def region_matrix(
    *, user: AnyUser, today: datetime.date | None = None, agency_id: int | None = None
) -> list[AgencyChecklistRow]:
    """The checklist of the eight mandatory standards for every agency the user reads: three
    queries whatever the number of agencies and standards."""
    today = today or calendar.today()
    agencies = permissions.readable_agencies(user).order_by("short_name")
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id if 1 <= agency_id <= MAX_ID else 0)
    agencies_ = list(agencies)
    kinds_ = kinds()
    by_agency: dict[int, dict[str, Standard]] = {}
    for standard in Standard.objects.filter(
        agency__in=[a.pk for a in agencies_], kind__isnull=False
    ):
        if standard.kind_id is not None:
            by_agency.setdefault(standard.agency_id, {})[standard.kind_id] = standard
    return [
        AgencyChecklistRow(agency, _rows(kinds_, by_agency.get(agency.pk, {}), today))
        for agency in agencies_
    ]


# --- The knowledge base (§3.2.4): approved standards of every agency --------------------------


def knowledge_standards(*, user: AnyUser, filters_data: Filters = None) -> QuerySet[Standard]:
    if not permissions.can_read_knowledge_base(user):
        return Standard.objects.none()
    queryset = Standard.objects.filter(status=StandardStatus.APPROVED).select_related(
        "agency", "kind", "approved_version"
    )
    return apply_filters(filters.StandardFilter, filters_data, queryset).order_by(
        "kind__order", "title", "agency__short_name", "pk"
    )


@dataclass(frozen=True)
class KindCount:
    kind: StandardKind
    agencies: int


def approved_counts() -> list[KindCount]:
    """For each mandatory kind, how many agencies have one approved (one query)."""
    counted = StandardKind.objects.annotate(
        agencies=Count(
            "standards__agency",
            filter=Q(standards__status=StandardStatus.APPROVED),
            distinct=True,
        )
    ).order_by("order")
    return [KindCount(kind, kind.agencies) for kind in counted]


# --- The daily checklist ---------------------------------------------------------------------


def checklist_list(*, user: AnyUser, filters_data: Filters = None) -> QuerySet[DailyChecklist]:
    queryset = permissions.scope(
        DailyChecklist.objects.select_related("agency", "approved_by").annotate(
            item_count=Count("items")
        ),
        user,
    ).order_by("agency__short_name", "-version")
    return apply_filters(filters.ChecklistFilter, filters_data, queryset)


def _with_items(queryset: QuerySet[DailyChecklist]) -> QuerySet[DailyChecklist]:
    return queryset.select_related("agency", "approved_by").prefetch_related(
        Prefetch("items", queryset=DailyChecklistItem.objects.order_by("order"))
    )


def checklist_detail(*, user: AnyUser, pk: int) -> DailyChecklist:
    checklist = _with_items(DailyChecklist.objects.filter(pk=_valid_id(pk))).first()
    if checklist is None or not permissions.can_read(user, checklist.agency_id):
        raise Http404
    return checklist


def current_checklist(*, agency_id: int) -> DailyChecklist | None:
    """The latest approved version (Appendix 26; the form in use)."""
    return (
        _with_items(
            DailyChecklist.objects.filter(agency_id=agency_id, status=ChecklistStatus.APPROVED)
        )
        .order_by("-version")
        .first()
    )


def people_for_checklist(*, agency: Agency) -> list[str]:
    """Everyone given a printed copy (L1189: «каждый сотрудник … обеспечен контрольным
    листом»)."""
    return list(agency.people.order_by("full_name").values_list("full_name", flat=True))
