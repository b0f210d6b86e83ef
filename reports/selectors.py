"""Reads of the region's view: the summary report (Appendix 13), the dashboard, the findings,
the generated documents and the knowledge base. Each runs a fixed number of queries whatever
the number of agencies and audits: aggregation and window functions in the database, plain
grouping in Python, and every mean or rounding through audits.scoring."""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Window
from django.db.models.functions import Lead, RowNumber

from agencies.models import Agency, Person
from audits import scoring
from audits.choices import STEP_NUMBERS, AuditStatus
from audits.models import Audit, CorrectiveAction, Criterion, Decision, FinalScoreSheet, Score
from audits.selectors import overdue_agencies
from core import calendar
from core.filters import apply_filters
from core.i18n import shown_text
from core.periods import month_end, months_back, previous_month
from reports import metrics, permissions
from reports.choices import (
    BACKLOG_AGE_BUCKETS,
    SCORE_BANDS,
    TREND_MONTHS,
)
from reports.filters import DocumentFilter, PublicationFilter
from reports.models import GeneratedDocument, Publication
from reports.summary import SummaryRow, change_of, period_change

# --- Appendix 13: the summary report ------------------------------------------------------------


def _latest_finalised(until: datetime.date, *, step_values: bool = False):
    """Each agency's latest signed audit held on or before `until`, with the overall score of
    the agency's previous signed audit (and, when asked, the step values its final sheet
    stored at signing): one query (ROW_NUMBER and LEAD over the agency)."""
    newest_first = [F("audit__date").desc(), F("audit_id").desc()]
    return (
        FinalScoreSheet.objects.filter(audit__status=AuditStatus.FINALISED, audit__date__lte=until)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("audit__agency_id")], order_by=newest_first),
            previous=Window(
                Lead("overall"), partition_by=[F("audit__agency_id")], order_by=newest_first
            ),
        )
        .filter(rank=1)
        .values(
            "audit_id",
            "overall",
            "previous",
            agency_id=F("audit__agency_id"),
            agency_name=F("audit__agency__short_name"),
            audit_date=F("audit__date"),
            completed=F("audit__completed_steps"),
            **({"stored_steps": F("step_values")} if step_values else {}),
        )
        .order_by("agency_name", "agency_id")
    )


def _overall_by_agency(until: datetime.date) -> dict[int, Decimal | None]:
    """Each agency's state as of `until`: the overall score of its latest signed audit held on
    or before that day. One query."""
    newest_first = [F("audit__date").desc(), F("audit_id").desc()]
    return dict(
        FinalScoreSheet.objects.filter(audit__status=AuditStatus.FINALISED, audit__date__lte=until)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("audit__agency_id")], order_by=newest_first)
        )
        .filter(rank=1)
        .values_list("audit__agency_id", "overall")
    )


def summary_rows(*, month: datetime.date, agencies=None) -> list[SummaryRow]:
    """Appendix 13 as of `month` (reports.summary): every agency (of `agencies`, all by
    default), in name order, with the state as of the month's end — its latest signed audit's
    date, steps completed and overall score — and the change against the state at the end of
    the previous month (L3853), plus the change against the previous signed audit. An agency
    without a signed audit by then is listed with empty figures. Three queries."""
    end = month_end(month)
    latest = {row["agency_id"]: row for row in _latest_finalised(end)}
    before = _overall_by_agency(month_end(previous_month(month)))
    agencies = Agency.objects.all() if agencies is None else agencies
    rows = []
    for agency_id, name in agencies.order_by("short_name", "pk").values_list("pk", "short_name"):
        row = latest.get(agency_id)
        if row is None:
            rows.append(SummaryRow(agency=agency_id, agency_name=name))
            continue
        rows.append(
            SummaryRow(
                agency=agency_id,
                agency_name=name,
                audit=row["audit_id"],
                audit_date=row["audit_date"],
                completed_steps=len(row["completed"] or []),
                overall=scoring.display(row["overall"]),
                change=period_change(row["overall"], before.get(agency_id)),
                change_since_previous_audit=change_of(row["overall"], row["previous"]),
            )
        )
    return rows


# --- the group's values of the criteria the auditors scored, for many audits at once ----------


