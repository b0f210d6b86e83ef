"""Writes for the audits app: the checklist, external audits, score sheets, the final sheet,
corrective-action plans, internal audits and photo reports.

Every rule is checked here once, for the HTML forms, the REST API, the XLSX upload, the admin
and the demo loader alike. A broken rule raises one ApplicationError (a Russian message and a
message per field, criterion or cell) and nothing is saved.
"""

import datetime
import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Person, WorkingGroupMembership
from agencies.selectors import working_group_current
from audits import notices, permissions, scoring
from audits.choices import (
    ACTION_TEXT_MAX_LENGTH,
    AUDIT_TEAM_MIN,
    NOTE_MAX_LENGTH,
    PHOTO_PROBLEM_MAX_LENGTH,
    PLAN_COPY_WORKING_DAYS,
    STEP_NUMBERS,
    AuditStatus,
    PlanStatus,
    SheetStatus,
)
from audits.models import (
    Audit,
    ChecklistStep,
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
    Vote,
    WorkspacePart,
)
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.images import process_image
from core.models import Notice
from core.validators import past_date_error, plan_date_error

# --- the checklist (Appendix 2) -------------------------------------------------------------------


@transaction.atomic
def checklist_load(*, path) -> tuple[ChecklistVersion, bool]:
    """Load a checklist edition from its JSON fixture (the shape of GET /api/v1/checklist/).

    Idempotent per version: loading the same text again changes nothing. An edition no audit
    refers to yet is brought in line with a corrected fixture; one that audits were scored with
    never changes — a changed text must come as a new version (ApplicationError otherwise).
    Returns (version, changed).
    """
    from audits.selectors import checklist_data

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    existing = (
        ChecklistVersion.objects.prefetch_related("steps", "criteria")
        .filter(version=data["version"])
        .first()
    )
    if existing is not None:
        if _checklist_content(checklist_data(existing)) == _checklist_content(data):
            return existing, False
        if existing.audits.exists():
            raise ApplicationError(
                _(
                    "Редакция чек-листа %(version)s уже используется в аудитах и не меняется: "
                    "загрузите изменённый текст как новую редакцию."
                )
                % {"version": existing.version}
            )
        existing.delete()
    version = ChecklistVersion(
        version=data["version"], title=data["title"], source=data.get("source", "")
    )
    version.full_clean()
    version.save()
    criteria = []
    for step_data in data["steps"]:
        step = ChecklistStep.objects.create(
            version=version, number=step_data["number"], name=step_data["name"]
        )
        for position, item in enumerate(step_data["criteria"], start=1):
            criteria.append(
                Criterion(
                    version=version,
                    step=step,
                    step_number=step.number,
                    position=position,
                    code=item["code"],
                    title=item["title"],
                    common_areas_only=bool(item.get("common_areas_only")),
                    external_data=bool(item.get("external_data")),
                    indicators=item["indicators"],
                )
            )
    Criterion.objects.bulk_create(criteria)
    return version, True


def _checklist_content(data):
    return {"title": data["title"], "steps": data["steps"]}


def checklist_latest() -> ChecklistVersion:
    version = ChecklistVersion.objects.order_by("-version").first()
    if version is None:
        raise ApplicationError(
            _("Чек-лист не загружен: выполните команду load_checklist."),
            details={"checklist": _("Чек-лист не загружен.")},
        )
    return version


# --- applicability (Appendix 6, notes 1, 4, 5) ----------------------------------------------------


def unscored_reason(audit, criterion):
    """Why an auditor does not score `criterion` in `audit` (a Unscored value), or None."""
    from audits.choices import Unscored

    if criterion.step_number not in audit.completed_steps:
        return Unscored.STEP_NOT_COMPLETED
    if criterion.common_areas_only and not audit.common_areas:
        return Unscored.NO_COMMON_AREAS
    if criterion.external_data and audit.it_score is not None:
        return Unscored.EXTERNAL_DATA
    return None


def applicable_codes(audit, criteria) -> set[str]:
    return {c.code for c in criteria if unscored_reason(audit, c) is None}


# --- planning an external audit (Regulation §5.1–5.5) ---------------------------------------------


def _parse_steps(completed_steps):
    try:
        steps = sorted({int(step) for step in completed_steps})
    except (TypeError, ValueError):
        steps = None
    if not steps or any(step not in STEP_NUMBERS for step in steps):
        return None
    return steps


