"""core.long_table_pdf: the renderer of the region's long tables (issue 18, item 5). What a
reader of the printed table relies on: every row once, none cut across pages, the column titles
on every page, the page count, the note where figures are missing."""

import io
import re

from pypdf import PdfReader

from core.long_table_pdf import Column, LongTable, Span, render_long_table_pdf

COLUMNS = [
    Column("№", 5, "right"),
    Column("Наименование ОИВ ЯО (СППО)", 45),
    Column("Общая оценка", 20, "right"),
    Column("Примечание", 30),
]


def _pages(content):
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _table(rows, **extra):
    return LongTable(
        title="Сводный отчет по состоянию на март 2026",
        columns=COLUMNS,
        rows=rows,
        form_note="Приложение 13 к Методическим рекомендациям",
        page_label="Страница %(page)s из %(pages)s",
        **extra,
    )


def test_every_row_is_printed_once_with_the_column_titles_on_every_page():
    rows = [[str(n), f"Агентство-{n:04d}", "4,25", ""] for n in range(1, 301)]
    content = render_long_table_pdf(_table(rows, closing="Сформировано: 30.11.2026 10:00"))
    pages = _pages(content)
    assert len(pages) > 5
    printed = []
    for number, text in enumerate(pages, start=1):
        assert "Наименование ОИВ ЯО (СППО)" in text
        assert f"Страница {number} из {len(pages)}" in text
        printed += re.findall(r"Агентство-(\d{4})", text)
    assert printed == [f"{n:04d}" for n in range(1, 301)]
    assert "Приложение 13 к Методическим рекомендациям" in pages[0]
    assert "Приложение 13" not in pages[1]
    assert "Сформировано: 30.11.2026 10:00" in pages[-1]
    reader = PdfReader(io.BytesIO(content))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape
    assert reader.metadata.title == "Сводный отчет по состоянию на март 2026"


def test_a_long_name_wraps_inside_its_cell_and_its_row_stays_on_one_page():
    name = " ".join(["Государственное казённое учреждение Ярославской области"] * 4)
    rows = [[str(n), f"{name} {n:03d}", "3,10", ""] for n in range(1, 81)]
    pages = _pages(render_long_table_pdf(_table(rows)))
    assert len(pages) > 2
    for text in pages:
        flat = " ".join(text.split())
        # A row starts and ends on the same page: each number's name is whole there.
        for number in re.findall(r"Ярославской области (\d{3})", flat):
            assert flat.count(f"{name} {number}") == 1
    assert sum(len(re.findall(r"области (\d{3})", " ".join(t.split()))) for t in pages) == 80


def test_a_span_prints_the_note_where_the_figures_would_be():
    rows = [["1", "Департамент А", "4,00", ""], ["2", "Департамент Б", Span("Нет аудита")]]
    text = _pages(render_long_table_pdf(_table(rows)))[0]
    assert "Департамент Б" in text and "Нет аудита" in text


def test_no_rows_prints_the_empty_text_under_the_column_titles():
    pages = _pages(render_long_table_pdf(_table([], empty_text="Нет подписанных листов.")))
    assert len(pages) == 1
    assert "Нет подписанных листов." in pages[0]
    assert "Страница 1 из 1" in pages[0]


def test_the_closing_line_moves_to_a_page_of_its_own_when_the_last_page_is_full():
    def page_count(rows):
        return len(_pages(render_long_table_pdf(_table(rows))))

    # The number of rows that exactly fills the first page, then the closing line after it.
    count = 1
    while page_count([[str(n), "А", "1", ""] for n in range(count + 1)]) == 1:
        count += 1
    rows = [[str(n), "А", "1", ""] for n in range(count)]
    with_closing = _pages(render_long_table_pdf(_table(rows, closing="Сформировано: сейчас")))
    assert len(with_closing) == 2
    assert "Сформировано: сейчас" in with_closing[1]
    assert "Страница 2 из 2" in with_closing[1]


def test_a_word_wider_than_its_cell_is_broken_inside_the_cell():
    from reportlab.pdfbase import pdfmetrics

    from core.long_table_pdf import BODY_SIZE, REGULAR, _register_fonts, _wrapped

    _register_fonts()
    word = "Оченьдлинноеслово" * 6
    lines = _wrapped(f"{word} и ещё", REGULAR, BODY_SIZE, 100)
    assert len(lines) > 2 and "".join(lines[:-1]) == word and lines[-1] == "и ещё"
    assert all(pdfmetrics.stringWidth(line, REGULAR, BODY_SIZE) <= 100 for line in lines)
