"""The auditors' individual score sheets (Appendix 6): saving the draft and handing it in."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from audits import permissions, rules, scoring
from audits.choices import NOTE_MAX_LENGTH, SheetStatus, Unscored
from audits.models import Audit, Criterion, Decision, Score, ScoreSheet
from core import calendar
from core.exceptions import ApplicationError, ConflictError
from core.services import check_permission


def _criteria_of(audit):
    # The descriptor texts (both languages, JSON) play no part in saving or handing in a sheet;
    # decoding them was a quarter of a save's server time (issue 18's load test).
    return list(
        Criterion.objects.filter(version_id=audit.checklist_id)
        .defer("indicators", "indicators_en")
        .order_by("step_number", "position")
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
    check_permission(
        permissions.can_view_sheet(actor, sheet),
        _("Это оценочный лист другого члена рабочей группы."),
    )
    if sheet.audit.is_finalised:
        raise ConflictError(_("Итоговый оценочный лист подписан: оценки изменить нельзя."))
    if sheet.is_submitted:
        raise ConflictError(_("Оценочный лист сдан: изменить его нельзя."))
    check_permission(
        permissions.can_edit_sheet(actor, sheet),
        _("Оценочный лист заполняет сам член рабочей группы."),
    )


def sheet_errors(audit, criteria, scores: dict, notes: dict) -> dict:
    """Per-criterion errors of a whole sheet (keys: criterion codes or 'scores'/'notes')."""
    by_code = {c.code: c for c in criteria}
    errors = {}
    for code in sorted(set(scores) | set(notes)):
        if code not in by_code:
            errors[code] = _("В чек-листе нет критерия %(code)s.") % {"code": code}
    for code, value in scores.items():
        criterion = by_code.get(code)
        if criterion is None or value is None or value == "":
            continue
        reason = rules.unscored_reason(audit, criterion)
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
            }[Unscored(reason)] % {"code": code, "step": criterion.step_number}
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
    # The history records who changed which score and note (issue 13, item 4).
    bulk_create_with_history(to_create, Score, default_user=actor)
    bulk_update_with_history(to_update, Score, ["score", "note"], default_user=actor)
    sheet.save(update_fields=["updated_at"])
    return sheet


@transaction.atomic
def sheet_submit(*, actor, sheet: ScoreSheet, today=None) -> ScoreSheet:
    """Hand the sheet to the group head (§4.10, seed 003 L597–L601): every applicable criterion
    must be scored; the sheet is then locked. Sheets are handed in «после завершения внешнего
    аудита» (L601), so never before the audit's day."""
    _check_sheet_writable(actor, sheet)
    criteria = _criteria_of(sheet.audit)
    scored = set(
        Score.objects.filter(sheet=sheet, score__isnull=False).values_list(
            "criterion__code", flat=True
        )
    )
    missing = [c.code for c in criteria if c.code in rules.applicable_codes(sheet.audit, criteria)]
    missing = [code for code in missing if code not in scored]
    if missing:
        raise ApplicationError(
            _("Оценочный лист не сдан: не выставлены оценки по критериям %(codes)s.")
            % {"codes": ", ".join(missing)},
            details={code: _("Выставьте оценку от 1 до 5.") for code in missing},
        )
    today = today or calendar.today()
    if today < sheet.audit.date:
        message = _(
            "Оценочный лист сдаётся в день аудита или позже: аудит назначен на %(date)s."
        ) % {"date": sheet.audit.date.strftime("%d.%m.%Y")}
        raise ApplicationError(message, details={"date": message})
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["status", "submitted_at", "updated_at"])
    return sheet


@transaction.atomic
def sheet_withdraw(*, actor, sheet: ScoreSheet) -> ScoreSheet:
    """Take a handed-in sheet back to the draft (issue 17, item 2): its auditor (or an
    administrator on their behalf) may, until the group head records a collegial decision
    or signs the final sheet (§4.10, L601; §5.6, L5485–L5487): after that the head's work
    rests on it."""
    # The audit's row first, as decision_record and final_sheet_finalise lock it (via
    # locked_audit): a withdrawal and a decision run one after the other, never both.
    audit = Audit.objects.select_for_update().get(pk=sheet.audit_id)
    locked = ScoreSheet.objects.select_for_update().filter(pk=sheet.pk).values("status").first()
    if locked is not None:
        sheet.status = locked["status"]
    sheet.audit.status = audit.status
    check_permission(
        permissions.can_view_sheet(actor, sheet),
        _("Это оценочный лист другого члена рабочей группы."),
    )
    if audit.is_finalised:
        raise ConflictError(_("Итоговый оценочный лист подписан: отозвать оценочный лист нельзя."))
    if not sheet.is_submitted:
        raise ConflictError(_("Оценочный лист не сдан: отзывать нечего."))
    if Decision.objects.filter(final_sheet__audit_id=audit.pk).exists():
        raise ConflictError(
            _(
                "Руководитель рабочей группы уже записал коллегиальное решение по этому аудиту: "
                "отозвать оценочный лист нельзя."
            )
        )
    check_permission(
        permissions.can_withdraw_sheet(actor, sheet),
        _("Отозвать оценочный лист может только сам член рабочей группы."),
    )
    sheet.status = SheetStatus.DRAFT
    sheet.submitted_at = None
    sheet._history_user = actor  # type: ignore[attr-defined]
    sheet.save(update_fields=["status", "submitted_at", "updated_at"])
    return sheet