def _check_date_and_team(errors, *, date, auditors, today):
    """§5.5 (notice at least one working day before) and §5.3 (a team of at least three
    working-group members); adds messages to `errors`, returns the distinct people."""
    # The horizon first: a date such as 9999-12-31 must not reach the working-day arithmetic.
    bound = plan_date_error(date)
    latest_date = calendar.add_working_days(date, -1) if date and not bound else None
    if date is None:
        errors["date"] = _("Укажите дату проведения аудита.")
    elif bound:
        errors["date"] = bound
    elif today > latest_date:
        earliest = calendar.add_working_days(today, 1)
        errors["date"] = _(
            "Руководитель ОИВ ЯО / СППО уведомляется не менее чем за 1 рабочий день до аудита: "
            "ближайшая допустимая дата — %(date)s."
        ) % {"date": earliest.strftime("%d.%m.%Y")}
    people = list({person.pk: person for person in auditors}.values())
    group = working_group_current()
    members = (
        set(WorkingGroupMembership.objects.filter(group=group).values_list("person_id", flat=True))
        if group
        else set()
    )
    outsiders = [person.full_name for person in people if person.pk not in members]
    if outsiders:
        errors["auditors"] = _("Не являются членами рабочей группы: %(names)s.") % {
            "names": ", ".join(outsiders)
        }
    elif len(people) < AUDIT_TEAM_MIN:
        errors["auditors"] = _(
            "Внешний аудит проводится группой не менее чем из %(min)s членов рабочей группы; "
            "выбрано: %(count)s."
        ) % {"min": AUDIT_TEAM_MIN, "count": len(people)}
    return people


@transaction.atomic
def audit_plan(
    *,
    actor,
    agency,
    date: datetime.date,
    auditors: list,
    completed_steps=None,
    time=None,
    it_score=None,
    today=None,
) -> Audit:
    """Plan an external audit: the agency, the date, a team of at least three working-group
    members (§5.3) and the steps the agency has completed. The agency's head and 5S-team
    leader are notified at once, which is at least one working day before (§5.5)."""
    if not permissions.can_plan_audit(actor):
        raise PermissionDenied(_("Планировать внешний аудит может руководитель рабочей группы."))
    today = today or calendar.today()
    errors = {}
    if completed_steps is None:
        completed_steps = list(range(1, agency.steps_completed + 1))
    steps = _parse_steps(completed_steps)
    if steps is None:
        errors["completed_steps"] = _(
            "Укажите завершённые ОИВ ЯО / СППО шаги (номера от 1 до 5): внешний аудит "
            "оценивает только завершённые шаги."
        )
    people = _check_date_and_team(errors, date=date, auditors=auditors, today=today)
    if it_score is not None and not scoring.is_valid_score(it_score):
        errors["it_score"] = _("Оценка должна быть целым числом от 1 до 5.")
    if errors:
        raise ApplicationError(_("Аудит не запланирован: исправьте ошибки."), details=errors)
    # One audit per agency and date (a retried request made three of them, issue 10). The
    # agency's row is locked so that two plans of it are made one after the other; the unique
    # constraint (unique_audit_per_agency_date) backs this up.
    type(agency).objects.select_for_update().filter(pk=agency.pk).first()
    _refuse_second_audit(agency=agency, date=date)
    audit = Audit(
        agency=agency,
        checklist=checklist_latest(),
        date=date,
        time=time,
        completed_steps=steps,
        common_areas=agency.responsible_for_common_areas,
        it_score=it_score,
        planned_by=actor,
    )
    audit.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            audit.save()
    except IntegrityError:
        _refuse_second_audit(agency=agency, date=date)
        raise
    ScoreSheet.objects.bulk_create([ScoreSheet(audit=audit, auditor=p) for p in people])
    FinalScoreSheet.objects.create(audit=audit, copy_due=audit.final_sheet_due)
    audit_notice_schedule(audit=audit)
    return audit


def _refuse_second_audit(*, agency, date, exclude=None) -> None:
    others = Audit.objects.filter(agency=agency, date=date)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        message = _("Аудит %(agency)s на %(date)s уже запланирован.") % {
            "agency": agency.short_name,
            "date": date.strftime("%d.%m.%Y"),
        }
        raise ConflictError(message, details={"date": message})


@transaction.atomic
def audit_reschedule(
    *,
    actor,
    audit: Audit,
    date: datetime.date,
    auditors: list,
    time=None,
    completed_steps=None,
    today=None,
) -> Audit:
    """Move the audit, change its team or the completed steps before any sheet is handed in.
    The same rules as planning apply; a new date or time is notified again (§5.5); an auditor
    who has already scored cannot be taken off the team. Scores already given for a step that
    is no longer assessed are simply left out of the final sheet."""
    audit = _locked_audit(actor, audit, _("Изменять аудит может руководитель рабочей группы."))
    sheets = list(audit.sheets.annotate(scored=Count("scores")).select_related("auditor"))
    if any(sheet.is_submitted for sheet in sheets):
        raise ApplicationError(
            _("Оценочные листы уже сдаются: изменить дату и состав группы нельзя.")
        )
    errors = {}
    people = _check_date_and_team(
        errors, date=date, auditors=auditors, today=today or calendar.today()
    )
    steps = audit.completed_steps if completed_steps is None else _parse_steps(completed_steps)
    if steps is None:
        errors["completed_steps"] = _(
            "Укажите завершённые ОИВ ЯО / СППО шаги (номера от 1 до 5): внешний аудит "
            "оценивает только завершённые шаги."
        )
    wanted = {person.pk for person in people}
    scored = [s.auditor.full_name for s in sheets if s.auditor_id not in wanted and s.scored]
    if scored and "auditors" not in errors:
        errors["auditors"] = _("Уже выставили оценки и не могут быть исключены: %(names)s.") % {
            "names": ", ".join(scored)
        }
    if errors:
        raise ApplicationError(_("Изменения аудита не сохранены."), details=errors)
    _refuse_second_audit(agency=audit.agency, date=date, exclude=audit)
    moved = (audit.date, audit.time) != (date, time)
    audit.date, audit.time, audit.completed_steps = date, time, steps
    audit.full_clean(validate_constraints=False)
    audit.save(update_fields=["date", "time", "completed_steps"])
    ScoreSheet.objects.filter(audit=audit).exclude(auditor_id__in=wanted).delete()
    present = {sheet.auditor_id for sheet in sheets}
    ScoreSheet.objects.bulk_create(
        [ScoreSheet(audit=audit, auditor=p) for p in people if p.pk not in present]
    )
    FinalScoreSheet.objects.filter(audit=audit).update(copy_due=audit.final_sheet_due)
    if moved:
        _withdraw_unsent_notices(audit)
        audit_notice_schedule(audit=audit)
    return audit


