"""Reads of the region's view: the summary report (Appendix 13), the dashboard, the findings,
the generated documents and the knowledge base. Each runs a fixed number of queries whatever
the number of agencies and audits: aggregation and window functions in the database, plain
grouping in Python, and every mean or rounding through audits.scoring."""

import datetime
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Cast, JSONObject, Rank, Round

from agencies.models import Agency, Person
from audits import scoring
from audits.choices import STEP_NUMBERS, AuditStatus
from audits.models import (
    Audit,
    CorrectiveAction,
    Criterion,
    Decision,
    FinalScoreSheet,
    RegionMonth,
    Score,
)
from audits.selectors import overdue_audit_dues
from core import calendar
from core.filters import apply_filters
from core.i18n import shown_text
from core.periods import month_end, months_back, previous_month
from reports import metrics, permissions
from reports.choices import (
    BACKLOG_AGE_BUCKETS,
    SCORE_BANDS,
    TREND_MONTHS,
    DashboardSort,
)
from reports.filters import DocumentFilter, PublicationFilter
from reports.models import GeneratedDocument, Publication
from reports.summary import SummaryRow, change_of, period_change


class JsonArrayLength(Func):
    """The number of elements of a JSON array (the steps an audit recorded as completed)."""

    function = "jsonb_array_length"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="json_array_length", **extra_context)


# --- Appendix 13: the summary report ------------------------------------------------------------


def _signed_until(day: datetime.date):
    """The signed audits of the outer agency held on or before `day`, newest first: read from
    the (agency_id, date) index (one audit per agency and date, so the date orders them), a
    top-1 per agency costs one index probe whatever the length of history (issue 18)."""
    return Audit.objects.filter(
        status=AuditStatus.FINALISED, agency_id=OuterRef("pk"), date__lte=day
    ).order_by("-date")


def summary_rows(*, month: datetime.date, agencies=None) -> list[SummaryRow]:
    """Appendix 13 as of `month` (reports.summary): every agency (of `agencies`, all by
    default), in name order, with the state as of the month's end — its latest signed audit's
    date, steps completed and overall score — and the change against the state at the end of
    the previous month (L3853), plus the change against the previous signed audit. An agency
    without a signed audit by then is listed with empty figures.

    One query whose cost follows the number of agencies, not the length of history: per
    agency, three probes of the (agency_id, date) index — the latest audit as of the month's
    end, the one before it, the latest as of the previous month's end. On PostgreSQL it is a
    LATERAL join (issue 18: the benchmark's floor, with nothing on top but making the rows);
    elsewhere (the embedded SQLite) the same probes as correlated subqueries
    (`_summary_states_orm`; a test holds the two to the same rows)."""
    end, before = month_end(month), month_end(previous_month(month))
    if connection.vendor == "postgresql":
        states = _summary_states_lateral(end, before, agencies)
    else:
        states = _summary_states_orm(end, before, agencies)
    rows = []
    for agency_id, name, audit_id, day, steps, overall, state_before, previous in states:
        if audit_id is None:
            rows.append(SummaryRow(agency=agency_id, agency_name=name))
            continue
        shown = scoring.display(overall)
        rows.append(
            SummaryRow(
                agency=agency_id,
                agency_name=name,
                audit=audit_id,
                audit_date=day,
                completed_steps=steps,
                overall=shown,
                # The changes are of the scores as shown (reports.summary): rounding `shown`
                # again leaves it as it is.
                change=period_change(shown, state_before),
                change_since_previous_audit=change_of(shown, previous),
            )
        )
    return rows


_SUMMARY_LATERAL = """
SELECT g.id, g.short_name, l.id, l.date, l.steps, l.overall, b.overall, p.overall
FROM {agency} g
LEFT JOIN LATERAL (
    SELECT a.id, a.date, jsonb_array_length(a.completed_steps) AS steps, f.overall
    FROM {audit} a LEFT JOIN {sheet} f ON f.audit_id = a.id
    WHERE a.agency_id = g.id AND a.status = %s AND a.date <= %s
    ORDER BY a.date DESC LIMIT 1
) l ON true
LEFT JOIN LATERAL (
    SELECT f.overall
    FROM {audit} a LEFT JOIN {sheet} f ON f.audit_id = a.id
    WHERE a.agency_id = g.id AND a.status = %s AND a.date <= %s
    ORDER BY a.date DESC LIMIT 1
) b ON true
LEFT JOIN LATERAL (
    SELECT f.overall
    FROM {audit} a LEFT JOIN {sheet} f ON f.audit_id = a.id
    WHERE a.agency_id = g.id AND a.status = %s AND a.date < l.date
    ORDER BY a.date DESC LIMIT 1
) p ON true
{chosen}
ORDER BY g.short_name, g.id
"""


