import datetime
import io
import os
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from audits.selectors import final_sheet_data
from reports import documents, selectors, services
from reports.choices import DocumentKind, DocumentStatus
from reports.models import GeneratedDocument
from tests.reports.factories import signed_audit

MARCH = datetime.date(2026, 3, 1)


def _pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _shown(value):
    return format(value, "f").replace(".", ",")


@pytest.fixture
def audit(checklist, agency_a, team):
    three = team[:3]
    signed_audit(agency=agency_a, auditors=three, date=datetime.date(2026, 2, 3), default=3)
    return signed_audit(
        agency=agency_a,
        auditors=three,
        date=datetime.date(2026, 3, 4),
        steps=(1, 2),
        default=[4, 4, 5],
        scores={"1.1": [1, 3, 3]},
        decisions={"1.1": 3},
        notes={"2.3": "Нет маркировки полок"},
    )


def test_final_sheet_xlsx_holds_the_final_sheets_numbers_as_numbers(audit):
    data = final_sheet_data(audit)
    book = load_workbook(io.BytesIO(documents.final_sheet_xlsx(audit)))
    assert book.sheetnames == [
        "Приложение 12",  # the printable form first (issue 17 item 9): tests/audits
        "Оценки",
        "Средние оценки шагов",
        "Коллегиальные решения",
        "Подписание",
    ]
    scores = book["Оценки"]
    assert scores.freeze_panes == "A5"
    assert scores.column_dimensions["C"].width == 50
    header = [cell.value for cell in scores[4]]
    assert header[3:6] == [a.name for a in data.auditors]
    by_code = {row[1]: row for row in scores.iter_rows(min_row=5, values_only=True)}
    row = by_code["1.1"]
    expected = tuple(data.criteria["1.1"].scores[a.id] for a in data.auditors)
    assert row[3:6] == expected
    assert sorted(expected) == [1, 3, 3]
    assert row[7] == float(data.criteria["1.1"].value) == 3.0
    assert isinstance(by_code["2.1"][7], float)
    assert by_code["2.1"][7] == pytest.approx(float(data.criteria["2.1"].value))
    assert "Нет маркировки полок" in by_code["2.3"][9]
    steps = list(book["Средние оценки шагов"].iter_rows(min_row=2, values_only=True))
    assert steps[0][2] == float(data.steps[0].value)
    assert steps[2][2] is None  # step 3 not completed
    assert steps[-1][1] == "Общая оценка ОИВ ЯО или СППО"
    assert steps[-1][2] == float(data.overall)
    decisions = list(book["Коллегиальные решения"].iter_rows(min_row=2, values_only=True))
    assert decisions[0][0] == "1.1" and decisions[0][2] == 3


def test_final_sheet_pdf_shows_the_criteria_steps_overall_and_signature(audit):
    data = final_sheet_data(audit)
    content = documents.final_sheet_pdf(audit)
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    text = _pdf_text(content)
    assert "Итоговый оценочный лист состояния рабочего пространства" in text
    assert "Департамент А Ярославской области" in text
    assert "Средняя оценка шага 1" in text
    assert _shown(data.steps[0].value) in text
    assert _shown(data.steps[1].value) in text
    assert _shown(data.overall) in text
    assert "Нет маркировки полок" in text
    assert "коллегиальное решение: 3" in text
    assert "Главнов Глеб Глебович" in text
    assert "Страница 1 из" in text
    flowing = " ".join(text.split())  # a long name may wrap in its narrow column
    for auditor in data.auditors:
        assert auditor.name in flowing


def _signed_row(month=MARCH):
    (row,) = [row for row in selectors.summary_rows(month=month) if row.signed]
    return row


def test_summary_xlsx_matches_the_summary_selector(audit):
    rows = selectors.summary_rows(month=MARCH)
    book = load_workbook(io.BytesIO(documents.summary_xlsx(MARCH)))
    assert book.sheetnames[0] == "Сводный отчёт"
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "Приложение 13 к Методическим рекомендациям"
    assert sheet["A2"].value.endswith("по состоянию на март 2026")
    assert sheet.freeze_panes == "A4"
    body = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(body) == len(rows)
    by_name = {line[0]: line for line in body}
    row = _signed_row()
    _name, day, steps, overall, change, note = by_name[row.agency_name]
    assert day.date() == row.audit_date
    assert steps == 2
    assert overall == float(row.overall)
    assert change == float(row.change)
    assert note is None
    for line in body:
        if line[0] != row.agency_name:
            assert line[1:5] == (None, None, None, None)
            assert line[5] == "нет подписанного аудита"