def scored_values(audits) -> dict:
    """For each of `audits` (signed Audit instances), the group's value of every criterion the
    auditors scored — the mean, or the collegial decision where the scores diverge (§5.6),
    through audits.scoring — with the auditors' scores: {audit_id: [(Criterion, value,
    {auditor_id: score})]}. Three queries whatever the number of audits.

    Only what the sheets hold is read: the auditors score exactly the criteria that count
    (the rule lives in audits), and criterion 4.3 is left out, being scored from the IT
    department's data, not by the auditors (Appendix 12, footnote (3), L3817)."""
    audits = list(audits)
    if not audits:
        return {}
    ids = [audit.pk for audit in audits]
    criteria = {
        criterion.pk: criterion
        for criterion in Criterion.objects.filter(
            version_id__in={audit.checklist_id for audit in audits}, external_data=False
        ).order_by("step_number", "position")
    }
    scores: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for audit_id, auditor_id, criterion_id, score in Score.objects.filter(
        sheet__audit_id__in=ids, score__isnull=False, criterion_id__in=list(criteria)
    ).values_list("sheet__audit_id", "sheet__auditor_id", "criterion_id", "score"):
        if score is not None:
            scores[audit_id][criterion_id][auditor_id] = score
    decisions: dict[int, dict[int, int]] = defaultdict(dict)
    for audit_id, criterion_id, score in Decision.objects.filter(
        final_sheet__audit_id__in=ids
    ).values_list("final_sheet__audit_id", "criterion_id", "score"):
        decisions[audit_id][criterion_id] = score
    result = {}
    for audit in audits:
        given = scores[audit.pk]
        scored = [criteria[pk] for pk in criteria if pk in given]
        numbers = scoring.final_sheet(
            criteria=[(c.code, c.step_number) for c in scored],
            applicable={c.code for c in scored},
            scores={c.code: given[c.pk] for c in scored},
            decisions={
                c.code: decisions[audit.pk][c.pk] for c in scored if c.pk in decisions[audit.pk]
            },
            steps=audit.completed_steps,
        )
        result[audit.pk] = [(c, numbers.criteria[c.code].value, given[c.pk]) for c in scored]
    return result


# --- the governor's dashboard --------------------------------------------------------------------


def score_class(value) -> str:
    if value is None:
        return ""
    for lower, css in SCORE_BANDS:
        if value >= Decimal(str(lower)):
            return css
    return ""


def _overdue_actions_by_agency(today):
    return dict(
        CorrectiveAction.objects.filter(actual_date__isnull=True, planned_date__lt=today)
        .values_list("plan__audit__agency_id")
        .annotate(count=Count("pk"))
        .values_list("plan__audit__agency_id", "count")
    )


def _trend_points(until, months):
    """Each agency's overall score as of each month's end over `months` months (carried
    forward from its latest signed audit), and the region's mean of those. One query."""
    columns = months_back(until, months)
    ends = [month_end(column) for column in columns]
    history = defaultdict(list)
    for agency_id, day, overall in (
        FinalScoreSheet.objects.filter(
            audit__status=AuditStatus.FINALISED, audit__date__lte=ends[-1], overall__isnull=False
        )
        .order_by("audit__date", "audit_id")
        .values_list("audit__agency_id", "audit__date", "overall")
    ):
        history[agency_id].append((day, overall))
    per_agency = {}
    for agency_id, events in history.items():
        values, position, current = [], 0, None
        for end in ends:
            while position < len(events) and events[position][0] <= end:
                current = events[position][1]
                position += 1
            values.append(current)
        per_agency[agency_id] = values
    region = [
        scoring.mean(values[index] for values in per_agency.values()) for index in range(len(ends))
    ]
    return columns, per_agency, region


def _signed_step_values(latest) -> dict:
    """{audit_id: {step: value shown}} for the signed audits of `latest` (rows of
    _latest_finalised with their stored step values): the «значение шага» each final sheet
    stored at signing (six places; audits migration 0011 stored those of sheets signed
    earlier), shown to two places half up."""
    return {
        row["audit_id"]: {
            int(number): scoring.display(Decimal(value))
            for number, value in row["stored_steps"].items()
        }
        for row in latest
    }


