"""Reads of the IT department's data (criterion 4.3, §8.4 L1337)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from agencies.models import Agency
from audits.itdata.rules import ITStandardState, share_percent
from audits.models import ITStandardRecord
from core.periods import month_start


def records(*, agency_id: int | None = None, month: datetime.date | None = None):
    queryset = ITStandardRecord.objects.select_related("agency", "entered_by")
    if agency_id is not None:
        queryset = queryset.filter(agency_id=agency_id)
    if month is not None:
        queryset = queryset.filter(month=month_start(month))
    return queryset.order_by("-month", "agency__short_name", "pk")


def month_numbers(month: datetime.date) -> dict[int, tuple[int, int]]:
    """{agency id: (workplaces, compliant)} of the month's records (the template's prefill)."""
    return {
        agency_id: (workplaces, compliant)
        for agency_id, workplaces, compliant in ITStandardRecord.objects.filter(
            month=month_start(month)
        ).values_list("agency_id", "workplaces", "compliant")
    }


def state_for_audit(agency_id: int, audit_date: datetime.date) -> ITStandardState | None:
    """The record a final sheet uses: the audit's own month, otherwise the latest earlier one
    (the department reports at each month's end, so the month of an audit held before that day
    may have no record yet). None when the agency has no record up to the audit's month."""
    record = (
        ITStandardRecord.objects.filter(agency_id=agency_id, month__lte=month_start(audit_date))
        .order_by("-month")
        .values_list("month", "workplaces", "compliant")
        .first()
    )
    return ITStandardState(*record) if record else None


def states_for_audits(audits) -> dict[int, ITStandardState | None]:
    """state_for_audit for many audits in one query (summaries and lists)."""
    audits = list(audits)
    if not audits:
        return {}
    agency_ids = {audit.agency_id for audit in audits}
    latest = max(month_start(audit.date) for audit in audits)
    by_agency: dict[int, list[ITStandardState]] = {}
    for row in (
        ITStandardRecord.objects.filter(agency_id__in=agency_ids, month__lte=latest)
        .order_by("agency_id", "-month")
        .values_list("agency_id", "month", "workplaces", "compliant")
    ):
        agency_id, month, workplaces, compliant = row
        by_agency.setdefault(agency_id, []).append(ITStandardState(month, workplaces, compliant))
    result = {}
    for audit in audits:
        month = month_start(audit.date)
        result[audit.pk] = next(
            (state for state in by_agency.get(audit.agency_id, []) if state.month <= month), None
        )
    return result


@dataclass(frozen=True)
class MonthRow:
    agency: Agency
    record: ITStandardRecord | None

    @property
    def score(self) -> int | None:
        if self.record is None:
            return None
        return ITStandardState(
            self.record.month, self.record.workplaces, self.record.compliant
        ).score

    @property
    def percent(self):
        if self.record is None:
            return None
        return share_percent(self.record.workplaces, self.record.compliant)


def month_overview(month: datetime.date) -> list[MonthRow]:
    """Every agency with its record for the month, or None: the group head sees at a glance
    which agencies have no data (issue 12, item 1)."""
    month = month_start(month)
    by_agency = {record.agency_id: record for record in records(month=month)}
    return [
        MonthRow(agency, by_agency.get(agency.pk))
        for agency in Agency.objects.order_by("short_name", "pk")
    ]


def agencies_without_data(month: datetime.date):
    return Agency.objects.exclude(it_standard_records__month=month_start(month)).order_by(
        "short_name", "pk"
    )
