"""Offline scoring (the recommendations suggest Excel templates, Appendix 12 note 1): an
auditor downloads their pre-filled Appendix 6 sheet as XLSX, fills it without a connection and
uploads it back. Every invalid cell is reported by its position; nothing is saved unless the
whole workbook is valid.

The workbook is a normal one (openpyxl, not write-only): column A holds the criterion code and
is hidden, the sheet is protected except the score and note cells, score cells carry a 1–5
data validation, and a hidden «meta» sheet names the audit, the auditor and the checklist
edition so a workbook made for someone else is refused.

Each criterion's descriptors of the scores 5…1 (Appendix 2) are in column H and, for the one
reading on a screen, in the comment of its score cell; the sheet prints on A4 landscape fitted
to the width with the heading and column titles on every page (issue 17, item 9). The parser
reads only columns A–E, so the added column changes nothing of the upload.
"""

import io
import zipfile
from typing import NoReturn
from xml.etree import ElementTree

from django.db import transaction
from django.utils.translation import gettext as _

from audits import selectors, services
from audits.choices import (
    NOTE_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    XLSX_SPARE_ROWS,
    XLSX_UNPACKED_MAX_BYTES,
    XLSX_UPLOAD_MAX_BYTES,
)
from core.documents import XlsxPrintLayout, apply_print_layout, neutralise_workbook
from core.exceptions import ApplicationError

SHEET_TITLE = "Оценочный лист"
META_TITLE = "meta"
FIRST_ROW = 7  # rows 1–5: heading, 6: column titles
COL_CODE, COL_STEP, COL_NUMBER, COL_SCORE, COL_NOTE, COL_TITLE, COL_REASON, COL_DESCRIPTORS = range(
    1, 9
)
PRINT_LAYOUT = XlsxPrintLayout(orientation="landscape", fit_to_width=True, repeat_header=True)
META_ROWS = 10  # the meta sheet holds three rows; a few more are read, never the whole sheet
SCORE_LETTER = "D"
NOTE_LETTER = "E"


def sheet_filename(sheet) -> str:
    return f"audit-{sheet.audit_id}-sheet-{sheet.auditor_id}.xlsx"


def descriptors_text(criterion) -> str:
    """«5 — …», «4 — …», … «1 — …» of one criterion (Appendix 2): each score with the
    descriptors of its indicator rows; a merged (empty) cell is left out, never invented."""
    lines = []
    for score in (5, 4, 3, 2, 1):
        texts = [
            " ".join(str(text).split())
            for row in criterion.indicator_rows()
            for shown, text in row
            if shown == score and text
        ]
        if texts:
            lines.append(f"{score} — " + "; ".join(texts))
    return "\n".join(lines)


