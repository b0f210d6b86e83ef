"""Issue 17, item 9: the offline XLSX sheet carries each score's descriptors (a column and the
score cell's comment) and prints on A4 landscape fitted to the width with repeated headers;
the upload still reads it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audits import offline, services
from audits.models import Criterion, Score
from tests.audits.conftest import sheet_of

pytestmark = pytest.mark.django_db


def _download(login, audit, user):
    response = login(user).get(reverse("audits:sheet-xlsx", args=[audit.pk, user.person.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _row_of(ws, code):
    for row in range(offline.FIRST_ROW, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == code:
            return row
    raise AssertionError(code)


def test_every_score_has_its_descriptors(login, audit, auditor):
    ws = _download(login, audit, auditor)[offline.SHEET_TITLE]
    assert ws.cell(row=offline.FIRST_ROW - 1, column=8).value.startswith("Описание оценок")
    criterion = Criterion.objects.get(version=audit.checklist, code="1.1")
    row = _row_of(ws, "1.1")
    text = ws.cell(row=row, column=8).value
    lines = text.split("\n")
    assert [line.split(" — ")[0] for line in lines] == ["5", "4", "3", "2", "1"]
    first = " ".join(str(criterion.indicator_rows()[0][0][1]).split())
    assert first in lines[0]
    comment = ws.cell(row=row, column=offline.COL_SCORE).comment
    assert comment is not None and comment.text == text


def test_the_sheet_prints_landscape_fitted_to_width_with_repeated_headers(login, audit, auditor):
    ws = _download(login, audit, auditor)[offline.SHEET_TITLE]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert ws.print_title_rows == f"$1:${offline.FIRST_ROW - 1}"


def test_the_new_layout_still_uploads(login, audit, auditor):
    workbook = _download(login, audit, auditor)
    ws = workbook[offline.SHEET_TITLE]
    ws.cell(row=_row_of(ws, "1.2"), column=offline.COL_SCORE, value=4)
    ws.cell(row=_row_of(ws, "1.2"), column=offline.COL_NOTE, value="Коробки")
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = sheet_of(audit, auditor)
    scores, notes = offline.parse_sheet_workbook(sheet, buffer.getvalue())
    assert scores["1.2"] == 4 and notes["1.2"] == "Коробки"
    services.sheet_save(actor=auditor, sheet=sheet, scores=scores, notes=notes)
    assert Score.objects.get(sheet=sheet, criterion__code="1.2").score == 4
