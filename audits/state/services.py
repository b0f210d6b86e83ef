"""Writes of the region's state (audits.state.models): kept current when a final sheet is signed
(in the signing transaction) and rebuilt from the signed sheets by
`manage.py rebuild_region_state` and by the migration that added it."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F

from audits.choices import AuditStatus
from audits.models import AgencyState, Audit, FinalScoreSheet, RegionMonth
from audits.state import rules

# PostgreSQL advisory lock of the region's state: simultaneous signings update it one after
# the other (SQLite writes one transaction at a time anyway).
_REGION_LOCK = 5_180_018


def _signed(audit_model):
    return audit_model.objects.filter(status=AuditStatus.FINALISED)


def _as_signed(row) -> rules.SignedAudit:
    audit_id, agency_id, day, steps, overall = row
    return rules.SignedAudit(
        audit=audit_id,
        agency=agency_id,
        date=day,
        completed_steps=len(steps or []),
        overall=overall,
    )


_FIELDS = ("pk", "agency_id", "date", "completed_steps", "final_sheet__overall")


def _state_fields(state: rules.State) -> dict:
    return {
        "audit_id": state.audit,
        "date": state.date,
        "completed_steps": state.completed_steps,
        "overall": state.overall,
        "previous_overall": state.previous_overall,
    }


def agency_state_refresh(*, agency_id: int, audit_model=None, state_model=None) -> None:
    """Recompute one agency's state from its two latest signed audits (two index rows)."""
    audit_model = audit_model or Audit
    state_model = state_model or AgencyState
    newest = [
        _as_signed(row)
        for row in _signed(audit_model)
        .filter(agency_id=agency_id)
        .order_by("-date", "-pk")
        .values_list(*_FIELDS)[:2]
    ]
    state = rules.latest_state(newest)
    if state is None:
        state_model.objects.filter(agency_id=agency_id).delete()
        return
    state_model.objects.update_or_create(agency_id=agency_id, defaults=_state_fields(state))


def _lock_region() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_REGION_LOCK])


@transaction.atomic
def record_signed(*, audit) -> None:
    """The state after `audit`'s final sheet was signed (called by final_sheet_finalise in its
    transaction): the agency's latest state, and the region's figures at the end of every month
    whose state the audit changes — from its month until the agency's next signed audit (a
    paper audit of the past may be signed after later ones), each by the same difference."""
    # One signing at a time updates the state (two audits of one agency signed at once would
    # both create its row); the lock is held until the signing commits.
    _lock_region()
    agency_state_refresh(agency_id=audit.agency_id)
    overall = (
        FinalScoreSheet.objects.filter(audit_id=audit.pk).values_list("overall", flat=True).first()
    )
    if overall is None:
        return
    others = (
        _signed(Audit)
        .filter(agency_id=audit.agency_id, final_sheet__overall__isnull=False)
        .exclude(pk=audit.pk)
    )
    before = (
        others.filter(date__lt=audit.date)
        .order_by("-date", "-pk")
        .values_list("final_sheet__overall", flat=True)
        .first()
    )
    next_signed = (
        others.filter(date__gt=audit.date).order_by("date", "pk").values_list("date", flat=True)
    ).first()
    first_month = audit.date.replace(day=1)
    bounds = list(RegionMonth.objects.order_by("month").values_list("month", "audited", "total"))
    if not bounds:
        RegionMonth.objects.create(month=first_month)
        last = first_month
    else:
        first, last = bounds[0][0], bounds[-1][0]
        missing = []
        if first_month < first:
            # No agency had a signed audit by the end of these months.
            missing += [
                RegionMonth(month=month)
                for month in rules.month_range(first_month, first)
                if month < first
            ]
        if first_month > last:
            # As the last month: nothing was signed after it.
            _month, audited, total = bounds[-1]
            missing += [
                RegionMonth(month=month, audited=audited, total=total)
                for month in rules.month_range(last, first_month)
                if month > last
            ]
            last = first_month
        RegionMonth.objects.bulk_create(missing)
    months = rules.affected_months(signed=audit.date, next_signed=next_signed, last=last)
    if months:
        RegionMonth.objects.filter(month__gte=months[0], month__lte=months[-1]).update(
            audited=F("audited") + (0 if before is not None else 1),
            total=F("total") + (overall - (before or Decimal(0))),
        )


def rebuild(*, audit_model=None, state_model=None, month_model=None) -> tuple[int, int]:
    """Every agency's state and the region's monthly figures recomputed from the signed audits
    and their final sheets (the command and the migration call it; the models may be a
    migration's). Returns (agency states, months)."""
    audit_model = audit_model or Audit
    state_model = state_model or AgencyState
    month_model = month_model or RegionMonth
    signed = [
        _as_signed(row)
        for row in _signed(audit_model)
        .order_by("agency_id", "-date", "-pk")
        .values_list(*_FIELDS)
        .iterator(chunk_size=10_000)
    ]
    newest_by_agency: dict[int, list[rules.SignedAudit]] = {}
    for audit in signed:
        newest_by_agency.setdefault(audit.agency, []).append(audit)
    states = []
    for agency_id, newest in newest_by_agency.items():
        state = rules.latest_state(newest)
        assert state is not None
        states.append(state_model(agency_id=agency_id, **_state_fields(state)))
    figures = rules.region_months(signed)
    with transaction.atomic():
        _lock_region()
        state_model.objects.all().delete()
        month_model.objects.all().delete()
        state_model.objects.bulk_create(states, batch_size=5_000)
        month_model.objects.bulk_create(
            [
                month_model(month=month, audited=audited, total=total)
                for month, (audited, total) in figures.items()
            ],
            batch_size=5_000,
        )
    return len(states), len(figures)