def test_summary_xlsx_prints_on_a4_landscape_fitted_to_width_with_repeated_headers(audit):
    sheet = load_workbook(io.BytesIO(documents.summary_xlsx(MARCH))).worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(sheet.page_setup.fitToWidth), int(sheet.page_setup.fitToHeight)) == (1, 0)
    assert sheet.print_title_rows == "$1:$3"
    overall = [cell for cell in sheet["D"][3:] if cell.value is not None]
    assert overall and all(isinstance(cell.value, float) for cell in overall)
    assert all(cell.number_format == "0.00" for cell in overall)


def test_summary_pdf_matches_the_summary_selector(audit):
    row = _signed_row()
    content = documents.summary_pdf(MARCH)
    text = _pdf_text(content)
    assert "Приложение 13 к Методическим рекомендациям" in text
    assert "март 2026" in text
    assert row.agency_name in text
    assert "04.03.2026" in text
    assert _shown(row.overall) in text
    assert "+" + _shown(row.change) in text
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape


def test_ordering_a_document_twice_leaves_one_document(audit, group_head, committed):
    with committed():
        first = services.document_request(
            actor=group_head, kind=DocumentKind.SUMMARY, format="xlsx", month=MARCH
        )
    first.refresh_from_db()
    assert first.status == DocumentStatus.DONE
    checksum = first.checksum
    with committed():
        second = services.document_request(
            actor=group_head, kind=DocumentKind.SUMMARY, format="xlsx", month=MARCH
        )
    second.refresh_from_db()
    assert second.pk == first.pk
    assert GeneratedDocument.objects.count() == 1
    assert second.status == DocumentStatus.DONE
    with second.file.open("rb") as stored:
        assert second.size == len(stored.read())
    # The new render is stored beside the previous one until its commit removes that one.
    assert re.search(r"summary/summary-2026-03(_\w{7})?\.xlsx$", second.file.name)
    folder = second.file.storage.path(second.file.name).rsplit("/", 1)[0]
    assert os.listdir(folder) == [second.file.name.rsplit("/", 1)[1]]
    assert len(checksum) == 64


def test_running_the_follow_up_twice_makes_the_document_once(audit, group_head):

    from reports import handlers

    document = services.document_request(
        actor=group_head, kind="final_sheet", format="pdf", audit=audit, enqueue=False
    )
    handlers.generate_document(document_id=document.pk)
    handlers.generate_document(document_id=document.pk)  # a second delivery of the same order
    document.refresh_from_db()
    assert GeneratedDocument.objects.count() == 1
    assert document.status == DocumentStatus.DONE
    assert document.attempts == 1
    assert document.history.filter(status=DocumentStatus.DONE).count() == 1
    folder = document.file.storage.path(document.file.name).rsplit("/", 1)[0]
    assert len(os.listdir(folder)) == 1


def _deliver_due_now():
    """What the sweep does once the outbox's backoff is over."""
    from django.utils import timezone

    from core import outbox
    from core.models import OutboxMessage

    OutboxMessage.objects.filter(status="pending").update(available_at=timezone.now())
    return outbox.sweep()


def test_a_failing_render_is_tried_again_then_shows_as_failed_with_its_message(
    audit, group_head, monkeypatch, committed
):
    from core.models import OutboxMessage

    calls = []

    def broken(month):
        calls.append(month)
        raise RuntimeError("шрифт не найден")

    monkeypatch.setitem(documents.RENDERERS, ("summary", "pdf"), broken)
    with committed():
        document = services.document_request(
            actor=group_head, kind="summary", format="pdf", month=MARCH
        )
    document.refresh_from_db()
    # The first failure waits for the outbox's backoff, shown on the document.
    assert (document.status, document.attempts) == (DocumentStatus.QUEUED, 1)
    assert "шрифт не найден" in document.error
    message = OutboxMessage.objects.get(key=f"document:{document.pk}")
    assert message.status == "pending"
    assert _deliver_due_now() == 1
    assert _deliver_due_now() == 1
    document.refresh_from_db()
    message.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "шрифт не найден" in document.error
    assert len(calls) == 3  # the first attempt and two more
    assert not document.file
    assert message.status == "failed"
    assert _deliver_due_now() == 0


def test_re_ordering_a_failed_document_makes_it_again(audit, group_head, committed):
    from reports import handlers

    document = services.document_request(
        actor=group_head, kind="summary", format="xlsx", month=MARCH, enqueue=False
    )
    services.document_fail(document_id=document.pk, message="диск заполнен")
    handlers.generate_document(document_id=document.pk)  # a failed order stays failed
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    with committed():
        again = services.document_request(
            actor=group_head, kind="summary", format="xlsx", month=MARCH
        )
    again.refresh_from_db()
    assert again.pk == document.pk
    assert (again.status, again.error) == (DocumentStatus.DONE, "")


