"""Offline scoring: the pre-filled XLSX and its upload (every bad cell named, nothing saved)."""

import html
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audits import offline, services
from audits.models import Score
from core.exceptions import ApplicationError
from tests.audits.conftest import sheet_of


def _download(login, audit, user):
    response = login(user).get(reverse("audits:sheet-xlsx", args=[audit.pk, user.person.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row_of(ws, code):
    for row in range(offline.FIRST_ROW, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == code:
            return row
    raise AssertionError(code)


def test_the_download_is_prefilled_and_protected(login, audit, auditor):
    services.sheet_save(
        actor=auditor, sheet=sheet_of(audit, auditor), scores={"1.2": 3}, notes={"1.2": "Запасы"}
    )
    workbook = _download(login, audit, auditor)
    ws = workbook["Оценочный лист"]
    assert "Аудиторов Антон Антонович" in ws["B3"].value
    assert ws.column_dimensions["A"].hidden
    assert ws.protection.sheet
    assert workbook["meta"].sheet_state == "hidden"
    row = _row_of(ws, "1.2")
    assert ws[f"D{row}"].value == 3 and ws[f"E{row}"].value == "Запасы"
    assert not ws[f"D{row}"].protection.locked
    assert ws[f"G{_row_of(ws, '3.1')}"].value == "шаг не завершён"
    validations = ws.data_validations.dataValidation
    assert validations and validations[0].formula1 == "1" and validations[0].formula2 == "5"
    assert f"D{row}" in str(validations[0].sqref)


def test_a_filled_workbook_is_uploaded_as_the_draft(login, audit, auditor):
    workbook = _download(login, audit, auditor)
    ws = workbook["Оценочный лист"]
    for code in ["1.1", "1.2", "1.3", *[f"2.{i}" for i in range(1, 7)]]:
        ws[f"D{_row_of(ws, code)}"] = 4
    ws[f"E{_row_of(ws, '1.1')}"] = "Мусор под столом"
    response = login(auditor).post(
        reverse("audits:sheet-upload", args=[audit.pk, auditor.person.pk]),
        {"file": io.BytesIO(_save(workbook))},
    )
    assert response.status_code == 302
    assert Score.objects.filter(score=4).count() == 9
    assert Score.objects.get(criterion__code="1.1").note == "Мусор под столом"


def test_every_invalid_cell_is_reported_and_nothing_is_saved(login, audit, auditor):
    workbook = _download(login, audit, auditor)
    ws = workbook["Оценочный лист"]
    r11, r12, r31 = _row_of(ws, "1.1"), _row_of(ws, "1.2"), _row_of(ws, "3.1")
    ws[f"D{r11}"] = 7
    ws[f"D{r12}"] = "четыре"
    ws[f"D{r31}"] = 4
    ws[f"D{_row_of(ws, '1.3')}"] = 5
    response = login(auditor).post(
        reverse("audits:sheet-upload", args=[audit.pk, auditor.person.pk]),
        {"file": io.BytesIO(_save(workbook))},
    )
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert (
        f'Лист "Оценочный лист", ячейка D{r11}: оценка должна быть целым числом от 1 до 5' in text
    )
    assert f"ячейка D{r12}: оценка должна быть целым числом от 1 до 5" in text
    assert f"ячейка D{r31}: критерий 3.1 не оценивается (шаг не завершён)" in text
    assert not Score.objects.exists()


def test_a_workbook_for_another_auditor_is_refused(login, audit, auditor, auditor2):
    content = _save(_download(login, audit, auditor2))
    with pytest.raises(ApplicationError, match="другого члена рабочей группы"):
        offline.sheet_upload(actor=auditor, sheet=sheet_of(audit, auditor), content=content)
    assert not Score.objects.exists()


def test_a_workbook_for_another_audit_is_refused(
    login, audit, plan_audit, agency_b, auditor, auditor2, auditor3
):
    other = plan_audit(agency_b, [auditor, auditor2, auditor3])
    content = _save(_download(login, other, auditor))
    with pytest.raises(ApplicationError, match="другого аудита"):
        offline.sheet_upload(actor=auditor, sheet=sheet_of(audit, auditor), content=content)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a spreadsheet at all", "не является книгой Excel"),
        (b"PK\x03\x04broken zip", "не является книгой Excel"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(audit, auditor, content, message):
    with pytest.raises(ApplicationError, match=message):
        offline.sheet_upload(actor=auditor, sheet=sheet_of(audit, auditor), content=content)
    assert not Score.objects.exists()


def test_a_workbook_without_the_sheet_is_refused(audit, auditor):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Лист1"
    with pytest.raises(ApplicationError, match="нет листа «Оценочный лист»"):
        offline.sheet_upload(actor=auditor, sheet=sheet_of(audit, auditor), content=_save(workbook))


def test_a_submitted_sheet_cannot_be_uploaded_over(login, audit, auditor):
    from tests.audits.conftest import fill

    content = _save(_download(login, audit, auditor))
    fill(audit, auditor, {})
    with pytest.raises(ApplicationError, match="сдан"):
        offline.sheet_upload(actor=auditor, sheet=sheet_of(audit, auditor), content=content)
