"""File plumbing shared by every generated document (PDF through WeasyPrint, XLSX through
openpyxl). A report module only builds its rows or template context and calls these.
"""

import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from openpyxl.worksheet.worksheet import Worksheet

from core.cache import get_or_make

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"


def render_pdf(template_name, context, *, language=None) -> bytes:
    """Render a template under templates/reports/ to PDF bytes.

    Static files (fonts, logos, CSS) resolve against the project's static/ folder, so a PDF
    never reaches outside the portal.

    WeasyPrint's layout costs 0.15 s for a one-page red tag and more for the forms, while the
    same document is printed again and again (a tag reprinted, a signed final sheet ordered by
    several people). The templates inline everything they show (styles, QR codes and photos as
    data URIs), so the HTML decides the PDF: the PDF is kept in the cache under a digest of the
    HTML and of the WeasyPrint version, and any change to the data, the language or a template
    gives another HTML, hence another key. PDFs larger than PDF_CACHE_MAX_BYTES are not kept.
    """
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    return _pdf_from_html(html)


def warm_up_pdf() -> None:
    """Import WeasyPrint and lay out one line in the documents' font, bypassing the cache.

    A process's first PDF pays for importing WeasyPrint and loading its fonts (0.7–0.8 s on a
    2-core machine, measured for issue 18's load test); the web and Celery processes call this
    as they start (core.warmup), so that cost is not paid by the first person to print a tag."""
    import weasyprint

    weasyprint.HTML(
        string="<p style=\"font-family: 'DejaVu Sans'\">Красный ярлык <b>5S</b></p>",
        base_url=_static_base_url(),
    ).write_pdf()


def _static_base_url() -> str:
    return str(settings.BASE_DIR / "static") + "/"


def _pdf_from_html(html: str) -> bytes:
    import weasyprint

    base_url = _static_base_url()
    key = "pdf:" + checksum(f"{weasyprint.__version__}\n{base_url}\n{html}".encode())
    return get_or_make(
        key,
        lambda: weasyprint.HTML(string=html, base_url=base_url).write_pdf(),
        settings.PDF_CACHE_SECONDS,
        keep=lambda content: len(content) <= settings.PDF_CACHE_MAX_BYTES,
    )


@dataclass
class XlsxColumn:
    title: str
    width: float = 14
    number_format: str | None = None  # e.g. "0.00" for scores, "DD.MM.YYYY" for dates


@dataclass(frozen=True)
class XlsxPrintLayout:
    """How a sheet prints: A4 in the given orientation, fitted to one page wide (as many pages
    tall as it takes), with the heading and the column titles repeated on every page."""

    orientation: str = "landscape"
    fit_to_width: bool = True
    repeat_header: bool = True


@dataclass
class XlsxSheet:
    title: str
    columns: list[XlsxColumn]
    rows: object = field(default_factory=list)  # any iterable of sequences
    heading: list[str] = field(default_factory=list)  # lines above the table header
    print_layout: XlsxPrintLayout | None = None


def apply_print_layout(worksheet, layout: XlsxPrintLayout, header_row: int) -> None:
    """The print set-up of `layout` on an openpyxl worksheet (write-only or normal), with rows
    1..header_row repeated on every printed page."""
    _apply_print_layout(worksheet, layout, header_row)


def _apply_print_layout(worksheet, layout: XlsxPrintLayout, header_row: int) -> None:
    # Set on the write-only sheet before its rows: reopening a saved workbook to add a print
    # set-up doubled the time of a 1,000-agency summary (make bench, 11-30).
    worksheet.page_setup.orientation = layout.orientation
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    if layout.fit_to_width:
        worksheet.sheet_properties.pageSetUpPr.fitToPage = True
        worksheet.page_setup.fitToWidth = 1
        worksheet.page_setup.fitToHeight = 0
    if layout.repeat_header:
        worksheet.print_title_rows = f"1:{header_row}"


# Spreadsheet formula injection (CSV/formula injection, OWASP): a text that begins with one of
# these is taken for a formula by Excel or LibreOffice — «=HYPERLINK("http://evil…")» typed as a
# red tag's item name or an auditor's note would become a live link in the region's workbooks.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    """A text a spreadsheet would take for a formula (numbers and dates never are)."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_text(value):
    """A value safe to write into a CSV file: a formula-like text gets a leading single quote,
    as OWASP recommends, so the spreadsheet shows it as text; anything else is returned as is
    (numbers stay numbers)."""
    if is_formula_like(value):
        return "'" + value
    return value


def neutralise_cell(cell) -> None:
    """Make an openpyxl cell holding a formula-like text a text cell: stored as a string (not
    the formula openpyxl infers from a leading «=») and marked with the quote prefix, the
    workbook's own form of the leading single quote, so the spreadsheet neither evaluates it
    nor turns it into a formula when someone edits the cell. The text itself is kept exactly,
    so a workbook read back (the offline sheet) gives what was written."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def neutralise_workbook(workbook) -> None:
    """Neutralise every cell of a (normal, not write-only) workbook before it is saved. The
    portal writes no formulas of its own, so every formula-like cell came from text."""
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                neutralise_cell(cell)


def _cell_value(value):
    # Decimals become real numbers so spreadsheets can sum and chart them; text stays text.
    if isinstance(value, Decimal):
        return float(value)
    return value


def build_xlsx(sheets: list[XlsxSheet]) -> bytes:
    """A workbook with one sheet per document part: frozen header, set widths, typed cells.

    Written in openpyxl's write-only mode, so a 1,000-agency summary does not hold the whole
    object tree in memory. Every text cell is text (`neutralise_cell`): no formula comes from
    what a person typed.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDDDDD")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = column.width
        header_row = len(sheet.heading) + 1
        worksheet.freeze_panes = f"A{header_row + 1}"
        if sheet.print_layout is not None:
            _apply_print_layout(worksheet, sheet.print_layout, header_row)
        for line in sheet.heading:
            cell = WriteOnlyCell(worksheet, value=line)
            neutralise_cell(cell)
            cell.font = bold
            worksheet.append([cell])
        header = []
        for column in sheet.columns:
            cell = WriteOnlyCell(worksheet, value=str(column.title))
            neutralise_cell(cell)
            cell.font = bold
            cell.fill = header_fill
            cell.alignment = wrap
            header.append(cell)
        worksheet.append(header)
        formats = [column.number_format for column in sheet.columns]
        for row in sheet.rows:
            cells = []
            for index, value in enumerate(row):
                cell = WriteOnlyCell(worksheet, value=_cell_value(value))
                neutralise_cell(cell)
                number_format = formats[index] if index < len(formats) else None
                if number_format and value is not None:
                    cell.number_format = number_format
                cells.append(cell)
            worksheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def file_response(content: bytes, content_type: str, filename: str, *, inline=False):
    """A generated document as an HTTP response: opened in the browser or downloaded."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