def test_a_re_ordered_document_serves_its_previous_file_until_the_new_one_is_made(
    audit, group_head, api_client, committed
):
    """A document ordered again while someone downloads it: the file they saw done is served
    until the new render is committed, then only the new one is left (the load test's 404)."""
    from reports import handlers

    with committed():
        document = services.document_request(
            actor=group_head, kind="summary", format="xlsx", month=MARCH
        )
    document.refresh_from_db()
    first = document.file.name
    with open(document.file.path, "rb") as handle:
        first_content = handle.read()
    again = services.document_request(
        actor=group_head, kind="summary", format="xlsx", month=MARCH, enqueue=False
    )
    # Another process is making it anew.
    GeneratedDocument.objects.filter(pk=again.pk).update(status=DocumentStatus.RUNNING, attempts=1)
    response = api_client(group_head).get(f"/api/v1/reports/{again.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == first_content
    with committed():
        handlers.generate_document(document_id=again.pk)
    again.refresh_from_db()
    assert again.status == DocumentStatus.DONE and again.file.name != first
    storage = again.file.storage
    assert not storage.exists(first) and storage.exists(again.file.name)
    folder = storage.path(again.file.name).rsplit("/", 1)[0]
    assert len(os.listdir(folder)) == 1
    response = api_client(group_head).get(f"/api/v1/reports/{again.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"


def test_a_document_never_made_is_not_found_while_it_is_being_made(audit, group_head, api_client):
    document = services.document_request(
        actor=group_head, kind="summary", format="xlsx", month=MARCH, enqueue=False
    )
    GeneratedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.RUNNING)
    response = api_client(group_head).get(f"/api/v1/reports/{document.pk}/download/")
    assert response.status_code == 404


def test_an_expected_failure_is_recorded_at_once(audit, group_head, monkeypatch, committed):
    from core.exceptions import ApplicationError

    def refused(month):
        raise ApplicationError("Нет данных за месяц.")

    monkeypatch.setitem(documents.RENDERERS, ("summary", "xlsx"), refused)
    with committed():
        document = services.document_request(
            actor=group_head, kind="summary", format="xlsx", month=MARCH
        )
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.error == "Нет данных за месяц."
    assert document.attempts == 1


def test_summary_change_in_xlsx_is_a_real_number(audit):
    book = load_workbook(io.BytesIO(documents.summary_xlsx(MARCH)))
    row = _signed_row()
    (line,) = [
        line for line in book.worksheets[0].iter_rows(min_row=4) if line[0].value == row.agency_name
    ]
    value = line[4].value
    assert isinstance(value, float)
    assert Decimal(str(value)) == row.change


def test_final_sheet_pdf_is_printed_as_the_form_of_appendix_12(audit):
    """Issue 12 item 8 (L3679–3817): the column-number row 1–7 under the header, the notes (1)–(3)
    of the form with their marks on 2.7 (common areas) and 4.3 (IT department), every vote of a
    collegial decision including one from outside the audit's team (the group head), and the
    footnote saying how step values are averaged."""
    from audits.models import Decision, Vote
    from tests.agencies.factories import PersonFactory

    decision = Decision.objects.get(final_sheet__audit=audit)
    data = final_sheet_data(audit)
    for auditor in data.auditors:
        Vote.objects.create(decision=decision, person_id=auditor.id, score=3)
    head = PersonFactory(full_name="Решающий Голос Главный")
    Vote.objects.create(decision=decision, person=head, score=3)
    text = " ".join(_pdf_text(documents.final_sheet_pdf(audit)).split())
    assert "1 2 3 4 5 6 7" in text
    assert "2.7(2)" in text and "4.3(3)" in text
    assert "(2) Применяется при проверке ОИВ ЯО или СППО, в зону ответственности которых" in text
    assert "(3) По данным, предоставляемым департаментом информатизации и связи." in text
    assert "(1) Рекомендуется формирование шаблона в формате MS Excel" in text
    assert "Решающий Голос Главный" in text
    assert "среднее арифметическое точных (неокруглённых) значений его критериев" in text


def test_summary_pdf_in_english_reads_english_titles_and_page_numbers(audit):
    from django.utils import translation

    row = _signed_row()
    with translation.override("en"):
        text = _pdf_text(documents.summary_pdf(MARCH))
    assert "Summary report on the workspace condition audits" in text
    assert "Audit date" in text and "Page 1 of 1" in text and "Generated: " in text
    assert row.agency_name in text
    assert format(row.overall, "f") in text  # a decimal point in English
