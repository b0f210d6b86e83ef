"""Reads for the audits app, scoped to the user in the query, with a fixed number of queries."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery

from agencies import cadence
from agencies.choices import DeploymentState
from agencies.models import Agency, Person, Room, WorkingGroup
from audits import permissions, rules, scoring
from audits.choices import (
    STEP_NAMES,
    AuditStatus,
    PlanStatus,
    SheetStatus,
    Unscored,
)
from audits.filters import AuditFilter, PlanFilter
from audits.final_sheet import (
    Auditor,
    CriterionRow,
    FinalSheet,
    ITRecord,
    SheetAudit,
    Signature,
    StepRow,
    Voter,
)
from audits.itdata import selectors as it_selectors
from audits.models import (
    Audit,
    ChecklistVersion,
    CorrectiveAction,
    CorrectiveActionPlan,
    Criterion,
    Decision,
    FinalScoreSheet,
    InternalAudit,
    InternalScore,
    Photo,
    Score,
    ScoreSheet,
)
from core import calendar
from core.filters import apply_filters
from core.periods import format_month, month_start, months_back

# --- the checklist ------------------------------------------------------------------------------


def checklist_version(version=None):
    queryset = ChecklistVersion.objects.prefetch_related("steps", "criteria")
    if version:
        return queryset.get(version=version)
    found = queryset.order_by("-version").first()
    if found is None:
        raise ChecklistVersion.DoesNotExist
    return found


def checklist_data(version: ChecklistVersion) -> dict:
    """The body of GET /api/v1/checklist/ (and the fixture's own shape)."""
    criteria = sorted(version.criteria.all(), key=lambda c: (c.step_number, c.position))
    return {
        "version": version.version,
        "title": version.title,
        "steps": [
            {
                "number": step.number,
                "name": step.name,
                "criteria": [
                    {
                        "code": c.code,
                        "title": c.title,
                        "common_areas_only": c.common_areas_only,
                        "external_data": c.external_data,
                        "indicators": c.indicators,
                    }
                    for c in criteria
                    if c.step_id == step.pk
                ],
            }
            for step in sorted(version.steps.all(), key=lambda s: s.number)
        ],
    }


# --- audits ---------------------------------------------------------------------------------------


def audit_list(*, user, filters=None):
    """The audits the user may see, newest first, narrowed by `filters` (the query string:
    `agency`, `status`) through AuditFilter, the one filter of the page and the API (a malformed
    value: ApplicationError naming it)."""
    queryset = (
        permissions.visible_audits(user)
        .select_related("agency", "final_sheet")
        .annotate(
            auditor_count=Count("sheets", distinct=True),
            submitted_count=Count(
                "sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED), distinct=True
            ),
        )
        .order_by("-date", "-pk")
    )
    return apply_filters(AuditFilter, filters, queryset)


def audit_detail(*, user, pk):
    return (
        permissions.visible_audits(user)
        .select_related("agency__head", "checklist", "final_sheet", "planned_by")
        .prefetch_related(
            Prefetch(
                "sheets",
                queryset=ScoreSheet.objects.select_related("auditor").order_by(
                    "auditor__full_name"
                ),
            )
        )
        .get(pk=pk)
    )


def sheet_detail(*, user, audit_pk, auditor_id) -> ScoreSheet:
    """One auditor's sheet of an audit the user may see, with its audit (agency, checklist)
    and auditor: one query. The sheet endpoints (read, save, hand in, the offline XLSX) used
    audit_detail, which also reads the audit's head, planner, final sheet and every sheet: 23
    of a GET sheet's 32 ms on a 2-core machine, the load test's most frequent request (issue
    18). Whether the user may open this sheet is the caller's question (can_view_sheet);
    ScoreSheet.DoesNotExist when the audit is not visible or has no such auditor."""
    return (
        ScoreSheet.objects.select_related("audit__agency", "audit__checklist", "auditor")
        .filter(audit__in=permissions.visible_audits(user).values("pk"))
        .get(audit_id=audit_pk, auditor_id=auditor_id)
    )


def sheet_rows(sheet: ScoreSheet, criteria=None, *, descriptors=True):
    """The lines of an Appendix 6 sheet for the form: each criterion with its descriptors, the
    auditor's score and note, or why it is not scored. Two queries. Without `descriptors` the
    criteria's descriptor texts (both languages, JSON) are not read: the API's sheet carries
    none, and decoding them was most of its server time (19 ms of 25, issue 18's load test)."""
    audit = sheet.audit
    if criteria is None:
        queryset = Criterion.objects.filter(version_id=audit.checklist_id)
        if not descriptors:
            queryset = queryset.defer("indicators", "indicators_en")
        criteria = list(queryset.order_by("step_number", "position"))
    scores = {s.criterion_id: s for s in Score.objects.filter(sheet=sheet)}
    rows = []
    for criterion in criteria:
        score = scores.get(criterion.id)
        reason = rules.unscored_reason(audit, criterion)
        rows.append(
            {
                "criterion": criterion,
                "code": criterion.code,
                "step": criterion.step_number,
                "reason": reason,
                "reason_label": Unscored(reason).label if reason else "",
                "score": score.score if score else None,
                "note": score.note if score else "",
            }
        )
    return rows


@dataclass(frozen=True)
class ITSource:
    """Where criterion 4.3 of an audit's final sheet comes from (§8.4, L1337)."""

    score: int | None
    scored_by_auditors: bool  # a sheet signed before the IT department's record was taken
    record: ITRecord | None  # as shown and signed
    missing_month: str | None  # "YYYY-MM" when there is no record up to the audit's month


def it_source(audit: Audit, final: FinalScoreSheet | None) -> ITSource:
    """A signed sheet keeps what it signed; an unsigned one takes the record of the audit's
    month, otherwise the latest earlier month (audits.itdata.selectors.state_for_audit)."""
    if final is not None and final.is_finalised:
        score, by_auditors = rules.signed_it_source(final.it_standard)
        return ITSource(score, by_auditors, final.it_standard or None, None)
    state = it_selectors.state_for_audit(audit.agency_id, audit.date)
    if state is None:
        return ITSource(None, False, None, format_month(month_start(audit.date)))
    record = ITRecord(
        month=state.month_label,
        workplaces=state.workplaces,
        compliant=state.compliant,
        score=state.score,
    )
    return ITSource(state.score, False, record, None)


def it_scores_of(audits) -> dict[int, int | None]:
    """The 4.3 score each audit's final sheet uses, or would use if signed now (None: step 4
    not completed, or no record up to the audit's month). One query for the unsigned ones,
    none for the signed (their final_sheet selected)."""
    audits = list(audits)
    result: dict[int, int | None] = {}
    unsigned = []
    for audit in audits:
        # A missing final sheet raises RelatedObjectDoesNotExist, an AttributeError.
        final = getattr(audit, "final_sheet", None)
        if final is not None and final.is_finalised:
            result[audit.pk] = rules.signed_it_source(final.it_standard)[0]
        else:
            unsigned.append(audit)
    states = it_selectors.states_for_audits(unsigned)
    for audit in unsigned:
        state = states.get(audit.pk)
        counts = 4 in (audit.completed_steps or [])
        result[audit.pk] = state.score if state is not None and counts else None
    return result


def _voters(sheets, decisions) -> list[Voter]:
    """Everyone who may vote on a collegial decision (§5.6): the audit's auditors, then anyone
    else who voted (the group head, who decides a tie), flagged `head`."""
    head_id = WorkingGroup.objects.order_by("-pk").values_list("head_id", flat=True).first()
    voters = [
        Voter(id=sheet.auditor_id, name=sheet.auditor.full_name, head=sheet.auditor_id == head_id)
        for sheet in sheets
    ]
    known = {voter.id for voter in voters}
    others = {vote.person_id for decision in decisions for vote in decision.votes.all()} - known
    if head_id is not None and head_id not in known:
        others.add(head_id)
    for person in Person.objects.filter(pk__in=others).order_by("full_name", "pk"):
        voters.append(Voter(id=person.pk, name=person.full_name, head=person.pk == head_id))
    return voters


def final_sheet_data(audit: Audit) -> FinalSheet:
    """Everything Appendix 12 shows (audits.final_sheet.FinalSheet), in nine queries whatever
    the number of auditors and criteria: criteria × auditors, the means, decisions with votes,
    step values, the overall score, the notes, the signature. The services, the page, the
    documents (PDF/XLSX) and the API read this."""
    audit = Audit.objects.select_related("agency", "checklist", "final_sheet__signed_by").get(
        pk=audit.pk
    )
    criteria = list(
        Criterion.objects.filter(version_id=audit.checklist_id).order_by("step_number", "position")
    )
    sheets = list(
        ScoreSheet.objects.filter(audit=audit)
        .select_related("auditor")
        .order_by("auditor__full_name", "pk")
    )
    sheet_person = {sheet.pk: sheet.auditor_id for sheet in sheets}
    scores: dict[int, dict[int, int]] = {}
    notes: dict[int, dict[int, str]] = {}
    for row in Score.objects.filter(sheet__audit=audit).values(
        "sheet_id", "criterion_id", "score", "note"
    ):
        person = sheet_person[row["sheet_id"]]
        if row["score"] is not None:
            scores.setdefault(row["criterion_id"], {})[person] = row["score"]
        if row["note"]:
            notes.setdefault(row["criterion_id"], {})[person] = row["note"]
    final = audit.final_sheet
    decisions = {
        d.criterion_id: d
        for d in Decision.objects.filter(final_sheet=final).prefetch_related("votes")
    }
    it = it_source(audit, final)
    counted = rules.counted_criteria(
        audit, criteria, it_score=it.score, it_scored_by_auditors=it.scored_by_auditors
    )
    reasons = counted.reasons
    numbers = scoring.final_sheet(
        criteria=[(c.code, c.step_number) for c in criteria],
        applicable=set(counted.applicable),
        scores={c.code: scores.get(c.id, {}) for c in criteria},
        decisions={c.code: decisions[c.id].score for c in criteria if c.id in decisions},
        external=dict(counted.external),
        steps=audit.completed_steps,
    )
    voters = _voters(sheets, decisions.values())
    criteria_rows: dict[str, CriterionRow] = {}
    for c in criteria:
        result = numbers.criteria[c.code]
        decision = decisions.get(c.id)
        reason = reasons[c.code]
        criterion_notes = notes.get(c.id, {})
        criterion_scores = {
            sheet.auditor_id: scores.get(c.id, {}).get(sheet.auditor_id) for sheet in sheets
        }
        votes = {v.person_id: v.score for v in decision.votes.all()} if decision else {}
        criteria_rows[c.code] = CriterionRow(
            code=c.code,
            title=c.shown_title,
            step=c.step_number,
            footnote=3 if c.external_data else (2 if c.common_areas_only else None),
            applicable=result.applicable,
            reason=reason or "",
            reason_label=str(Unscored(reason).label) if reason else "",
            scores=criterion_scores,
            auditor_scores=tuple(criterion_scores.get(s.auditor_id) for s in sheets),
            notes=criterion_notes,
            remarks=tuple(
                criterion_notes[s.auditor_id] for s in sheets if s.auditor_id in criterion_notes
            ),
            mean=scoring.display(result.mean),
            value=scoring.display(result.value),
            value_exact=result.value,
            divergent=result.divergent,
            decided=result.decided,
            votes=votes,
            ballot=tuple((voter, votes.get(voter.id)) for voter in voters),
            external=it.record if c.code in counted.external else None,
            missing_external=c.code in counted.missing_external,
            undecided=result.undecided,
        )
    steps = tuple(
        StepRow(
            number=number,
            name=str(STEP_NAMES[number]),
            completed=number in audit.completed_steps,
            value=scoring.display(numbers.steps.get(number)),
            value_exact=numbers.steps.get(number),
            rows=tuple(row for row in criteria_rows.values() if row.step == number),
        )
        for number in sorted({c.step_number for c in criteria})
    )
    signed_at = final.finalised_at
    signature = (
        Signature(name=final.signer_name, date=final.signed_on, finalised_at=signed_at)
        if signed_at is not None
        else None
    )
    return FinalSheet(
        audit=SheetAudit(
            id=audit.pk,
            agency_id=audit.agency_id,
            agency=audit.agency.short_name,
            agency_full_name=audit.agency.full_name,
            date=audit.date,
            completed_steps=sorted(audit.completed_steps),
            common_areas=audit.common_areas,
            checklist_version=audit.checklist.version,
        ),
        auditors=tuple(
            Auditor(
                id=sheet.auditor_id,
                name=sheet.auditor.full_name,
                submitted=sheet.status == SheetStatus.SUBMITTED,
            )
            for sheet in sheets
        ),
        voters=tuple(voters),
        criteria=criteria_rows,
        steps=steps,
        overall=scoring.display(numbers.overall),
        overall_exact=numbers.overall,
        undecided=tuple(numbers.undecided),
        it_standard=it.record if counted.external else None,
        it_missing_month=it.missing_month if counted.missing_external else None,
        finalised=final.is_finalised,
        signature=signature,
        copy_due=final.copy_due,
        copy_sent_at=final.copy_sent_at,
    )


def overdue_agencies(*, today=None):
    """Regulation §5.1–5.2 (L5473–5475): an agency deploying 5S is audited at least monthly, a
    functioning one at least quarterly. Only an audit actually held and signed counts (its
    final sheet signed, issue 12 item 5): a planned audit, or one held whose final sheet is not
    signed yet, does not. Overdue: the last signed audit is older than that interval, or the
    agency has no signed audit and none is planned. A planned audit is shown alongside (it
    does not excuse a missed month). The interval is agencies.cadence's, as for sorting (§5.4).
    One query."""
    today = today or calendar.today()
    agencies = _with_audit_dates(
        Agency.objects.filter(
            deployment_state__in=[DeploymentState.DEPLOYING, DeploymentState.FUNCTIONING]
        ),
        today,
    ).order_by("short_name")
    result = []
    for agency in agencies:
        late, due = _audit_overdue(
            agency.last_audit, agency.next_audit, agency.deployment_state, today
        )
        if late:
            result.append(
                {
                    "agency": agency,
                    "last_audit": agency.last_audit,
                    "due": due,
                    "next_audit": agency.next_audit,
                }
            )
    return result


def overdue_audit_dues(*, today=None, kept_state=False) -> dict[int, datetime.date | None]:
    """The overdue agencies of `overdue_agencies` as {agency id: the date the audit was due
    (None: none signed and none planned)}, read as plain rows: the dashboard counts the
    region's and flags its page's, and making an Agency per row cost 0.13 s at 10,000
    agencies (issue 18). With `kept_state` (today, not a past day) the last signed audit is the
    state signing keeps (audits.state) instead of a probe per agency. One query."""
    today = today or calendar.today()
    agencies = Agency.objects.filter(
        deployment_state__in=[DeploymentState.DEPLOYING, DeploymentState.FUNCTIONING]
    )
    if kept_state:
        agencies = agencies.annotate(
            last_audit=F("signed_state__date"), next_audit=_next_audit(today)
        )
    else:
        agencies = _with_audit_dates(agencies, today)
    rows = agencies.values_list("pk", "last_audit", "next_audit", "deployment_state")
    dues = {}
    for pk, last_audit, next_audit, state in rows:
        late, due = _audit_overdue(last_audit, next_audit, state, today)
        if late:
            dues[pk] = due
    return dues


def _last_signed_audit(today):
    return Subquery(
        Audit.objects.filter(
            agency_id=OuterRef("pk"), date__lte=today, status=AuditStatus.FINALISED
        )
        .order_by("-date")
        .values("date")[:1]
    )


def _next_audit(today):
    return Subquery(
        Audit.objects.filter(agency_id=OuterRef("pk"), date__gt=today)
        .order_by("date")
        .values("date")[:1]
    )


def _with_audit_dates(agencies, today):
    """Each agency's last signed audit by `today` and its next audit after it: top-1s per
    agency on the (agency_id, date) index, so the cost follows the agencies, not the length of
    history (issue 18)."""
    return agencies.annotate(last_audit=_last_signed_audit(today), next_audit=_next_audit(today))


def _audit_overdue(last_audit, next_audit, deployment_state, today):
    """(overdue?, due date) by the cadence of the agency's deployment state."""
    due = cadence.next_due(last_audit, deployment_state) if last_audit else None
    return (due < today if due else next_audit is None), due


def open_actions(*, agency_id, before=None):
    """Corrective actions of the agency's approved plans not yet done: the next audit shows
    them (§9.3: the copy is sent «для проведения мониторинга во время очередного аудита»)."""
    queryset = CorrectiveAction.objects.filter(
        plan__audit__agency_id=agency_id, plan__status=PlanStatus.APPROVED, actual_date__isnull=True
    ).select_related("plan__audit")
    if before is not None:
        queryset = queryset.filter(plan__audit__date__lt=before)
    return queryset.order_by("plan__audit__date", "step", "number")


def plan_list(*, user, filters=None):
    """The corrective-action plans the user may see, narrowed by `filters` through PlanFilter
    (`agency` is the plan's audit's agency, `status`)."""
    queryset = (
        permissions.visible_plans(user)
        .select_related("audit__agency")
        .annotate(
            action_count=Count("actions", distinct=True),
            open_count=Count("actions", filter=Q(actions__actual_date__isnull=True), distinct=True),
        )
        .order_by("-audit__date", "-pk")
    )
    return apply_filters(PlanFilter, filters, queryset)


def plan_detail(*, user, pk):
    return (
        permissions.visible_plans(user)
        .select_related("audit__agency__head", "approver", "approved_by")
        .prefetch_related(
            Prefetch("actions", queryset=CorrectiveAction.objects.order_by("step", "number", "pk"))
        )
        .get(pk=pk)
    )


# --- internal audits (Appendix 7) ---------------------------------------------------------------


def internal_matrix(*, agency, months: int = 6, until=None):
    """Appendix 7: rooms × months, each cell the room's scores by steps 1–4 and their mean.
    Three queries."""
    columns = months_back(until or calendar.today(), months)
    rooms = list(Room.objects.filter(agency=agency).order_by("name"))
    audits = {a.month: a for a in InternalAudit.objects.filter(agency=agency, month__in=columns)}
    cells: dict[tuple, dict[int, int]] = {}
    for row in InternalScore.objects.filter(internal_audit__in=audits.values()).values(
        "internal_audit__month", "room_id", "step", "score"
    ):
        cells.setdefault((row["room_id"], row["internal_audit__month"]), {})[row["step"]] = row[
            "score"
        ]
    rows = []
    for room in rooms:
        row_cells = []
        for month in columns:
            by_step = cells.get((room.pk, month), {})
            row_cells.append(
                {
                    "month": month,
                    "steps": [by_step.get(step) for step in (1, 2, 3, 4)],
                    "value": scoring.display(scoring.mean(by_step.values())),
                }
            )
        rows.append({"room": room, "cells": row_cells})
    return {"months": columns, "rows": rows, "audits": audits}


def photo_list(*, user, agency_id=None):
    queryset = permissions.visible_internal(
        user, Photo.objects.select_related("agency", "room", "before")
    )
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    return queryset.order_by("-taken_on", "-pk")


def plan_for_audit(audit):
    return CorrectiveActionPlan.objects.filter(audit=audit).first()


# --- who changed which score before signing (issue 13, item 4) ---------------------------------


@dataclass(frozen=True)
class ScoreChange:
    """One change of an individual score or note, or of a collegial decision (Regulation §5.6,
    §5.7, L5485–L5491), as the change history recorded it."""

    when: datetime.datetime
    changed_by: str  # the account's person (or login); empty when made outside a request
    sheet_of: str  # whose score sheet; empty for a collegial decision
    code: str
    before: int | None
    after: int | None
    note_changed: bool
    decision: bool


def score_changes(*, user, audit: Audit) -> list[ScoreChange] | None:
    """The final sheet's change log for the group head and administrators (None for anyone
    else): every change of a score or note after it was first entered, and every recording of
    a collegial decision, up to the signature. Three queries whatever the number of changes."""
    if not permissions.can_plan_audit(user):
        return None
    signed_at = audit.final_sheet.finalised_at if hasattr(audit, "final_sheet") else None
    scores = Score.history.filter(sheet__audit_id=audit.pk)
    decisions = Decision.history.filter(final_sheet__audit_id=audit.pk)
    if signed_at is not None:
        scores = scores.filter(history_date__lte=signed_at)
        decisions = decisions.filter(history_date__lte=signed_at)
    score_rows = list(
        scores.select_related("criterion", "sheet__auditor").order_by(
            "id", "history_date", "history_id"
        )
    )
    decision_rows = list(
        decisions.select_related("criterion").order_by("id", "history_date", "history_id")
    )
    # A decision names who recorded it (on a request the history knows the user as well).
    for row in decision_rows:
        row.history_user_id = row.history_user_id or row.recorded_by_id
    user_ids = {row.history_user_id for row in [*score_rows, *decision_rows]} - {None}
    names = dict(Person.objects.filter(user_id__in=user_ids).values_list("user_id", "full_name"))
    logins = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))

    def who(user_id):
        return names.get(user_id) or logins.get(user_id) or ""

    changes = []
    previous: dict[int, Any] = {}  # a historical row of Score, then of Decision
    for row in score_rows:
        before = previous.get(row.id)
        previous[row.id] = row
        if before is None or (before.score, before.note) == (row.score, row.note):
            continue  # the first entry is not a change; a save that changed nothing neither
        changes.append(
            ScoreChange(
                when=row.history_date,
                changed_by=who(row.history_user_id),
                sheet_of=row.sheet.auditor.full_name if row.sheet_id else "",
                code=row.criterion.code,
                before=before.score,
                after=row.score,
                note_changed=before.note != row.note,
                decision=False,
            )
        )
    previous = {}
    for row in decision_rows:
        before = previous.get(row.id)
        previous[row.id] = row
        if before is not None and before.score == row.score:
            continue
        changes.append(
            ScoreChange(
                when=row.history_date,
                changed_by=who(row.history_user_id),
                sheet_of="",
                code=row.criterion.code,
                before=None if before is None else before.score,
                after=row.score,
                note_changed=False,
                decision=True,
            )
        )
    return sorted(changes, key=lambda change: change.when)