def sheet_workbook(sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
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
        "Описание оценок 5…1 (приложение 2)",
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
        ws.cell(row=r, column=COL_TITLE, value=row["criterion"].shown_title).alignment = wrap
        note.alignment = wrap
        descriptors = descriptors_text(row["criterion"])
        if descriptors:
            ws.cell(row=r, column=COL_DESCRIPTORS, value=descriptors).alignment = wrap
            comment = Comment(descriptors, "5S-портал")
            comment.width, comment.height = 480, 320
            score.comment = comment
        if row["reason"]:
            ws.cell(row=r, column=COL_REASON, value=str(row["reason_label"]))
            score.fill = PatternFill("solid", fgColor="EEEEEE")
        else:
            score.protection = Protection(locked=False)
            validation.add(score.coordinate)
        note.protection = Protection(locked=False)
    ws.column_dimensions["A"].hidden = True
    for letter, width in zip("BCDEFGH", (6, 11, 9, 40, 50, 20, 90), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"D{FIRST_ROW}"
    apply_print_layout(ws, PRINT_LAYOUT, FIRST_ROW - 1)
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


def _refuse(message, details=None) -> NoReturn:
    raise ApplicationError(message, details=details or {"file": message})


# The parts of a workbook that openpyxl reads when it opens one; a broken one is named.
_OPENED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml")


def _check_package(content: bytes) -> None:
    """Refuse what is not a small, well-formed XLSX package before openpyxl opens it: not a zip,
    too large, unpacking to far more than a sheet, or one of the parts read on opening (the
    workbook, the styles) not XML. Each refusal names the problem."""
    if len(content) > XLSX_UPLOAD_MAX_BYTES:
        _refuse(
            _("Файл больше %(size)s МБ: это не оценочный лист, скачанный с портала.")
            % {"size": XLSX_UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        _refuse(_("Файл не является книгой Excel (XLSX): загрузите файл, скачанный с портала."))
    if sum(info.file_size for info in infos) > XLSX_UNPACKED_MAX_BYTES:
        _refuse(_("Книга Excel распаковывается в слишком большой объём: это не оценочный лист."))
    names = {info.filename for info in infos}
    for part in _OPENED_PARTS:
        if part not in names:
            _refuse(_("Книга Excel повреждена: в ней нет части %(part)s.") % {"part": part})
        try:
            ElementTree.fromstring(package.read(part))
        except Exception:  # ParseError, a broken deflate stream, a bad CRC: the part is damaged
            _refuse(
                _("Книга Excel повреждена: часть %(part)s не читается (не является XML).")
                % {"part": part}
            )


def _read_rows(ws, *, last_row: int, last_column: int, title: str) -> list[tuple]:
    """The values of rows 1..last_row, columns 1..last_column of a read-only sheet. Rows and
    columns beyond are never parsed (a cell at row 1,048,576 costs nothing); a damaged sheet
    XML is a refusal naming the sheet."""
    try:
        return [
            tuple(row)
            for row in ws.iter_rows(
                min_row=1, max_row=last_row, max_col=last_column, values_only=True
            )
        ]
    except Exception:  # ParseError, a truncated stream, a malformed cell reference
        _refuse(_("Книга Excel повреждена: лист «%(title)s» не читается.") % {"title": title})


def parse_sheet_workbook(sheet, content: bytes) -> tuple[dict, dict]:
    """Scores and notes from an uploaded workbook, or ApplicationError listing every bad cell
    (details keyed by cell position such as "D7").

    Only the cells the portal wrote are read: the meta sheet's first rows and, on the score
    sheet, columns A–E of the criterion rows (plus a few spare rows), in openpyxl's read-only
    mode, so the size of what a file claims to hold does not matter."""
    from openpyxl import load_workbook

    _check_package(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # whatever else is broken in the package's structure
        _refuse(_("Книга Excel повреждена и не открывается: загрузите файл, скачанный с портала."))
    try:
        return _parse_opened(sheet, workbook)
    finally:
        workbook.close()


def _parse_opened(sheet, workbook) -> tuple[dict, dict]:
    if SHEET_TITLE not in workbook.sheetnames or META_TITLE not in workbook.sheetnames:
        _refuse(
            _("В книге нет листа «%(title)s»: загрузите файл, скачанный с портала.")
            % {"title": SHEET_TITLE}
        )
    meta_rows = _read_rows(
        workbook[META_TITLE], last_row=META_ROWS, last_column=2, title=META_TITLE
    )
    meta = {row[0]: row[1] for row in meta_rows if row and len(row) >= 2}
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
    last_row = FIRST_ROW + len(criteria) + XLSX_SPARE_ROWS
    rows = _read_rows(
        workbook[SHEET_TITLE], last_row=last_row, last_column=COL_NOTE, title=SHEET_TITLE
    )
    scores, notes, errors, seen = {}, {}, {}, set()
    for r, values in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        values = tuple(values) + (None,) * (COL_NOTE - len(values))
        code, score, note = values[COL_CODE - 1], values[COL_SCORE - 1], values[COL_NOTE - 1]
        if code is None and score is None and note is None:
            continue
        position = f"{SCORE_LETTER}{r}"
        where = _('Лист "%(sheet)s", ячейка %(cell)s') % {"sheet": SHEET_TITLE, "cell": position}
        row = criteria.get(str(code).strip()) if code is not None else None
        if row is None:
            errors[f"A{r}"] = _(
                'Лист "%(sheet)s", строка %(row)s: неизвестный критерий «%(code)s».'
            ) % {"sheet": SHEET_TITLE, "row": r, "code": str(code)[:20]}
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
            text = str(note)
            if len(text) > NOTE_MAX_LENGTH:
                note_cell = f"{NOTE_LETTER}{r}"
                errors[note_cell] = _(
                    'Лист "%(sheet)s", ячейка %(cell)s: примечание длиннее %(max)s символов.'
                ) % {"sheet": SHEET_TITLE, "cell": note_cell, "max": NOTE_MAX_LENGTH}
            else:
                notes[row["code"]] = text
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


@transaction.atomic
def sheet_upload(*, actor, sheet, content: bytes):
    """Upload a filled workbook as the sheet's draft: one transaction that locks the sheet
    (and re-reads its state), checks the whole workbook and saves it through the usual
    service, so a refusal anywhere saves nothing (issue 10: the lock used to be taken outside
    any transaction, a server error on PostgreSQL)."""
    services.sheet_check_writable(actor=actor, sheet=sheet)
    scores, notes = parse_sheet_workbook(sheet, content)
    return services.sheet_save(actor=actor, sheet=sheet, scores=scores, notes=notes)