def _summary_states_lateral(end, before, agencies) -> list[tuple]:
    """(agency, name, audit, date, steps, overall, overall at the previous month's end,
    overall of the audit before) per agency, in name order: the LATERAL top-1s. The order by
    date alone suffices (one audit per agency and date) and lets each probe stop at its first
    index row. Every agency when `agencies` is None: the whole region, without the semi-join
    on the agencies' own table that a queryset of all of them would add."""
    chosen, chosen_params = "", ()
    if agencies is not None:
        subquery, chosen_params = agencies.values("pk").query.sql_with_params()
        chosen = f"WHERE g.id IN ({subquery})"
    sql = _SUMMARY_LATERAL.format(
        agency=Agency._meta.db_table,
        audit=Audit._meta.db_table,
        sheet=FinalScoreSheet._meta.db_table,
        chosen=chosen,
    )
    signed = AuditStatus.FINALISED.value
    with connection.cursor() as cursor:
        cursor.execute(sql, [signed, end, signed, before, signed, *chosen_params])
        return cursor.fetchall()


def _summary_states_orm(end, before, agencies) -> list[tuple]:
    """The same rows as _summary_states_lateral through correlated subqueries (no LATERAL in
    SQLite): the latest audit's fields in one probe (a JSON object, the overall score as text
    so the Decimal is read exactly), the audit before it, the state at the previous month's
    end."""
    latest = _signed_until(end)
    agencies = Agency.objects.all() if agencies is None else agencies
    listed = agencies.order_by("short_name", "pk").annotate(
        latest=Subquery(
            latest.annotate(
                state=JSONObject(
                    id="pk",
                    date="date",
                    steps=JsonArrayLength("completed_steps"),
                    overall=Cast("final_sheet__overall", CharField()),
                )
            ).values("state")[:1]
        ),
        previous=Subquery(latest.values("final_sheet__overall")[1:2]),
        state_before=Subquery(_signed_until(before).values("final_sheet__overall")[:1]),
    )
    states: list[tuple] = []
    for agency_id, name, state, previous, state_before in listed.values_list(
        "pk", "short_name", "latest", "previous", "state_before"
    ):
        if state is None:
            states.append((agency_id, name, None, None, None, None, None, None))
            continue
        states.append(
            (
                agency_id,
                name,
                state["id"],
                datetime.date.fromisoformat(state["date"]),
                state["steps"],
                Decimal(state["overall"]) if state["overall"] is not None else None,
                state_before,
                previous,
            )
        )
    return states


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


def _overdue_actions(today, agency_ids) -> tuple[dict[int, int], int]:
    """The overdue corrective actions of each of `agency_ids` (the page's rows), and of the
    whole region (every action belongs to one agency's audit, so the region's figure is their
    plain count). Counting per agency for the whole region joined every audit of history: 110 ms
    at 10,000 agencies (issue 18)."""
    overdue = CorrectiveAction.objects.filter(actual_date__isnull=True, planned_date__lt=today)
    by_agency = dict(
        overdue.filter(plan__audit__agency_id__in=agency_ids)
        .values_list("plan__audit__agency_id")
        .annotate(count=Count("pk"))
        .values_list("plan__audit__agency_id", "count")
    )
    return by_agency, overdue.count()


def _step_values(audit_ids) -> dict[int, dict]:
    """The step values of the final sheets of `audit_ids` (the page's rows): read for the page
    only, since joining them into the ranking query read every audit of history for every
    agency before the page was cut (200 ms at 10,000 agencies, issue 18)."""
    return dict(
        FinalScoreSheet.objects.filter(audit_id__in=audit_ids).values_list(
            "audit_id", "step_values"
        )
    )