@transaction.atomic
def audit_set_it_score(*, actor, audit, it_score) -> Audit:
    """Criterion 4.3 is scored «по данным департамента информатизации и связи»: the head
    enters the department's monthly value, which then stands for 4.3 in the final sheet and
    the auditors do not score it. Clearing it (None) hands 4.3 back to the auditors."""
    if it_score is not None and not scoring.is_valid_score(it_score):
        raise ApplicationError(
            _("Оценка не сохранена."),
            details={"it_score": _("Оценка должна быть целым числом от 1 до 5.")},
        )
    original = audit
    audit = _locked_audit(actor, audit, _("Изменять аудит может руководитель рабочей группы."))
    audit.it_score = original.it_score = it_score
    audit.full_clean(validate_constraints=False)
    audit.save(update_fields=["it_score"])
    return audit


def _locked_audit(actor, audit: Audit, refusal: str) -> Audit:
    """The audit's row locked for the caller's transaction and read again after the lock, for
    a change the group head makes before signing. Without the role: PermissionDenied (403);
    signed meanwhile (another request won the lock): ConflictError (409) — so of several
    simultaneous attempts exactly one takes effect."""
    if not permissions.manages_audits(actor):
        raise PermissionDenied(refusal)
    locked = Audit.objects.select_for_update().select_related("agency").get(pk=audit.pk)
    if locked.is_finalised:
        raise ConflictError(
            _("Итоговый оценочный лист подписан: аудит изменить нельзя."),
            details={"status": _("Итоговый оценочный лист уже подписан.")},
        )
    return locked


# --- individual score sheets (Appendix 6) ---------------------------------------------------------


def _criteria_of(audit):
    return list(
        Criterion.objects.filter(version_id=audit.checklist_id).order_by("step_number", "position")
    )