def dashboard(*, today: datetime.date | None = None, months: int = TREND_MONTHS) -> dict:
    """The region table (agencies × steps of each agency's latest signed audit, coloured by
    score; ranking; steps completed; the change against the state at the previous month's end,
    as in Appendix 13 (reports.summary); overdue audits and corrective actions) and the trend of
    the overall score per agency and for the region. Five queries whatever the size of the
    region."""
    today = today or calendar.today()
    latest = {row["agency_id"]: row for row in _latest_finalised(today, step_values=True)}
    step_values = _signed_step_values(latest.values())
    overdue = {item["agency"].pk: item for item in overdue_agencies(today=today)}
    overdue_actions = _overdue_actions_by_agency(today)
    columns, trends, region = _trend_points(today, max(months, 2))
    before = {agency_id: values[-2] for agency_id, values in trends.items()}
    if months < 2:
        columns, region = columns[-months:], region[-months:]
        trends = {agency_id: values[-months:] for agency_id, values in trends.items()}
    agencies = list(Agency.objects.order_by("short_name", "pk").only("pk", "short_name"))
    rows = []
    for agency in agencies:
        row = latest.get(agency.pk)
        values = step_values.get(row["audit_id"], {}) if row else {}
        overall = scoring.display(row["overall"]) if row else None
        steps = []
        for number in STEP_NUMBERS:
            value = values.get(number)
            steps.append({"number": number, "value": value, "css": score_class(value)})
        rows.append(
            {
                "agency": agency,
                "audit": row["audit_id"] if row else None,
                "audit_date": row["audit_date"] if row else None,
                "completed_steps": len(row["completed"] or []) if row else None,
                "steps": steps,
                "overall": overall,
                "overall_css": score_class(overall),
                # L3853, as in the summary: against the state at the previous month's end
                # (the trend's last column but one).
                "change": period_change(row["overall"], before.get(agency.pk)) if row else None,
                "change_since_previous_audit": change_of(row["overall"], row["previous"])
                if row
                else None,
                "overdue_audit": agency.pk in overdue,
                "audit_due": overdue[agency.pk]["due"] if agency.pk in overdue else None,
                "overdue_actions": overdue_actions.get(agency.pk, 0),
                "trend": trends.get(agency.pk, [None] * len(columns)),
            }
        )
    ranked = sorted(
        (row for row in rows if row["overall"] is not None), key=lambda row: -row["overall"]
    )
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        if row["overall"] != previous:
            rank, previous = position, row["overall"]
        row["rank"] = rank
    rows.sort(key=lambda row: (row.get("rank") or 10**9, row["agency"].short_name))
    return {
        "today": today,
        "rows": rows,
        "months": columns,
        "region_trend": [scoring.display(value) for value in region],
        "audited": len(ranked),
        "region_overall": scoring.display(scoring.mean(row["overall"] for row in ranked)),
        "overdue_audits": sum(1 for row in rows if row["overdue_audit"]),
        "overdue_actions": sum(row["overdue_actions"] for row in rows),
    }


# --- findings ---------------------------------------------------------------------------------


def recurring_remarks(*, agency_ids=None, since: datetime.date | None = None) -> list[dict]:
    """Per agency, the criteria with remarks (auditors' notes, Appendix 12 «Примечания») in
    consecutive signed audits up to the latest one. Two queries."""
    audits = Audit.objects.filter(status=AuditStatus.FINALISED)
    if agency_ids is not None:
        audits = audits.filter(agency_id__in=agency_ids)
    if since is not None:
        audits = audits.filter(date__gte=since)
    sequence = defaultdict(list)
    names = {}
    for audit_id, agency_id, name, day in audits.order_by("date", "pk").values_list(
        "pk", "agency_id", "agency__short_name", "date"
    ):
        sequence[agency_id].append((audit_id, day))
        names[agency_id] = name
    # audit -> code -> notes
    remarks: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    titles = {}
    for audit_id, code, title, title_en, note in (
        Score.objects.filter(sheet__audit__in=audits)
        .exclude(note="")
        .order_by("sheet__auditor__full_name")
        .values_list(
            "sheet__audit_id", "criterion__code", "criterion__title", "criterion__title_en", "note"
        )
    ):
        if note not in remarks[audit_id][code]:  # auditors often write the same remark
            remarks[audit_id][code].append(note)
        titles[code] = shown_text(title, title_en)
    result: list[dict[str, Any]] = []
    for agency_id, audit_list in sequence.items():
        latest_id, latest_day = audit_list[-1]
        items: list[dict[str, Any]] = []
        for code, notes in remarks[latest_id].items():
            streak = 0
            for audit_id, _day in reversed(audit_list):
                if code not in remarks[audit_id]:
                    break
                streak += 1
            if streak >= 2:
                items.append(
                    {"code": code, "title": titles[code], "streak": streak, "notes": notes}
                )
        if items:
            items.sort(key=lambda item: (-item["streak"], _code_key(item["code"])))
            result.append(
                {
                    "agency_id": agency_id,
                    "agency": names[agency_id],
                    "date": latest_day,
                    "items": items,
                }
            )
    result.sort(key=lambda entry: (-len(entry["items"]), entry["agency"]))
    return result


