import io
import os

import pytest
from django.conf import settings
from openpyxl import load_workbook
from pypdf import PdfReader

from sorting import reports, selectors, services
from sorting.choices import ApprovalRole, EntryKind, ItemCategory
from tests.sorting.factories import (
    agree_fully,
    decide,
    entry,
    make_round,
    make_tag,
    rarely_needed_list,
    unneeded_list,
)

A5 = (419.53, 595.28)  # points
A4_LANDSCAPE = (841.89, 595.28)


def _save(name, content):
    """SORTING_DOCS_OUT=/some/dir keeps the files to look at them during development."""
    folder = os.environ.get("SORTING_DOCS_OUT")
    if folder:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(content)


def _text(pdf):
    """The PDF's text with line breaks inside table cells folded into spaces."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _size(page):
    return (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))


def _decode_qr(pdf, page_index=0):
    zxingcpp = pytest.importorskip("zxingcpp")
    page = PdfReader(io.BytesIO(pdf)).pages[page_index]
    texts = []
    for image in page.images:
        texts += [result.text for result in zxingcpp.read_barcodes(image.image.convert("L"))]
    return texts


@pytest.fixture
def tag(team_member_a, agency_a):
    return make_tag(team_member_a, agency_a, comments="Стоит в проходе", quantity=2)


def test_tag_pdf_is_one_a5_page_with_every_field(tag):
    pdf = reports.tags_pdf([selectors.tag_detail(user=tag.created_by, pk=tag.pk)])
    _save("red-tag.pdf", pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert _size(reader.pages[0]) == A5
    text = _text(pdf)
    for expected in (
        "КРАСНЫЙ ЯРЛЫК",
        "Регистрационный номер ярлыка",
        "Кем промаркирован",
        "5S-команда",
        "101",
        "Иванов И.И.",
        "Принтер HP LaserJet 1020",
        "01360001",
        "Стоит в проходе",
        "Петров П.П.",
        tag.move_deadline.strftime("%d.%m.%Y"),
        "сломанные, устаревшие",  # a reason for marking (Appendix 14 state)
        "утилизировать",  # an action (Appendix 14 decision)
    ):
        assert expected in text, expected


def test_tag_qr_code_opens_the_tags_page(tag):
    pdf = reports.tags_pdf([tag])
    expected = settings.PORTAL_BASE_URL.rstrip("/") + f"/sorting/tags/{tag.pk}/"
    assert reports.tag_url(tag) == expected
    assert _decode_qr(pdf) == [expected]


def test_batch_prints_two_a5_tags_per_a4_landscape_sheet(team_member_a, agency_a):
    tags = [make_tag(team_member_a, agency_a, item_name=f"Предмет {n}") for n in range(3)]
    pdf = reports.tags_pdf(tags, batch=True)
    _save("red-tags-batch.pdf", pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert {_size(page) for page in reader.pages} == {A4_LANDSCAPE}
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Предмет 0" in first and "Предмет 1" in first
    # WeasyPrint may share image resources between pages: read every code in the file.
    assert set(_decode_qr(pdf, 0) + _decode_qr(pdf, 1)) == {reports.tag_url(t) for t in tags}


def _round_with_lists(team_leader_a, team_member_a, agency_a, team_a):
    sorting_round = make_round(
        team_leader_a, agency_a, participants=[team_a.leader], rooms="101, 102"
    )
    tag = make_tag(team_member_a, agency_a, sorting_round=sorting_round, quantity=3)
    decide(team_leader_a, tag.list_line)
    agree_fully(team_leader_a, unneeded_list(sorting_round))
    line = services.rarely_needed_line_add(
        actor=team_member_a,
        sorting_round=sorting_round,
        data={
            "room": "204",
            "workplace_owner": "Смирнова А.А.",
            "item_name": "Дырокол большой",
            "inventory_number": "",
            "quantity": 2,
            "regularity": entry(ItemCategory.RARELY_NEEDED, EntryKind.REGULARITY, 1),
        },
    )
    decide(team_leader_a, line)
    return sorting_round


def test_unneeded_list_pdf_follows_appendix_16(team_leader_a, team_member_a, agency_a, team_a):
    sorting_round = _round_with_lists(team_leader_a, team_member_a, agency_a, team_a)
    sorting_list = selectors.list_detail(user=team_leader_a, pk=unneeded_list(sorting_round).pk)
    pdf = reports.list_pdf(sorting_list)
    _save("unneeded-list.pdf", pdf)
    text = _text(pdf)
    for expected in (
        "Приложение 16",
        "Список «ненужных» предметов",
        agency_a.full_name,
        "Принтер HP LaserJet 1020",
        "101, Иванов И.И.",
        "Сидоров С.С., Начальник отдела",
        "хранить до списания",
        "Сортировку провели",
        team_a.leader.full_name,
        "СОГЛАСОВАНО",
        "Бухгалтерова Б.Б.",
        "Матответов М.М.",
    ):
        assert expected in text, expected


def test_rarely_needed_list_pdf_marks_usage_regularity(
    team_leader_a, team_member_a, agency_a, team_a
):
    sorting_round = _round_with_lists(team_leader_a, team_member_a, agency_a, team_a)
    sorting_list = selectors.list_detail(
        user=team_leader_a, pk=rarely_needed_list(sorting_round).pk
    )
    pdf = reports.list_pdf(sorting_list)
    _save("rarely-needed-list.pdf", pdf)
    text = _text(pdf)
    assert "Приложение 17" in text
    assert "Регулярность использования" in text
    assert "Дырокол большой" in text
    assert "обеспечить визуальный контроль" in text


def test_list_xlsx_has_real_numbers_and_the_agreements(
    team_leader_a, team_member_a, agency_a, team_a
):
    sorting_round = _round_with_lists(team_leader_a, team_member_a, agency_a, team_a)
    for sorting_list, width in (
        (unneeded_list(sorting_round), 9),
        (rarely_needed_list(sorting_round), 11),
    ):
        sorting_list = selectors.list_detail(user=team_leader_a, pk=sorting_list.pk)
        workbook = load_workbook(io.BytesIO(reports.list_xlsx(sorting_list)))
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[2][0].startswith("Наименование ОИВ ЯО (СППО)")
        header, first = rows[3], rows[4]
        assert len(header) == width
        assert first[0] == 1 and isinstance(first[4], int)
        signatures = list(workbook.worksheets[1].iter_rows(values_only=True))
        names = {row[2] for row in signatures}
        assert team_a.leader.full_name in names
        if sorting_list.kind == "unneeded":
            assert "Бухгалтерова Б.Б." in names
            roles = " ".join(str(row[0]) for row in signatures)
            assert str(ApprovalRole.MATERIALLY_RESPONSIBLE.label) in roles