def sheet_check_writable(*, actor, sheet: ScoreSheet) -> None:
    """Lock the sheet for the caller's transaction and check the actor may change it now (the
    XLSX upload calls this before it reads the file)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sheet_check_writable() runs inside the writing transaction.")
    _check_sheet_writable(actor, sheet)


def _check_sheet_writable(actor, sheet):
    # Lock the sheet's row for the transaction and re-read its state: two saves of one sheet
    # (two browser tabs, a form and an upload) run one after the other, and a sheet submitted
    # or an audit signed meanwhile is seen here.
    locked = (
        ScoreSheet.objects.select_for_update()
        .filter(pk=sheet.pk)
        .values("status", "audit__status")
        .first()
    )
    if locked is not None:
        sheet.status = locked["status"]
        sheet.audit.status = locked["audit__status"]
    if not permissions.can_view_sheet(actor, sheet):
        raise PermissionDenied(_("Это оценочный лист другого члена рабочей группы."))
    if sheet.audit.is_finalised:
        raise ConflictError(_("Итоговый оценочный лист подписан: оценки изменить нельзя."))
    if sheet.is_submitted:
        raise ConflictError(_("Оценочный лист сдан: изменить его нельзя."))
    if not permissions.can_edit_sheet(actor, sheet):
        raise PermissionDenied(_("Оценочный лист заполняет сам член рабочей группы."))


def sheet_errors(audit, criteria, scores: dict, notes: dict) -> dict:
    """Per-criterion errors of a whole sheet (keys: criterion codes or 'scores'/'notes')."""
    from audits.choices import Unscored

    by_code = {c.code: c for c in criteria}
    errors = {}
    for code in sorted(set(scores) | set(notes)):
        if code not in by_code:
            errors[code] = _("В чек-листе нет критерия %(code)s.") % {"code": code}
    for code, value in scores.items():
        criterion = by_code.get(code)
        if criterion is None or value is None or value == "":
            continue
        reason = unscored_reason(audit, criterion)
        if reason is not None:
            message = {
                Unscored.STEP_NOT_COMPLETED: _(
                    "Критерий %(code)s не оценивается: шаг %(step)s не завершён."
                ),
                Unscored.NO_COMMON_AREAS: _(
                    "Критерий %(code)s не оценивается: ОИВ ЯО / СППО не отвечает за "
                    "содержание мест общего пользования."
                ),
                Unscored.EXTERNAL_DATA: _(
                    "Критерий %(code)s оценивается по данным департамента информатизации и "
                    "связи, внесённым руководителем рабочей группы."
                ),
            }[reason] % {"code": code, "step": criterion.step_number}
            errors[code] = message
        elif not scoring.is_valid_score(value):
            errors[code] = _("Критерий %(code)s: оценка должна быть целым числом от 1 до 5.") % {
                "code": code
            }
    for code, note in notes.items():
        if note is not None and not isinstance(note, str):
            errors[code] = _("Критерий %(code)s: примечание должно быть текстом.") % {"code": code}
        elif note and len(note) > NOTE_MAX_LENGTH:
            errors[code] = _("Критерий %(code)s: примечание длиннее %(max)s символов.") % {
                "code": code,
                "max": NOTE_MAX_LENGTH,
            }
    return errors


@transaction.atomic
def sheet_save(*, actor, sheet: ScoreSheet, scores: dict, notes: dict | None = None) -> ScoreSheet:
    """Save the whole sheet as a draft (PUT semantics: a criterion left out has no score and
    no note). A fixed number of queries whatever the number of criteria."""
    _check_sheet_writable(actor, sheet)
    notes = notes or {}
    audit = sheet.audit
    criteria = _criteria_of(audit)
    errors = sheet_errors(audit, criteria, scores, notes)
    if errors:
        raise ApplicationError(
            _("Оценочный лист не сохранён: исправьте оценки по критериям %(codes)s.")
            % {"codes": ", ".join(errors)},
            details=errors,
        )
    existing = {score.criterion_id: score for score in Score.objects.filter(sheet=sheet)}
    to_create, to_update = [], []
    for criterion in criteria:
        value = scores.get(criterion.code)
        value = None if value in (None, "") else value
        note = (notes.get(criterion.code) or "").strip()
        row = existing.get(criterion.id)
        if row is None:
            if value is None and not note:
                continue
            to_create.append(Score(sheet=sheet, criterion=criterion, score=value, note=note))
        elif (row.score, row.note) != (value, note):
            row.score, row.note = value, note
            to_update.append(row)
    Score.objects.bulk_create(to_create)
    Score.objects.bulk_update(to_update, ["score", "note"])
    sheet.save(update_fields=["updated_at"])
    return sheet


@transaction.atomic
def sheet_submit(*, actor, sheet: ScoreSheet) -> ScoreSheet:
    """Hand the sheet to the group head (§4.10): every applicable criterion must be scored;
    the sheet is then locked."""
    _check_sheet_writable(actor, sheet)
    criteria = _criteria_of(sheet.audit)
    scored = set(
        Score.objects.filter(sheet=sheet, score__isnull=False).values_list(
            "criterion__code", flat=True
        )
    )
    missing = [c.code for c in criteria if c.code in applicable_codes(sheet.audit, criteria)]
    missing = [code for code in missing if code not in scored]
    if missing:
        raise ApplicationError(
            _("Оценочный лист не сдан: не выставлены оценки по критериям %(codes)s.")
            % {"codes": ", ".join(missing)},
            details={code: _("Выставьте оценку от 1 до 5.") for code in missing},
        )
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["status", "submitted_at", "updated_at"])
    return sheet


# --- the final sheet (Appendix 12, Regulation §5.6–5.7) -------------------------------------------


@transaction.atomic
def decision_record(*, actor, audit: Audit, criterion_code: str, votes: dict) -> Decision:
    """Record the collegial decision on a divergent criterion (§5.6): every auditor of this
    audit votes for a score; the majority wins; on a tie the group head's vote decides.
    `votes` maps person ids to scores."""
    from audits.selectors import final_sheet_data

    audit = _locked_audit(
        actor, audit, _("Коллегиальное решение вносит руководитель рабочей группы.")
    )
    data = final_sheet_data(audit)
    drafts = [a["name"] for a in data["auditors"] if not a["submitted"]]
    if drafts:
        raise ApplicationError(
            _("Решение не записано."),
            details={
                "sheets": _(
                    "Коллегиальное решение принимается по сданным оценочным листам; не сданы: "
                    "%(names)s."
                )
                % {"names": ", ".join(drafts)}
            },
        )
    row = data["criteria"].get(criterion_code)
    if row is None or not row["applicable"]:
        raise ApplicationError(
            _("Решение не записано."),
            details={
                "criterion": _("Критерий %(code)s не оценивается в этом аудите.")
                % {"code": criterion_code}
            },
        )
    if not row["divergent"]:
        raise ApplicationError(
            _("Решение не записано."),
            details={
                "criterion": _(
                    "По критерию %(code)s оценки членов рабочей группы расходятся не более чем на "
                    "1 балл: итоговая оценка — среднее арифметическое."
                )
                % {"code": criterion_code}
            },
        )
    try:
        votes = {int(person): score for person, score in votes.items()}
    except (TypeError, ValueError, AttributeError):
        raise ApplicationError(
            _("Решение не записано."),
            details={"votes": _("Голоса указываются по членам рабочей группы.")},
        ) from None
    group = working_group_current()
    head_id = group.head_id if group else None
    auditor_ids = {auditor["id"] for auditor in data["auditors"]}
    voters = auditor_ids | ({head_id} if head_id else set())
    errors = {}
    strangers = set(votes) - voters
    bad = [pid for pid, score in votes.items() if not scoring.is_valid_score(score)]
    missing = auditor_ids - set(votes)
    if strangers:
        errors["votes"] = _("Голосуют члены рабочей группы, проводившие аудит, и её руководитель.")
    elif bad:
        errors["votes"] = _("Голос — оценка целым числом от 1 до 5.")
    elif missing:
        names = [a["name"] for a in data["auditors"] if a["id"] in missing]
        errors["votes"] = _("Нет голосов: %(names)s.") % {"names": ", ".join(names)}
    if not errors:
        try:
            decided = scoring.collegial_decision(votes, head=head_id)
        except scoring.TieNotBroken:
            errors["votes"] = _(
                "Голоса разделились поровну: при равенстве голосов решающим является голос "
                "руководителя рабочей группы — укажите его."
            )
    if errors:
        raise ApplicationError(_("Решение не записано."), details=errors)
    criterion = Criterion.objects.get(version_id=audit.checklist_id, code=criterion_code)
    decision, _created = Decision.objects.update_or_create(
        final_sheet=audit.final_sheet,
        criterion=criterion,
        defaults={"score": decided, "recorded_by": actor},
    )
    decision.votes.all().delete()
    Vote.objects.bulk_create(
        [Vote(decision=decision, person_id=pid, score=score) for pid, score in votes.items()]
    )
    return decision


def stored_step_values(steps) -> dict[str, str]:
    """The copy of the step values a signed final sheet keeps (FinalScoreSheet.step_values):
    Appendix 12's «значение шага» of each completed step, `steps` mapping the step number to
    its exact value (scoring.final_sheet's FinalSheetNumbers.steps), rounded half up to six
    places like the overall score (scoring.stored) and written as decimal strings keyed by the
    step number as a string. Steps without a value (not completed) are left out."""
    return {
        str(number): format(scoring.stored(value), "f")
        for number, value in sorted(steps.items())
        if value is not None
    }


@transaction.atomic
def final_sheet_finalise(*, actor, audit: Audit, today=None) -> FinalScoreSheet:
    """Sign the final sheet (§5.7): every sheet handed in, no divergent criterion undecided.
    Signing stamps the head's name and the date, publishes the sheet and sends its copy to
    the 5S-team leader (due within 5 working days of the audit, §4.10)."""
    from audits.selectors import final_sheet_data

    original = audit
    # Lock, then read the state again: of simultaneous signings one signs, the others are
    # refused with 409 (issue 10: eight at once signed three times).
    audit = _locked_audit(
        actor, audit, _("Подписать итоговый оценочный лист может руководитель рабочей группы.")
    )
    data = final_sheet_data(audit)
    errors = {}
    drafts = [a["name"] for a in data["auditors"] if not a["submitted"]]
    if drafts:
        errors["sheets"] = _("Не сданы оценочные листы: %(names)s.") % {"names": ", ".join(drafts)}
    if data["undecided"]:
        errors["decisions"] = _(
            "Расхождение оценок более 1 балла без коллегиального решения по критериям: %(codes)s."
        ) % {"codes": ", ".join(data["undecided"])}
    if errors:
        raise ApplicationError(_("Итоговый оценочный лист не может быть подписан."), details=errors)
    group = working_group_current()
    head = group.head if group else Person.objects.filter(user=actor).first()
    sheet = audit.final_sheet
    sheet.finalised_at = timezone.now()
    sheet.signed_by = head
    sheet.signer_name = head.full_name if head else actor.get_full_name()
    sheet.signed_on = today or calendar.today()
    sheet.overall = scoring.stored(data["overall_exact"])
    sheet.step_values = stored_step_values(
        {step["number"]: step["value_exact"] for step in data["steps"] if step["completed"]}
    )
    sheet.published = True
    sheet.copy_sent_at = timezone.now()
    sheet.full_clean()
    sheet.save()
    audit.status = original.status = AuditStatus.FINALISED
    audit.save(update_fields=["status"])
    # §4.10: the copy to the 5S-team leader and the agency's head, written with the signature
    # (copy_sent_at) and sent once through the outbox: a broker outage delays it, never loses
    # it, and signing does not fail because of it.
    notifications.notify(
        kind=notices.FINAL_SHEET_COPY,
        subject=audit,
        recipients=notices.recipients_of_audit(audit),
    )
    return sheet


# --- notices (§5.5, §4.10, §9.3) through core.notifications ---------------------------------------


def audit_notice_schedule(*, audit: Audit) -> None:
    """§5.5: the notice of the audit's date, written in the planning transaction and sent once
    through the outbox after the commit (a broker outage delays it, never loses it)."""
    notifications.notify(
        kind=notices.NOTICE,
        subject=audit,
        recipients=notices.recipients_of_audit(audit),
        due_on=audit.date,
    )


def audit_reminders_send(*, today=None) -> int:
    """Remind each agency whose audit is due on the next working day (§5.5). Idempotent: one
    reminder per audit, recipient and date, however often the beat job runs. Returns how many
    reminders were made now."""
    today = today or calendar.today()
    upcoming = Audit.objects.filter(
        status=AuditStatus.PLANNED,
        date__gt=today,
        date__lte=calendar.add_working_days(today, 1),
    ).select_related("agency__head__user")
    made = 0
    for audit in upcoming:
        with transaction.atomic():
            before = _notice_count(audit, notices.REMINDER)
            notifications.notify(
                kind=notices.REMINDER,
                subject=audit,
                recipients=notices.recipients_of_audit(audit),
                due_on=audit.date,
            )
            made += _notice_count(audit, notices.REMINDER) - before
    return made


def _notice_count(subject, kind) -> int:
    return Notice.objects.filter(
        kind=kind,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
    ).count()


def _withdraw_unsent_notices(audit: Audit) -> None:
    """A moved audit: the notices and reminders not yet sent name the old date or time, so they
    are withdrawn (their outbox messages then find nothing to send); sent ones stay as the
    record of what the agency was told. A new notice follows for the new date and time."""
    scope = Notice.objects.filter(
        kind__in=[notices.NOTICE, notices.REMINDER],
        subject_type=ContentType.objects.get_for_model(Audit),
        subject_id=audit.pk,
    )
    scope.filter(sent_at__isnull=True).delete()
    # The same date at another time: the sent notice of that date makes way for the new one.
    scope.filter(due_on=audit.date).delete()


# --- corrective-action plans (Appendix 30, §9.3) --------------------------------------------------


@transaction.atomic
def plan_create(*, actor, audit: Audit) -> CorrectiveActionPlan:
    """Draft the plan from the signed final sheet: one row per remark (Appendix 30, note 2:
    the remark is worded as in the final sheet)."""
    from audits.selectors import final_sheet_data

    if not permissions.can_create_plan(actor, audit):
        raise PermissionDenied(
            _("План мероприятий разрабатывает лидер 5S-команды по подписанному итоговому листу.")
        )
    # One plan per audit: the audit's row is locked so simultaneous requests (six at once made
    # two server errors, issue 10) take turns; the second finds the first's plan.
    audit = Audit.objects.select_for_update().select_related("agency").get(pk=audit.pk)
    if CorrectiveActionPlan.objects.filter(audit=audit).exists():
        raise ConflictError(_("План мероприятий по этому аудиту уже создан."))
    try:
        with transaction.atomic():
            plan = CorrectiveActionPlan.objects.create(
                audit=audit, agency=audit.agency, created_by=actor
            )
    except IntegrityError:
        raise ConflictError(_("План мероприятий по этому аудиту уже создан.")) from None
    rows = []
    numbers = {}
    for row in final_sheet_data(audit)["criteria"].values():
        if not row["applicable"] or not row["remarks"]:
            continue
        step = row["step"]
        numbers[step] = numbers.get(step, 0) + 1
        rows.append(
            CorrectiveAction(
                plan=plan,
                step=step,
                number=numbers[step],
                criterion_code=row["code"],
                remark="\n".join(row["remarks"]),
            )
        )
    CorrectiveAction.objects.bulk_create(rows)
    return plan


ACTION_FIELDS = ("step", "remark", "cause", "action", "planned_date", "executor")


@transaction.atomic
def plan_save(*, actor, plan: CorrectiveActionPlan, rows: list[dict]) -> CorrectiveActionPlan:
    """Save the plan's rows. `rows` are dicts with an `id` (None for a new row) and the
    Appendix 30 columns; `delete: True` drops a draft row. After approval only the actual
    dates may change (note 4: filled in by the leader when the action is done)."""
    if not permissions.can_edit_plan(actor, plan):
        raise PermissionDenied(_("План мероприятий ведёт лидер 5S-команды."))
    # Read the state after locking: a plan approved meanwhile keeps its rows.
    plan.status = (
        CorrectiveActionPlan.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=plan.pk)
    )
    actions = {a.pk: a for a in plan.actions.all()}
    errors = {}
    to_save, to_delete = [], []
    for index, row in enumerate(rows):
        action = actions.get(row.get("id")) if row.get("id") else None
        if row.get("id") and action is None:
            errors[f"rows.{index}"] = _("Строка плана не найдена.")
            continue
        if plan.is_approved:
            if action is None or row.get("delete"):
                errors[f"rows.{index}"] = _(
                    "План утверждён: можно вносить только фактические даты."
                )
                continue
            changed = [f for f in ACTION_FIELDS if f in row and row[f] != getattr(action, f)]
            if changed:
                errors[f"rows.{index}"] = _(
                    "План утверждён: можно вносить только фактические даты."
                )
                continue
        if row.get("delete"):
            if action is not None:
                to_delete.append(action)
            continue
        if action is None:
            action = CorrectiveAction(plan=plan, number=0)
        for name in (*ACTION_FIELDS, "actual_date"):
            if name in row:
                setattr(
                    action,
                    name,
                    row[name] if row[name] is not None or name.endswith("date") else "",
                )
        if not action.remark:
            errors[f"rows.{index}"] = _("Укажите содержание замечания.")
            continue
        problem = _action_row_error(action)
        if problem:
            errors[f"rows.{index}"] = problem
            continue
        to_save.append(action)
    if errors:
        raise ApplicationError(_("План мероприятий не сохранён."), details=errors)
    for action in to_delete:
        action.delete()
    _renumber(plan, to_save)
    return plan


def _action_row_error(action: CorrectiveAction) -> str | None:
    """Plausible values of an Appendix 30 row: dates within core.validators' bounds (the actual
    date has happened; the planned one is at most two years ahead), texts of bounded length."""
    if action.actual_date and action.actual_date > calendar.today():
        return _("Фактическая дата выполнения не может быть в будущем.")
    for label, message in (
        (_("Фактическая дата выполнения"), past_date_error(action.actual_date)),
        (_("Плановая дата выполнения"), plan_date_error(action.planned_date)),
    ):
        if message:
            return f"{label}: {message}"
    for name in ("remark", "cause", "action"):
        if len(getattr(action, name) or "") > ACTION_TEXT_MAX_LENGTH:
            return _("Текст длиннее %(max)s символов.") % {"max": ACTION_TEXT_MAX_LENGTH}
    return None


def _renumber(plan, to_save):
    kept = [a for a in plan.actions.all() if a.pk not in {s.pk for s in to_save}]
    everything = sorted(kept + to_save, key=lambda a: (a.step or 0, a.number or 999, a.pk or 10**9))
    counters = {}
    for action in everything:
        counters[action.step] = counters.get(action.step, 0) + 1
        action.number = counters[action.step]
        action.full_clean()
        action.save()


@transaction.atomic
def plan_approve(*, actor, plan: CorrectiveActionPlan, approved_on=None) -> CorrectiveActionPlan:
    """Approval by the head of the agency (Appendix 30, «УТВЕРЖДАЮ»). An administrator may
    record it on the head's behalf; the plan then says so. The copy is due to the working
    group within 3 working days of approval (§9.3)."""
    if not permissions.may_approve_plans_of(actor, plan):
        raise PermissionDenied(_("План утверждает руководитель ОИВ ЯО / СППО."))
    original = plan
    plan = CorrectiveActionPlan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ConflictError(_("План мероприятий уже утверждён."))
    incomplete = [
        f"{a.step}.{a.number}"
        for a in plan.actions.all()
        if not (a.cause and a.action and a.planned_date and a.executor)
    ]
    if incomplete:
        raise ApplicationError(
            _(
                "План не утверждён: заполните причину, мероприятие, плановую дату и исполнителя в "
                "строках %(rows)s."
            )
            % {"rows": ", ".join(incomplete)},
            details={"rows": _("Не заполнены строки %(rows)s.") % {"rows": ", ".join(incomplete)}},
        )
    approved_on = approved_on or calendar.today()
    plan.status = PlanStatus.APPROVED
    plan.approver = plan.agency.head
    plan.approved_by = actor
    plan.approved_on = approved_on
    plan.approved_on_behalf = permissions.approves_on_behalf(actor, plan)
    plan.copy_due = calendar.add_working_days(approved_on, PLAN_COPY_WORKING_DAYS)
    plan.full_clean()
    plan.save()
    _refresh(original, plan)
    return plan


def _refresh(stale, fresh) -> None:
    """The caller's instance takes the values saved through the locked re-read one."""
    for field in fresh._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))