def _code_key(code):
    return tuple(int(part) for part in code.strip(".").split(".") if part.isdigit())


def action_backlog(*, today: datetime.date | None = None, agency_ids=None) -> dict:
    """Open corrective actions (Appendix 30 rows without an actual date) per agency, by age in
    days since the audit that raised them, plus how many are past their planned date. One
    query."""
    today = today or calendar.today()
    annotations = {}
    labels = []
    for index, (low, high) in enumerate(BACKLOG_AGE_BUCKETS):
        condition = Q(plan__audit__date__lte=today - datetime.timedelta(days=low))
        if high is not None:
            condition &= Q(plan__audit__date__gte=today - datetime.timedelta(days=high))
        annotations[f"age_{index}"] = Count("pk", filter=condition)
        labels.append((low, high))
    queryset = CorrectiveAction.objects.filter(actual_date__isnull=True)
    if agency_ids is not None:
        queryset = queryset.filter(plan__audit__agency_id__in=agency_ids)
    rows: list[Any] = list(
        queryset.values("plan__audit__agency_id", "plan__audit__agency__short_name")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(planned_date__lt=today)),
            **annotations,
        )
        .order_by("-total", "plan__audit__agency__short_name")
    )
    return {
        "buckets": labels,
        "rows": [
            {
                "agency_id": row["plan__audit__agency_id"],
                "agency": row["plan__audit__agency__short_name"],
                "total": row["total"],
                "overdue": row["overdue"],
                "ages": [row[f"age_{index}"] for index in range(len(labels))],
            }
            for row in rows
        ],
    }


def auditor_consistency(*, since: datetime.date, until: datetime.date) -> dict:
    """For the working group head's calibration: per auditor, the mean deviation of their
    scores from the group's criterion values in the final sheets of the period's signed
    audits and the share of criteria more than 1 point away; and Krippendorff's alpha (ordinal)
    over all those scores. Five queries."""
    audits = list(
        Audit.objects.filter(status=AuditStatus.FINALISED, date__gte=since, date__lte=until).only(
            "pk", "checklist_id", "completed_steps"
        )
    )
    observations, units = [], []
    for values in scored_values(audits).values():
        for _criterion, value, given in values:
            units.append(given)
            for auditor_id, score in given.items():
                observations.append((auditor_id, score, value))
    people = {
        person.pk: person
        for person in Person.objects.filter(pk__in={auditor for auditor, *_ in observations})
    }
    rows = []
    for entry in metrics.auditor_consistency(observations):
        rows.append(
            {
                "auditor": people.get(entry.auditor),
                "scored": entry.scored,
                "mean_deviation": scoring.display(entry.mean_deviation),
                "mean_abs_deviation": scoring.display(entry.mean_abs_deviation),
                "divergent": entry.divergent,
                "divergent_share": scoring.display(entry.divergent_share * 100),
            }
        )
    rows.sort(key=lambda row: (-row["mean_abs_deviation"], str(row["auditor"])))
    alpha = metrics.krippendorff_alpha(units)
    return {
        "since": since,
        "until": until,
        "audits": len(audits),
        "rows": rows,
        "alpha": None if alpha is None else Decimal(str(round(alpha, 3))),
        "units": len(units),
    }


# --- generated documents and the knowledge base ----------------------------------------------


def document_list(*, user, filters=None):
    """The generated documents `user` may see, filtered by DocumentFilter (`filters`: a
    QueryDict or a dict)."""
    queryset = permissions.visible_documents(user).select_related("audit__agency", "created_by")
    return apply_filters(DocumentFilter, filters, queryset).order_by("-created_at", "-pk")


def document_detail(*, user, pk) -> GeneratedDocument:
    return permissions.visible_documents(user).select_related("audit__agency").get(pk=pk)


def publication_list(*, user, filters=None):
    """The «ДИАрама» entries `user` may see, filtered by PublicationFilter."""
    queryset = permissions.visible_publications(user).select_related("agency", "document")
    return apply_filters(PublicationFilter, filters, queryset).order_by(
        "-period", "kind", "title", "-pk"
    )


def publication_detail(*, user, pk) -> Publication:
    return permissions.visible_publications(user).select_related("document").get(pk=pk)
