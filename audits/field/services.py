"""The field score sheet's one write: a single answer (score and note of one criterion),
saved as it is made (issue 17, item 1; Appendix 6, §5.6 of the Regulation, seed 003 L5485).

The rules are those of the whole sheet (audits.services.sheets): only the sheet's auditor,
only a draft of an audit not yet signed, scores 1..5 on applicable criteria, notes up to
NOTE_MAX_LENGTH. An answer names the version of the answer it replaces (`base`, from
audits.field.selectors.answer_versions); when the server holds a newer, different answer (made
on another device or on the desktop sheet) the answer is refused with AnswerConflict (409)
carrying the server's answer, so the auditor chooses — nothing is overwritten silently.
Repeats of one answer are recognised by its Idempotency-Key (core.idempotency.run_once)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from audits.field.selectors import answer_versions
from audits.models import Criterion, Score, ScoreSheet
from audits.services.sheets import sheet_check_writable, sheet_errors
from core.exceptions import ApplicationError, ConflictError


@dataclass(frozen=True)
class Answer:
    """One criterion's answer as the server holds it."""

    criterion: str
    score: int | None
    note: str
    version: int


class AnswerConflict(ConflictError):
    """A newer answer from elsewhere stands on the server: `current` is that answer."""

    def __init__(self, message: str, current: Answer):
        super().__init__(message, details={current.criterion: message})
        self.current = current


@transaction.atomic
def sheet_answer(
    *,
    actor,
    sheet: ScoreSheet,
    criterion_code: str,
    score: int | None,
    note: str | None,
    base: int | None,
) -> Answer:
    """Save one criterion's score and note on the sheet (None score: not scored yet; None
    note: keep the note). `base` is the version the device last saw (0: none); None skips the
    check (the device knows no version: the answer simply wins, as the desktop form does)."""
    sheet_check_writable(actor=actor, sheet=sheet)  # locks the sheet: answers queue up
    criterion = Criterion.objects.filter(
        version_id=sheet.audit.checklist_id, code=criterion_code
    ).first()
    if criterion is None:
        raise ApplicationError(
            _("В чек-листе нет критерия %(code)s.") % {"code": criterion_code},
            details={
                "criterion": _("В чек-листе нет критерия %(code)s.") % {"code": criterion_code}
            },
        )
    row = Score.objects.filter(sheet=sheet, criterion=criterion).first()
    note = (row.note if row else "") if note is None else note
    errors = sheet_errors(
        sheet.audit,
        [criterion],
        {} if score is None else {criterion_code: score},
        {criterion_code: note},
    )
    if errors:
        raise ApplicationError(
            _("Ответ не сохранён: %(error)s") % {"error": errors[criterion_code]},
            details=errors,
        )
    note = note.strip()
    version = answer_versions(sheet, [criterion.pk]).get(criterion.pk, 0)
    current = Answer(criterion_code, row.score if row else None, row.note if row else "", version)
    if (current.score, current.note) == (score, note):
        return current  # already so: nothing to write, nothing to refuse
    if base is not None and base != version:
        raise AnswerConflict(
            _(
                "Критерий %(code)s: на сервере есть более новый ответ (оценка %(score)s), "
                "сделанный на другом устройстве. Выберите, какой ответ оставить."
            )
            % {"code": criterion_code, "score": current.score if current.score else "—"},
            current,
        )
    if row is None:
        row = Score(sheet=sheet, criterion=criterion)
    row.score, row.note = score, note
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()
    sheet.save(update_fields=["updated_at"])
    return Answer(criterion_code, score, note, answer_versions(sheet, [criterion.pk])[criterion.pk])