@transaction.atomic
def plan_send_copy(*, actor, plan: CorrectiveActionPlan) -> CorrectiveActionPlan:
    """The leader sends the approved plan's copy to the working group (§9.3)."""
    if not permissions.can_send_plan_copy(actor, plan):
        raise PermissionDenied(_("Копию утверждённого плана направляет лидер 5S-команды."))
    original = plan
    plan = CorrectiveActionPlan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    if plan.copy_sent_at is None:
        plan.copy_sent_at = timezone.now()
        plan.save(update_fields=["copy_sent_at"])
        group = working_group_current()
        notifications.notify(
            kind=notices.PLAN_COPY,
            subject=plan,
            recipients=[group.head] if group and group.head_id else [],
        )
    _refresh(original, plan)
    return plan


# --- internal audits and photo reports (§4.6, Appendix 7) -----------------------------------------


@transaction.atomic
def workspace_part_create(*, actor, agency, name: str) -> WorkspacePart:
    if not permissions.can_write_internal(actor, agency.pk):
        raise PermissionDenied(_("Внутренний аудит проводит 5S-команда ОИВ ЯО / СППО."))
    name = (name or "").strip()
    if not name:
        raise ApplicationError(
            _("Укажите № кабинета или вид помещения."), details={"name": _("Обязательное поле.")}
        )
    part, _created = WorkspacePart.objects.get_or_create(agency=agency, name=name)
    return part


