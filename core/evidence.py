"""Evidence for the checklist's criteria: which of an agency's records prove each criterion.

The 35 criteria of the checklist (Appendix 2, L1489–2889) are scored by the working group on
what it sees and on the agency's documents: red tags and lists (step 1), placement schemes,
stock levels and visual control (step 2), cleaning analyses, plans and schedules (step 3), the
standards register (step 4), the deployment plan, corrective actions, internal audits,
training and walk-rounds (step 5). This module lets every app say which of its records are
such evidence, without core or any app importing another:

- an app registers each of its record kinds from `AppConfig.ready()`:

      evidence.register_evidence_kind("sorting.red_tag", _("Красные ярлыки"), provider)

  where `provider(agency_ids, until=None)` yields `EvidenceRecord`s (agency, title, date,
  url) for those agencies, in ONE query: the latest `SAMPLE` of each agency dated no later
  than `until` (when given), each carrying the agency's total (`latest_records` below does it
  with window functions);
- which kinds serve which criterion is data, in one place: `core.evidence_map.CRITERIA`
  (a criterion with no record kind says why there is none). A new kind plugs in by naming
  its key there. A key in the map whose app has not registered it yet is shown as «нет
  данных» and never queried.

`criteria_evidence(agency_id, criteria, until=None)` answers, criterion by criterion, what the
agency has (count, latest date, links) and which kinds are missing, with one query per record
kind at most — never one per record or per criterion. An audit's evidence is bounded by the
audit's date: a past audit shows what the agency had on that day (the working group scores
«по результатам аудита», §5.5), not what it made afterwards.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from core.evidence_map import CRITERIA, PENDING_KIND_LABELS

# How many of the latest records of a kind are shown as links; the count covers all of them.
SAMPLE = 5


@dataclass(frozen=True)
class EvidenceRecord:
    """One record that proves a criterion: a red tag, a plan, a walk-round."""

    agency_id: int
    title: str
    date: datetime.date | None
    url: str
    # The agency's number of records of this kind, when the provider yields only a sample.
    total: int | None = None


Provider = Callable[..., Iterable[EvidenceRecord]]  # (agency_ids, until=None)


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: Any  # a lazy translation
    provider: Provider


@dataclass(frozen=True)
class KindEvidence:
    """What an agency has of one record kind."""

    kind: str
    label: str
    registered: bool  # False: the kind's app does not provide it yet («нет данных»)
    count: int
    latest: datetime.date | None
    records: tuple[EvidenceRecord, ...]

    @property
    def url(self) -> str:
        return self.records[0].url if self.records else ""

    @property
    def missing(self) -> bool:
        return self.count == 0


@dataclass(frozen=True)
class CriterionEvidence:
    """One criterion: the kinds of records that prove it and what the agency has of each."""

    code: str
    title: str
    kinds: tuple[KindEvidence, ...]
    reason: str  # why no record kind proves it (only when `kinds` is empty)

    @property
    def count(self) -> int:
        return sum(kind.count for kind in self.kinds)

    @property
    def latest(self) -> datetime.date | None:
        return max((k.latest for k in self.kinds if k.latest), default=None)

    @property
    def present(self) -> tuple[KindEvidence, ...]:
        return tuple(kind for kind in self.kinds if not kind.missing)

    @property
    def missing(self) -> tuple[KindEvidence, ...]:
        return tuple(kind for kind in self.kinds if kind.missing)


_kinds: dict[str, EvidenceKind] = {}
_checklist_source: list[Callable[[], Sequence[tuple[str, str]]]] = []


def register_evidence_kind(key: str, label: Any, provider: Provider) -> None:
    """Called once per kind from the owning app's `AppConfig.ready()`. Registering the same
    key twice keeps the last provider (ready() may run again in tests)."""
    _kinds[key] = EvidenceKind(key=key, label=label, provider=provider)


def registered_kinds() -> dict[str, EvidenceKind]:
    return dict(_kinds)


def register_checklist(source: Callable[[], Sequence[tuple[str, str]]]) -> None:
    """The app that keeps the checklist names its criteria (code, title) for pages that list
    every criterion without an audit (the agency's evidence page)."""
    _checklist_source[:] = [source]


def checklist_criteria() -> list[tuple[str, str]]:
    """Every criterion of the current checklist as (code, title); the map's codes (untitled)
    when no app keeps a checklist."""
    if _checklist_source:
        found = list(_checklist_source[0]())
        if found:
            return found
    return [(code, "") for code in CRITERIA]


def kind_label(key: str) -> str:
    if key in _kinds:
        return str(_kinds[key].label)
    return str(PENDING_KIND_LABELS.get(key, key))


def kinds_of(code: str) -> tuple[str, ...]:
    entry = CRITERIA.get(code)
    return entry.kinds if entry else ()


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def latest_records(
    queryset: QuerySet,
    agency_ids: Collection[int],
    *,
    date: Any,
    title: Callable[[Any], str],
    url: Callable[[Any], str],
    agency: str = "agency_id",
    limit: int = SAMPLE,
    until: datetime.date | None = None,
) -> Iterable[EvidenceRecord]:
    """The `limit` latest records of each agency in `queryset`, each with the agency's total,
    in one query (window functions). `date` is a field name or an expression (the record's
    date; a datetime is shown as its local date); `agency` is the lookup of the agency's id;
    `title` and `url` read one row (select_related what they need, never a query per row).
    With `until`, only records dated on or before that day count (a record without a date
    cannot be placed in time and still counts)."""
    date_expr = F(date) if isinstance(date, str) else date
    queryset = queryset.filter(**{f"{agency}__in": list(agency_ids)})
    if until is not None:
        queryset = queryset.alias(evidence_bound=date_expr).filter(
            Q(evidence_bound__isnull=True) | Q(evidence_bound__lte=_end_of(until))
        )
    rows = (
        queryset.annotate(
            evidence_agency=F(agency),
            evidence_date=date_expr,
            evidence_total=Window(Count("pk"), partition_by=[F(agency)]),
            evidence_rank=Window(
                RowNumber(),
                partition_by=[F(agency)],
                order_by=[date_expr.desc(nulls_last=True), F("pk").desc()],
            ),
        )
        .filter(evidence_rank__lte=limit)
        .order_by("evidence_agency", "evidence_rank")
    )
    for row in rows:
        yield EvidenceRecord(
            agency_id=row.evidence_agency,
            title=str(title(row)),
            date=_as_date(row.evidence_date),
            url=url(row),
            total=row.evidence_total,
        )


def _end_of(day: datetime.date) -> datetime.datetime:
    """The last moment of the day in the portal's time zone: a bound that serves a date field
    (compared as that date) and a datetime field (anything recorded that day) alike."""
    end = datetime.datetime.combine(day, datetime.time.max)
    return timezone.make_aware(end) if timezone.is_aware(timezone.now()) else end


def collect(
    agency_ids: Collection[int], kinds: Iterable[str], *, until: datetime.date | None = None
) -> dict[str, dict[int, KindEvidence]]:
    """For each kind (registered or not), what each agency has of it: one provider call (one
    query) per registered kind; with `until`, as it stood at the end of that day."""
    found: dict[str, dict[int, KindEvidence]] = {}
    for key in dict.fromkeys(kinds):
        per_agency: dict[int, list[EvidenceRecord]] = {pk: [] for pk in agency_ids}
        registered = key in _kinds
        if registered and agency_ids:
            for record in _kinds[key].provider(agency_ids, until=until):
                per_agency.setdefault(record.agency_id, []).append(record)
        label = kind_label(key)
        found[key] = {
            pk: _summary(key, label, registered, records) for pk, records in per_agency.items()
        }
    return found


def _summary(key, label, registered, records: list[EvidenceRecord]) -> KindEvidence:
    records = sorted(
        records, key=lambda r: (r.date is not None, r.date or datetime.date.min), reverse=True
    )
    total = max((r.total for r in records if r.total is not None), default=None)
    return KindEvidence(
        kind=key,
        label=label,
        registered=registered,
        count=total if total is not None else len(records),
        latest=max((r.date for r in records if r.date), default=None),
        records=tuple(records[:SAMPLE]),
    )


def criteria_evidence(
    agency_id: int, criteria: Iterable[tuple[str, str]], *, until: datetime.date | None = None
) -> list[CriterionEvidence]:
    """`criteria` ((code, title) pairs, in order) with what the agency has for each (at the end
    of the day `until`, when given)."""
    criteria = list(criteria)
    kinds = [key for code, _title in criteria for key in kinds_of(code)]
    found = collect([agency_id], kinds, until=until)
    rows = []
    for code, title in criteria:
        entry = CRITERIA.get(code)
        rows.append(
            CriterionEvidence(
                code=code,
                title=title,
                kinds=tuple(found[key][agency_id] for key in kinds_of(code)),
                reason=str(entry.reason) if entry and entry.reason else "",
            )
        )
    return rows


def as_payload(rows: Iterable[CriterionEvidence]) -> dict[str, list[dict]]:
    """The API's shape: {criterion code: [{"kind", "title", "date", "url", ...}]}, one entry
    per record kind that serves the criterion: its label as the title, the latest record's
    date and link, and the count, whether the kind is provided yet, and the latest records."""
    return {
        row.code: [
            {
                "kind": kind.kind,
                "title": kind.label,
                "date": kind.latest.isoformat() if kind.latest else None,
                "url": kind.url or None,
                "count": kind.count,
                "available": kind.registered,
                "records": [
                    {
                        "title": record.title,
                        "date": record.date.isoformat() if record.date else None,
                        "url": record.url,
                    }
                    for record in kind.records
                ],
            }
            for kind in row.kinds
        ]
        for row in rows
    }
