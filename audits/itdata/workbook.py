"""The month's workbook of the IT department's data: a template with every agency, and its
parser. A bad cell names its row and column; nothing is saved unless every row is good."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from agencies.models import Agency
from core.documents import XlsxColumn, XlsxSheet, build_xlsx
from core.exceptions import ApplicationError
from core.periods import format_month

# The template's layout: two heading lines, the column titles, then one row per agency.
HEADING_LINES = 2
FIRST_ROW = HEADING_LINES + 2
COLUMNS = ("A", "B", "C", "D")
# More rows than the region has agencies is a wrong file, not a reason to read a million rows.
ROW_MARGIN = 200
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def template_filename(month: datetime.date) -> str:
    return f"it-standard-{format_month(month)}.xlsx"


def template_workbook(month: datetime.date, records: dict[int, tuple[int, int]]) -> bytes:
    """Every agency in a row (its portal number, name, workplaces, complying), with the month's
    numbers already entered where there are some."""
    rows = []
    for agency in Agency.objects.order_by("short_name", "pk"):
        workplaces, compliant = records.get(agency.pk, (None, None))
        rows.append([agency.pk, agency.short_name, workplaces, compliant])
    return build_xlsx(
        [
            XlsxSheet(
                title=format_month(month),
                heading=[
                    _("Соответствие рабочих мест ИТ-стандарту (критерий 4.3) за месяц %(month)s")
                    % {"month": format_month(month)},
                    _(
                        "Заполните столбцы C и D; строку без данных оставьте пустой. "
                        "Столбцы A и B не изменяйте."
                    ),
                ],
                columns=[
                    XlsxColumn(_("№ в портале"), 10),
                    XlsxColumn(_("ОИВ ЯО / СППО"), 44),
                    XlsxColumn(_("Рабочих мест всего"), 16),
                    XlsxColumn(_("Из них соответствуют ИТ-стандарту"), 20),
                ],
                rows=rows,
            )
        ]
    )


@dataclass(frozen=True)
class ParsedRow:
    row: int
    agency_id: int
    workplaces: int
    compliant: int


def _cell_error(row: int, column: str, message: str) -> str:
    return _("Строка %(row)s, столбец %(column)s: %(message)s") % {
        "row": row,
        "column": column,
        "message": message,
    }


def _whole_number(value) -> int | None:
    """A cell's non-negative whole number, or None when it is not one (text, 2.5, -1, a date)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def parse_workbook(content: bytes) -> list[ParsedRow]:
    """The filled rows of an uploaded template. Raises ApplicationError naming every bad cell
    (details map "row N" to its message), or the file's problem when it is not the template."""
    from openpyxl import load_workbook

    if len(content) > MAX_UPLOAD_BYTES:
        raise ApplicationError(_("Файл больше 2 МБ: это не шаблон данных за месяц."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ApplicationError(
            _("Файл не читается как книга Excel (.xlsx): %(error)s") % {"error": error}
        ) from error
    except Exception as error:  # a damaged part of the package: openpyxl raises many kinds
        raise ApplicationError(
            _("Файл повреждён и не читается как книга Excel (.xlsx).")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        known = set(Agency.objects.values_list("pk", flat=True))
        last_row = FIRST_ROW + len(known) + ROW_MARGIN
        errors: dict[str, str] = {}
        parsed: list[ParsedRow] = []
        seen: dict[int, int] = {}
        try:
            rows = list(
                sheet.iter_rows(
                    min_row=FIRST_ROW, max_row=last_row, max_col=len(COLUMNS), values_only=True
                )
            )
        except Exception as error:
            raise ApplicationError(
                _("Лист книги повреждён и не читается: %(error)s") % {"error": error}
            ) from error
    finally:
        workbook.close()
    for offset, values in enumerate(rows):
        number = FIRST_ROW + offset
        values = tuple(values) + (None,) * (len(COLUMNS) - len(values))
        agency_cell, _name, workplaces_cell, compliant_cell = values[: len(COLUMNS)]
        if workplaces_cell in (None, "") and compliant_cell in (None, ""):
            continue
        key = f"row {number}"
        agency_id = _whole_number(agency_cell)
        if agency_id is None or agency_id not in known:
            errors[key] = _cell_error(number, "A", _("нет такого ОИВ ЯО / СППО в портале"))
            continue
        if agency_id in seen:
            errors[key] = _cell_error(
                number,
                "A",
                _("ОИВ ЯО / СППО уже указан в строке %(row)s") % {"row": seen[agency_id]},
            )
            continue
        seen[agency_id] = number
        workplaces = _whole_number(workplaces_cell)
        if workplaces is None or workplaces < 1:
            errors[key] = _cell_error(
                number, "C", _("укажите целое число рабочих мест, не меньше 1")
            )
            continue
        compliant = _whole_number(compliant_cell)
        if compliant is None:
            errors[key] = _cell_error(
                number, "D", _("укажите целое число соответствующих рабочих мест")
            )
            continue
        if compliant > workplaces:
            errors[key] = _cell_error(
                number, "D", _("соответствующих рабочих мест больше, чем рабочих мест всего")
            )
            continue
        parsed.append(ParsedRow(number, agency_id, workplaces, compliant))
    if errors:
        raise ApplicationError(
            _("Данные не сохранены: исправьте строки с ошибками и загрузите файл снова."),
            details=errors,
        )
    if not parsed:
        raise ApplicationError(_("В файле нет заполненных строк: данные не сохранены."))
    return parsed
