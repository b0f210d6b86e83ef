"""Offline scoring (the recommendations suggest Excel templates, Appendix 12 note 1): an
auditor downloads their pre-filled Appendix 6 sheet as XLSX, fills it without a connection and
uploads it back. Every invalid cell is reported by its position; nothing is saved unless the
whole workbook is valid.

The workbook is a normal one (openpyxl, not write-only): column A holds the criterion code and
is hidden, the sheet is protected except the score and note cells, score cells carry a 1–5
data validation, and a hidden «meta» sheet names the audit, the auditor and the checklist
edition so a workbook made for someone else is refused.
"""

import io
import zipfile

from django.utils.translation import gettext as _

from audits import selectors, services
from audits.choices import SCORE_MAX, SCORE_MIN
from core.documents import neutralise_workbook
from core.exceptions import ApplicationError

SHEET_TITLE = "Оценочный лист"
META_TITLE = "meta"
FIRST_ROW = 7  # rows 1–5: heading, 6: column titles
COL_CODE, COL_STEP, COL_NUMBER, COL_SCORE, COL_NOTE, COL_TITLE, COL_REASON = range(1, 8)
SCORE_LETTER = "D"
NOTE_LETTER = "E"


def sheet_filename(sheet) -> str:
    return f"audit-{sheet.audit_id}-sheet-{sheet.auditor_id}.xlsx"


def sheet_workbook(sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    audit = sheet.audit
    rows = selectors.sheet_rows(sheet)
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_TITLE
    bold = Font(bold=True)
    ws["B1"] = "Оценочный лист состояния рабочего пространства (приложение 6)"
    ws["B1"].font = Font(bold=True, size=13)
    ws["B2"] = f"Наименование ОИВ ЯО или СППО: {audit.agency.full_name}"
    ws["B3"] = f"Ф.И.О. члена рабочей группы: {sheet.auditor.full_name}"
    ws["B4"] = f"Дата проведения аудита: {audit.date:%d.%m.%Y}"
    ws["B5"] = (
        f"Оценка — целое число от {SCORE_MIN} до {SCORE_MAX} в столбце {SCORE_LETTER}; "
        f"примечания — в столбце {NOTE_LETTER}."
    )
    headers = [
        "code",
        "Шаг",
        "№ критерия",
        "Оценка",
        "Примечания",
        "Критерий оценки",
        "Не оценивается",
    ]
    for column, title in enumerate(headers, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=column, value=title)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1=str(SCORE_MIN),
        formula2=str(SCORE_MAX),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Оценка",
        error=f"Оценка — целое число от {SCORE_MIN} до {SCORE_MAX}.",
    )
    ws.add_data_validation(validation)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, row in enumerate(rows):
        r = FIRST_ROW + index
        ws.cell(row=r, column=COL_CODE, value=row["code"])
        ws.cell(row=r, column=COL_STEP, value=row["step"])
        ws.cell(row=r, column=COL_NUMBER, value=row["code"])
        score = ws.cell(row=r, column=COL_SCORE, value=row["score"])
        note = ws.cell(row=r, column=COL_NOTE, value=row["note"] or None)
        ws.cell(row=r, column=COL_TITLE, value=row["criterion"].title).alignment = wrap
        note.alignment = wrap
        if row["reason"]:
            ws.cell(row=r, column=COL_REASON, value=str(row["reason_label"]))
            score.fill = PatternFill("solid", fgColor="EEEEEE")
        else:
            score.protection = Protection(locked=False)
            validation.add(score.coordinate)
        note.protection = Protection(locked=False)
    ws.column_dimensions["A"].hidden = True
    for letter, width in zip("BCDEFG", (6, 11, 9, 40, 70, 28), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"D{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.formatCells = False
    meta = workbook.create_sheet(META_TITLE)
    meta.append(["audit", audit.pk])
    meta.append(["auditor", sheet.auditor_id])
    meta.append(["checklist", audit.checklist.version])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    neutralise_workbook(workbook)  # notes are free text: no formula from them (issue 13)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _refuse(message, details=None):
    raise ApplicationError(message, details=details or {"file": message})


def parse_sheet_workbook(sheet, content: bytes) -> tuple[dict, dict]:
    """Scores and notes from an uploaded workbook, or ApplicationError listing every bad cell
    (details keyed by cell position such as "D7")."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        _refuse(_("Файл не является книгой Excel (XLSX) или повреждён."))
    if SHEET_TITLE not in workbook.sheetnames or META_TITLE not in workbook.sheetnames:
        _refuse(
            _("В книге нет листа «%(title)s»: загрузите файл, скачанный с портала.")
            % {"title": SHEET_TITLE}
        )
    meta = {row[0]: row[1] for row in workbook[META_TITLE].iter_rows(values_only=True) if row}
    audit = sheet.audit
    if (
        str(meta.get("audit")) != str(audit.pk)
        or str(meta.get("checklist")) != audit.checklist.version
    ):
        _refuse(_("Книга составлена для другого аудита: скачайте оценочный лист этого аудита."))
    if str(meta.get("auditor")) != str(sheet.auditor_id):
        _refuse(
            _("Книга составлена для другого члена рабочей группы: загрузите свой оценочный лист.")
        )
    criteria = {row["code"]: row for row in selectors.sheet_rows(sheet)}
    ws = workbook[SHEET_TITLE]
    scores, notes, errors, seen = {}, {}, {}, set()
    for r in range(FIRST_ROW, ws.max_row + 1):
        code = ws.cell(row=r, column=COL_CODE).value
        score = ws.cell(row=r, column=COL_SCORE).value
        note = ws.cell(row=r, column=COL_NOTE).value
        if code is None and score is None and note is None:
            continue
        position = f"{SCORE_LETTER}{r}"
        where = _('Лист "%(sheet)s", ячейка %(cell)s') % {"sheet": SHEET_TITLE, "cell": position}
        row = criteria.get(str(code).strip()) if code is not None else None
        if row is None:
            errors[f"A{r}"] = _(
                'Лист "%(sheet)s", строка %(row)s: неизвестный критерий «%(code)s».'
            ) % {"sheet": SHEET_TITLE, "row": r, "code": code}
            continue
        seen.add(row["code"])
        value = _score_value(score)
        if value is _INVALID:
            errors[position] = _("%(where)s: оценка должна быть целым числом от 1 до 5.") % {
                "where": where
            }
        elif value is not None and row["reason"]:
            errors[position] = _("%(where)s: критерий %(code)s не оценивается (%(reason)s).") % {
                "where": where,
                "code": row["code"],
                "reason": row["reason_label"],
            }
        elif value is not None:
            scores[row["code"]] = value
        if note is not None:
            notes[row["code"]] = str(note)
    missing = sorted(set(criteria) - seen)
    if missing and not errors:
        errors["file"] = _("В книге нет строк критериев %(codes)s.") % {"codes": ", ".join(missing)}
    if errors:
        raise ApplicationError(
            _("Оценочный лист не загружен: исправьте ячейки (%(n)s).") % {"n": len(errors)},
            details=errors,
        )
    return scores, notes


_INVALID = object()


def _score_value(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return _INVALID
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and SCORE_MIN <= value <= SCORE_MAX:
        return value
    return _INVALID


def sheet_upload(*, actor, sheet, content: bytes):
    """Check the whole workbook, then save it as the sheet's draft through the usual service."""
    services._check_sheet_writable(actor, sheet)
    scores, notes = parse_sheet_workbook(sheet, content)
    return services.sheet_save(actor=actor, sheet=sheet, scores=scores, notes=notes)
