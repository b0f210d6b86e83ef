"""A PDF renderer made for long tables, for the one document that is nothing but a table of
every agency: the summary report of Appendix 13 (issue 18, item 5).

WeasyPrint lays a document out as a whole: the region's summary (1,000 rows) took 4.5 s and
10,000 rows 54 s and 1.3 GB of memory, and no change of layout moved that by more than ~10 %.
Here each row is measured once (its cells wrapped with the font's metrics), pages are cut from
the measured heights, and each page is drawn straight onto reportlab's canvas, so time grows
with the rows and memory stays near the rows' text. The page looks like core.documents'
WeasyPrint documents (templates/reports/_pdf_base.html): A4 landscape, the same margins, DejaVu
Sans (embedded from core/fonts, so the file looks the same wherever it is made), grey header
cells repeated on every page, «Страница N из M» and the document's name in the footer. Form-like
documents (score sheets, plans, standards) stay with WeasyPrint.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.text import Truncator
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

# The measures of templates/reports/_pdf_base.html, in points.
PAGE = landscape(A4)
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 12 * mm, 10 * mm, 14 * mm
BODY_SIZE, TITLE_SIZE, NOTE_SIZE, FOOTER_SIZE = 8.5, 12.0, 7.5, 7.5
LEADING = 1.2  # line height as a multiple of the font size
PAD_X, PAD_Y = 3.0, 2.0
BORDER = 0.6
INK, BORDER_INK, MUTED_INK, NOTE_INK = (
    HexColor("#111111"),
    HexColor("#444444"),
    HexColor("#666666"),
    HexColor("#444444"),
)
HEADER_FILL = HexColor("#e6e6e6")
FOOTER_TEXT_LIMIT = 90  # the footer's `truncatechars:90` of templates/reports/_pdf_base.html


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table's width; the shares are normalised to 1
    align: str = "left"  # "left", "right" or "center"


@dataclass(frozen=True)
class Span:
    """A cell across the row's remaining columns (a note where the figures would be)."""

    text: str
    muted: bool = True


Cell = str | Span


@dataclass(frozen=True)
class LongTable:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Cell]]
    form_note: str = ""  # «Приложение 13 к Методическим рекомендациям», top right
    empty_text: str = ""  # the one row shown when there are none
    closing: str = ""  # a muted line after the table («Сформировано: …»)
    footer: str = ""  # bottom left of every page; the title when empty
    page_label: str = "%(page)s / %(pages)s"  # bottom right, translated by the caller


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


@dataclass
class _Row:
    cells: list[tuple[list[str], float, float, str, Color]]  # lines, x, width, align, ink
    height: float
    bold: bool = False
    fill: Color | None = None


class _Layout:
    def __init__(self, columns: Sequence[Column]):
        self.width = PAGE[0] - 2 * MARGIN_SIDE
        total = sum(column.share for column in columns)
        self.columns = columns
        self.edges = [MARGIN_SIDE]
        for column in columns:
            self.edges.append(self.edges[-1] + self.width * column.share / total)

    def row(self, cells: Sequence[Cell], *, bold=False, fill=None, align=None) -> _Row:
        font = BOLD if bold else REGULAR
        laid = []
        lines_most = 1
        for index, cell in enumerate(cells):
            span = isinstance(cell, Span)
            left = self.edges[index]
            right = self.edges[-1] if span else self.edges[index + 1]
            if isinstance(cell, Span):
                text, ink, cell_align = cell.text, MUTED_INK if cell.muted else INK, "left"
            else:
                text, ink, cell_align = cell, INK, align or self.columns[index].align
            lines = _wrapped(str(text), font, BODY_SIZE, right - left - 2 * PAD_X)
            lines_most = max(lines_most, len(lines))
            laid.append((lines, left, right - left, cell_align, ink))
            if span:  # it covers the rest of the row
                break
        height = 2 * PAD_Y + lines_most * BODY_SIZE * LEADING
        return _Row(laid, height, bold, fill)


