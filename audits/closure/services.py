"""Closing a step of an agency's deployment (§4.6, L501; §5.5, §6.5, §7.4, §8.4).

A step is closed by the team's diagnosis after it — an internal audit of every room of the
agency and the photo report — and by the document the leader signs: the list of problem
questions and proposals after steps 1 and 3 to the council's secretary (L765, L1065), after
step 2 to the working group's head (L945), and after step 4 the list of 5S standards of Appendix
29 with their electronic copies to the working group's head (L1341). Closing sets the agency's
completed steps, which the next external audit scores by default (§2.1)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.choices import CouncilRole
from agencies.models import Agency, Person
from agencies.people import person_of
from agencies.selectors import working_group_current
from audits.closure import permissions, selectors
from audits.closure.choices import (
    NOTICE_KIND,
    STANDARD_FILE_EXTENSIONS,
    STANDARD_FILE_MAX_BYTES,
    STEP_DOCUMENTS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Recipient,
)
from audits.closure.models import ClosureProblem, ClosureStandard, StepClosure
from audits.closure.rules import closure_refusals
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.registry import step_requirement_errors
from core.services import check_permission, full_clean_or_raise


@dataclass(frozen=True)
class ProblemRow:
    problem: str
    proposal: str = ""


@dataclass(frozen=True)
class StandardRow:
    name: str
    purpose: str
    problems: str = ""
    copy: UploadedFile | None = None


def recipient_person(recipient: str) -> Person | None:
    """The council's secretary (L765, L1065) or the working group's head (L945, L1341)."""
    if recipient == Recipient.COUNCIL_SECRETARY:
        return (
            Person.objects.select_related("user").filter(council_role=CouncilRole.SECRETARY).first()
        )
    if recipient == Recipient.GROUP_HEAD:
        group = working_group_current()
        return group.head if group is not None else None
    return None


def _leader_of(actor, agency: Agency) -> Person | None:
    """The person who signs: the actor when they lead the agency's team, else its leader."""
    person = person_of(actor)
    team = agency.teams.select_related("leader").order_by("-period_start", "-pk").first()
    if team is None:
        return person
    if person is not None and team.leader_id == person.pk:
        return person
    return team.leader


def _clean_text(value: str, limit: int) -> str:
    return (value or "").strip()[:limit]


def _file_error(upload: UploadedFile) -> str | None:
    extension = os.path.splitext(upload.name or "")[1].lstrip(".").lower()
    if extension not in STANDARD_FILE_EXTENSIONS:
        return _("Допустимые форматы электронной копии: %(formats)s.") % {
            "formats": ", ".join(STANDARD_FILE_EXTENSIONS)
        }
    if upload.size is not None and upload.size > STANDARD_FILE_MAX_BYTES:
        return _("Файл больше %(mb)s МБ.") % {"mb": STANDARD_FILE_MAX_BYTES // (1024 * 1024)}
    return None


@transaction.atomic
def step_close(
    *,
    actor,
    agency: Agency,
    step: int,
    closed_on: datetime.date | None,
    problems: list[ProblemRow] | None = None,
    standards: list[StandardRow] | None = None,
) -> StepClosure:
    """Close `step` of the agency; refuse, naming what is missing, when the diagnosis after it
    (every room in an internal audit, the photo report) or the step's document is missing, or
    when an earlier step is still open. Nothing is saved when refused."""
    check_permission(
        permissions.can_close_steps(actor, agency.pk),
        _("Шаг завершает лидер 5S-команды ОИВ ЯО / СППО."),
    )
    # Two closings of one agency take turns: the order of steps is checked under the lock.
    caller_agency, agency = agency, Agency.objects.select_for_update().get(pk=agency.pk)
    if StepClosure.objects.filter(agency=agency, step=step).exists():
        raise ConflictError(
            _("Шаг %(step)s уже завершён.") % {"step": step}, details={"step": _("Уже завершён.")}
        )
    previous = selectors.last_closure(agency)
    # The agency row is the authority (the closures recorded from it by the data migration
    # agree with it; demo data may set it without closures).
    steps_completed = agency.steps_completed
    since = previous.closed_on if previous is not None else None
    diagnosis = selectors.diagnosis_of(agency, step, since=since) if 1 <= step <= 5 else None
    kind, recipient = STEP_DOCUMENTS.get(step, ("", ""))
    problem_rows = [
        ProblemRow(
            _clean_text(r.problem, TEXT_MAX_LENGTH), _clean_text(r.proposal, TEXT_MAX_LENGTH)
        )
        for r in (problems or [])
        if (r.problem or "").strip()
    ]
    standard_rows = [r for r in (standards or []) if (r.name or "").strip()]
    rows = len(problem_rows) if kind == "problems" else len(standard_rows)
    errors = closure_refusals(
        step=step,
        steps_completed=steps_completed,
        diagnosis=diagnosis or selectors.Diagnosis(internal_audit_id=None, conducted_on=None),
        closed_on=closed_on,
        previous_closed_on=since,
        today=calendar.today(),
        rows=rows,
        rows_without_copy=[n for n, r in enumerate(standard_rows, 1) if r.copy is None],
        requirements=step_requirement_errors(step, agency.pk),
    )
    for number, row in enumerate(standard_rows, 1):
        if not (row.purpose or "").strip():
            errors.setdefault(
                "standards", _("Укажите назначение 5S-стандарта в строке %(n)s.") % {"n": number}
            )
        if row.copy is not None and (message := _file_error(row.copy)):
            errors.setdefault(
                "standards", _("Строка %(n)s: %(message)s") % {"n": number, "message": message}
            )
    if errors:
        raise ApplicationError(
            _("Шаг %(step)s не завершён: %(reasons)s")
            % {"step": step, "reasons": " ".join(errors.values())},
            details=errors,
        )
    assert diagnosis is not None
    receiver = recipient_person(recipient)
    closure = StepClosure(
        agency=agency,
        step=step,
        closed_on=closed_on,
        internal_audit_id=diagnosis.internal_audit_id,
        rooms_diagnosed=len(diagnosis.scored_rooms),
        photos=diagnosis.photos,
        leader=_leader_of(actor, agency),
        document_kind=kind,
        recipient=recipient,
        recipient_name=receiver.full_name if receiver is not None else "",
        closed_by=actor,
        on_behalf=permissions.closes_on_behalf(actor, agency.pk),
    )
    full_clean_or_raise(closure)
    closure.save()
    ClosureProblem.objects.bulk_create(
        ClosureProblem(closure=closure, number=n, problem=r.problem, proposal=r.proposal)
        for n, r in enumerate(problem_rows, 1)
    )
    for number, row in enumerate(standard_rows, 1):
        standard = ClosureStandard(
            closure=closure,
            number=number,
            name=_clean_text(row.name, TITLE_MAX_LENGTH),
            purpose=_clean_text(row.purpose, TEXT_MAX_LENGTH),
            problems=_clean_text(row.problems, TEXT_MAX_LENGTH),
            copy_name=os.path.basename(row.copy.name or "")[:255] if row.copy else "",
        )
        if row.copy is not None:
            standard.copy.save(
                f"{closure.pk}-{number}{os.path.splitext(row.copy.name or '')[1].lower()}",
                row.copy,
                save=False,
            )
        standard.save()
    agency.steps_completed = step
    agency.save(update_fields=["steps_completed"])
    caller_agency.steps_completed = step
    if receiver is not None:
        notifications.notify(
            kind=NOTICE_KIND, subject=closure, recipients=[receiver], due_on=closed_on
        )
    return closure