def _state_columns(today: datetime.date, *, present: bool) -> dict[str, Any]:
    """Each agency's latest signed audit as columns of an Agency query: for the present, the
    state signing keeps (audits.state, one row per agency); for a day in the past, a top-1 per
    agency of the audits held by then (an index probe each)."""
    if present:
        return {
            "s_audit": F("signed_state__audit_id"),
            "s_date": F("signed_state__date"),
            "s_steps": F("signed_state__completed_steps"),
            "s_overall": F("signed_state__overall"),
            "s_previous": F("signed_state__previous_overall"),
        }
    latest = _signed_until(today)
    return {
        "s_audit": Subquery(latest.values("pk")[:1]),
        "s_date": Subquery(latest.values("date")[:1]),
        "s_steps": Subquery(
            latest.annotate(count=JsonArrayLength("completed_steps")).values("count")[:1]
        ),
        "s_overall": Subquery(latest.values("final_sheet__overall")[:1]),
        "s_previous": Subquery(latest.values("final_sheet__overall")[1:2]),
    }


def _agency_trends(agency_ids, ends) -> dict[int, list]:
    """The overall score of each of `agency_ids` as of each of `ends` (month ends, oldest
    first), carried forward from its latest signed audit with an overall score. One query: the
    audits held within the months, and (UNION ALL) each agency's state at the first month's
    end, a top-1 on the index — bounded by the agencies and the months, not by history."""
    signed = Audit.objects.filter(status=AuditStatus.FINALISED, final_sheet__overall__isnull=False)
    # No ORDER BY in either half: SQLite refuses one inside a compound statement (the models'
    # default orderings would add it), and the order is made below.
    within = (
        signed.filter(agency_id__in=agency_ids, date__gt=ends[0], date__lte=ends[-1])
        .order_by()
        .values_list("agency_id", "date", "final_sheet__overall")
    )
    first = signed.filter(agency_id=OuterRef("pk"), date__lte=ends[0]).order_by("-date")
    carried = (
        Agency.objects.filter(pk__in=agency_ids)
        .annotate(
            day=Subquery(first.values("date")[:1]),
            overall=Subquery(first.values("final_sheet__overall")[:1]),
        )
        .order_by()
        .values_list("pk", "day", "overall")
    )
    history = defaultdict(list)
    for agency_id, day, overall in within.union(carried, all=True):
        if day is not None:
            history[agency_id].append((day, overall))
    trends = {}
    for agency_id in agency_ids:
        events = sorted(history.get(agency_id, []))
        values, position, current = [], 0, None
        for end in ends:
            while position < len(events) and events[position][0] <= end:
                current = events[position][1]
                position += 1
            values.append(current)
        trends[agency_id] = values
    return trends


def _region_trend(columns) -> list:
    """The region's mean overall score as of each month's end of `columns` (oldest first): the
    monthly figures signing keeps (audits.state.models.RegionMonth), a later month being as the
    last one held. One query of len(columns) rows."""
    held = {
        month: (audited, total)
        for month, audited, total in RegionMonth.objects.filter(month__lte=columns[-1])
        .order_by("-month")
        .values_list("month", "audited", "total")[: len(columns)]
    }
    newest = max(held) if held else None
    values: list[Decimal | None] = []
    for column in columns:
        figures = held.get(column) or (held[newest] if newest and column > newest else None)
        if not figures or not figures[0]:
            values.append(None)
        else:
            values.append(scoring.display(Fraction(figures[1]) / figures[0]))
    return values


def _mean_shown(total, count):
    """The region's overall score: the mean of the agencies' overall scores as shown (two
    places), from their sum and number computed in the database."""
    if not count:
        return None
    return scoring.display(Fraction(total) / count)