@transaction.atomic
def internal_audit_save(
    *, actor, agency, conducted_on: datetime.date, scores: dict
) -> InternalAudit:
    """Record the month's internal audit: `scores` maps (part id, step 1–4) to a score 1–5.
    One internal audit per agency and month; saving again replaces that month's scores."""
    from audits.choices import INTERNAL_AUDIT_STEPS

    if not permissions.can_write_internal(actor, agency.pk):
        raise PermissionDenied(_("Внутренний аудит проводит 5S-команда ОИВ ЯО / СППО."))
    if conducted_on is None or conducted_on > calendar.today():
        raise ApplicationError(
            _("Внутренний аудит не сохранён."),
            details={"conducted_on": _("Укажите дату проведения (не позднее сегодняшней).")},
        )
    if past_date_error(conducted_on):
        raise ApplicationError(
            _("Внутренний аудит не сохранён."),
            details={"conducted_on": past_date_error(conducted_on)},
        )
    parts = set(WorkspacePart.objects.filter(agency=agency).values_list("pk", flat=True))
    errors = {}
    clean = {}
    for (part_id, step), value in scores.items():
        key = f"{part_id}-{step}"
        if value in (None, ""):
            continue
        if part_id not in parts or step not in INTERNAL_AUDIT_STEPS:
            errors[key] = _("Внутренний аудит оценивает части рабочего пространства по шагам 1–4.")
        elif not scoring.is_valid_score(value):
            errors[key] = _("Оценка должна быть целым числом от 1 до 5.")
        else:
            clean[(part_id, step)] = value
    if not clean and not errors:
        errors["scores"] = _("Выставьте оценки хотя бы одной части рабочего пространства.")
    if errors:
        raise ApplicationError(_("Внутренний аудит не сохранён."), details=errors)
    month = conducted_on.replace(day=1)
    # One internal audit per agency and month: two saves of the month take turns.
    type(agency).objects.select_for_update().filter(pk=agency.pk).first()
    internal, _created = InternalAudit.objects.update_or_create(
        agency=agency, month=month, defaults={"conducted_on": conducted_on, "created_by": actor}
    )
    internal.scores.all().delete()
    InternalScore.objects.bulk_create(
        [
            InternalScore(internal_audit=internal, part_id=part_id, step=step, score=value)
            for (part_id, step), value in clean.items()
        ]
    )
    return internal