def _wrapped(text: str, font: str, size: float, width: float) -> list[str]:
    """The text's lines within the width: broken at spaces, and a word wider than the cell (a
    long number, an address without spaces) broken between its letters, never drawn over the
    next cell."""
    lines = []
    for line in simpleSplit(text, font, size, width) or [""]:
        while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _draw_row(canvas: Canvas, row: _Row, top: float, layout: _Layout) -> None:
    bottom = top - row.height
    if row.fill is not None:
        canvas.setFillColor(row.fill)
        canvas.rect(layout.edges[0], bottom, layout.width, row.height, stroke=0, fill=1)
    canvas.setStrokeColor(BORDER_INK)
    canvas.setLineWidth(BORDER)
    font = BOLD if row.bold else REGULAR
    for lines, left, width, align, ink in row.cells:
        canvas.rect(left, bottom, width, row.height, stroke=1, fill=0)
        canvas.setFillColor(ink)
        canvas.setFont(font, BODY_SIZE)
        # The first baseline sits one ascent (about 0.93 em in DejaVu Sans) below the padding,
        # centred in its line box as a browser would.
        baseline = top - PAD_Y - BODY_SIZE * (LEADING - 1) / 2 - BODY_SIZE * 0.93
        for line in lines:
            if align == "right":
                canvas.drawRightString(left + width - PAD_X, baseline, line)
            elif align == "center":
                canvas.drawCentredString(left + width / 2, baseline, line)
            else:
                canvas.drawString(left + PAD_X, baseline, line)
            baseline -= BODY_SIZE * LEADING


def render_long_table_pdf(table: LongTable) -> bytes:
    """The table as PDF bytes: measured row by row, cut into pages, drawn page by page."""
    _register_fonts()
    layout = _Layout(table.columns)
    header = layout.row(
        [column.title for column in table.columns], bold=True, fill=HEADER_FILL, align="center"
    )
    rows = [layout.row(cells) for cells in table.rows]
    if not rows and table.empty_text:
        rows = [layout.row([Span(table.empty_text, muted=False)])]

    page_top = PAGE[1] - MARGIN_TOP
    page_bottom = MARGIN_BOTTOM
    title_lines = _wrapped(table.title, BOLD, TITLE_SIZE, layout.width)
    first_top = page_top - (NOTE_SIZE * LEADING if table.form_note else 0)
    first_top -= len(title_lines) * TITLE_SIZE * LEADING + 4

    # Cut the pages: a row never splits (as `tr { page-break-inside: avoid }`); a row taller
    # than a whole page still gets a page of its own.
    pages: list[list[_Row]] = [[]]
    room = first_top - header.height - page_bottom
    for row in rows:
        if row.height > room and pages[-1]:
            pages.append([])
            room = page_top - header.height - page_bottom
        pages[-1].append(row)
        room -= row.height
    closing_height = BODY_SIZE * LEADING + 8 if table.closing else 0
    closing_on_new_page = closing_height > room
    page_count = len(pages) + (1 if closing_on_new_page else 0)

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=1, invariant=0)
    canvas.setTitle(table.title)
    canvas.setCreator("5S Portal")
    footer = Truncator(table.footer or table.title).chars(FOOTER_TEXT_LIMIT)

    def finish_page(number: int) -> None:
        canvas.setFillColor(MUTED_INK)
        canvas.setFont(REGULAR, FOOTER_SIZE - 0.5)
        canvas.drawString(MARGIN_SIDE, MARGIN_BOTTOM / 2, footer)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, FOOTER_SIZE + 0.5)
        canvas.drawRightString(
            PAGE[0] - MARGIN_SIDE,
            MARGIN_BOTTOM / 2,
            table.page_label % {"page": number, "pages": page_count},
        )
        canvas.showPage()

    top = page_top
    for number, page_rows in enumerate(pages, start=1):
        top = page_top
        if number == 1:
            if table.form_note:
                canvas.setFillColor(NOTE_INK)
                canvas.setFont(REGULAR, NOTE_SIZE)
                canvas.drawRightString(PAGE[0] - MARGIN_SIDE, top - NOTE_SIZE, table.form_note)
                top -= NOTE_SIZE * LEADING
            canvas.setFillColor(INK)
            canvas.setFont(BOLD, TITLE_SIZE)
            for line in title_lines:
                canvas.drawCentredString(PAGE[0] / 2, top - TITLE_SIZE, line)
                top -= TITLE_SIZE * LEADING
            top -= 4
        _draw_row(canvas, header, top, layout)
        top -= header.height
        for row in page_rows:
            _draw_row(canvas, row, top, layout)
            top -= row.height
        if number < page_count:
            finish_page(number)
    if table.closing:
        if closing_on_new_page:
            top = page_top
        canvas.setFillColor(MUTED_INK)
        canvas.setFont(REGULAR, BODY_SIZE)
        canvas.drawString(MARGIN_SIDE, top - 8 - BODY_SIZE, table.closing)
    finish_page(page_count)
    canvas.save()
    return buffer.getvalue()