def dashboard(
    *,
    today: datetime.date | None = None,
    months: int = TREND_MONTHS,
    steps: int | None = None,
    sort: str = DashboardSort.RANK,
    page: int = 1,
    page_size: int | None = None,
) -> dict:
    """The region table (agencies × steps of each agency's latest signed audit, coloured by
    score; ranking within the agencies that completed the same number of steps — an overall
    score over one step does not compare with one over five; steps completed; the change
    against the state at the previous month's end, as in Appendix 13 (reports.summary);
    overdue audits and corrective actions), one page of it (`page_size` rows, every row when
    None), optionally only the agencies with `steps` steps completed; the region's headline
    figures computed in the database, the trend of the overall score of the rows shown and of
    the region (audits.state).

    Seven queries whatever the size of the region and the length of history (eight with a
    filter): the page with its ranks and the region's figures (window functions), overdue
    audits, the page's overdue actions and the region's count of them, the page's step values,
    the page's trends, the region's months."""
    present = today is None or today >= calendar.today()
    today = today or calendar.today()
    columns = months_back(today, max(months, 2))
    ends = [month_end(column) for column in columns]
    # Annotated from a dict of columns, which the type checker cannot follow: Any.
    agencies: Any = Agency.objects.annotate(**_state_columns(today, present=present)).annotate(
        shown=Round("s_overall", 2)
    )
    if steps is not None:
        agencies = agencies.filter(s_steps=steps)
    ranked = agencies.annotate(
        rank=Window(Rank(), partition_by=[F("s_steps")], order_by=F("shown").desc(nulls_last=True)),
        listed=Window(Count("pk")),
        audited=Window(Count("shown")),
        shown_total=Window(Sum("shown")),
    ).only("pk", "short_name")
    if sort == DashboardSort.NAME:
        ranked = ranked.order_by("short_name", "pk")
    else:
        ranked = ranked.order_by(
            F("s_steps").desc(nulls_last=True), F("shown").desc(nulls_last=True), "short_name", "pk"
        )
    page = max(page, 1)
    window = ranked if page_size is None else ranked[(page - 1) * page_size : page * page_size]
    shown_agencies: list[Any] = list(window)
    if not shown_agencies and page > 1:
        return dashboard(
            today=today, months=months, steps=steps, sort=sort, page=1, page_size=page_size
        )
    if steps is None:
        first = shown_agencies[0] if shown_agencies else None
        region = {
            "listed": first.listed if first else 0,
            "audited": first.audited if first else 0,
            "shown_total": first.shown_total if first else None,
        }
    else:
        region = Agency.objects.annotate(**_state_columns(today, present=present)).aggregate(
            listed=Count("pk"),
            audited=Count(Round("s_overall", 2)),
            shown_total=Sum(Round("s_overall", 2)),
        )
    overdue = overdue_audit_dues(today=today, kept_state=present)
    shown_ids = [agency.pk for agency in shown_agencies]
    overdue_actions, overdue_actions_total = _overdue_actions(today, shown_ids)
    step_values = _step_values([agency.s_audit for agency in shown_agencies if agency.s_audit])
    trends = _agency_trends(shown_ids, ends)
    rows = []
    for agency in shown_agencies:
        signed = agency.s_audit is not None
        overall = scoring.display(agency.s_overall) if signed else None
        values = {
            int(number): scoring.display(Decimal(value))
            for number, value in (step_values.get(agency.s_audit) or {}).items()
        }
        trend = trends[agency.pk]
        rows.append(
            {
                "agency": agency,
                "audit": agency.s_audit,
                "audit_date": agency.s_date,
                "completed_steps": agency.s_steps if signed else None,
                "steps": [
                    {"number": n, "value": values.get(n), "css": score_class(values.get(n))}
                    for n in STEP_NUMBERS
                ],
                "overall": overall,
                "overall_css": score_class(overall),
                "rank": agency.rank if overall is not None else None,
                # L3853, as in the summary: against the state at the previous month's end
                # (the trend's last column but one).
                "change": period_change(agency.s_overall, trend[-2]) if signed else None,
                "change_since_previous_audit": change_of(agency.s_overall, agency.s_previous)
                if signed
                else None,
                "overdue_audit": agency.pk in overdue,
                "audit_due": overdue.get(agency.pk),
                "overdue_actions": overdue_actions.get(agency.pk, 0),
                "trend": trend[-months:],
            }
        )
    listed = shown_agencies[0].listed if shown_agencies else 0
    size = page_size or max(listed, 1)
    return {
        "today": today,
        "rows": rows,
        "months": columns[-months:],
        "region_trend": _region_trend(columns)[-months:],
        "agencies": region["listed"],
        "audited": region["audited"],
        "region_overall": _mean_shown(region["shown_total"], region["audited"]),
        "overdue_audits": len(overdue),
        "overdue_actions": overdue_actions_total,
        "steps": steps,
        "sort": sort,
        "count": listed,
        "page": page,
        "page_size": size,
        "pages": max(1, -(-listed // size)),
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