@transaction.atomic
def photo_upload(
    *,
    actor,
    agency,
    upload,
    taken_on: datetime.date,
    place: str,
    subject: str,
    photographer: str,
    problem: str = "",
    part=None,
    internal_audit=None,
    before=None,
) -> Photo:
    """Add a photo to the photo report (§4.6): the explanation the recommendations require
    (date, place, subject, problem, photographer) and a validated, oriented image stored
    under a generated name, with a thumbnail. A repeat photo names the earlier one (before)."""
    if not permissions.can_write_internal(actor, agency.pk):
        raise PermissionDenied(_("Фотоотчёт готовит 5S-команда ОИВ ЯО / СППО."))
    errors = {}
    for name, value in (("place", place), ("subject", subject), ("photographer", photographer)):
        if not (value or "").strip():
            errors[name] = _("Обязательное поле.")
    if taken_on is None or taken_on > calendar.today():
        errors["taken_on"] = _("Укажите дату фотосъёмки (не позднее сегодняшней).")
    elif past_date_error(taken_on):
        errors["taken_on"] = past_date_error(taken_on)
    if len(problem or "") > PHOTO_PROBLEM_MAX_LENGTH:
        errors["problem"] = _("Текст длиннее %(max)s символов.") % {"max": PHOTO_PROBLEM_MAX_LENGTH}
    if before is not None and before.agency_id != agency.pk:
        errors["before"] = _("Повторный снимок сопоставляется со снимком того же ОИВ ЯО / СППО.")
    elif before is not None and taken_on and before.taken_on > taken_on:
        errors["before"] = _("Снимок «до» должен быть сделан раньше повторного.")
    if part is not None and part.agency_id != agency.pk:
        errors["part"] = _("Часть рабочего пространства другого ОИВ ЯО / СППО.")
    if errors:
        raise ApplicationError(_("Фотоснимок не сохранён."), details=errors)
    image = process_image(upload, field="image")
    photo = Photo(
        agency=agency,
        internal_audit=internal_audit,
        part=part,
        taken_on=taken_on,
        place=place.strip(),
        subject=subject.strip(),
        problem=(problem or "").strip(),
        photographer=photographer.strip(),
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        before=before,
        uploaded_by=actor,
    )
    photo.image.save(image.name, ContentFile(image.content), save=False)
    photo.thumbnail.save(image.thumbnail_name, ContentFile(image.thumbnail), save=False)
    photo.full_clean()
    photo.save()
    return photo
