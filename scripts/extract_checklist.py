#!/usr/bin/env python
"""Extract Appendix 2 (the 35-criterion checklist) of the regulation into a JSON fixture.

Source: ../shared/seeds/003_40cf1adbacc85322.txt, the flattened web export of the Order of the
Governor of the Yaroslavl region of 23.08.2011 No. 414-r (as amended 07.12.2011 No. 596-r),
«Приложение 2 к Методическим рекомендациям. Чек-лист (контрольный лист оценки состояния
рабочего пространства)». Output: fixtures/checklist/checklist_2011.json (the contract read by the
audits app; see tests/audits/test_checklist_fixture.py).

Usage (from the project root):
    .venv/bin/python scripts/extract_checklist.py [SEED] [--output PATH]   # (re)write the fixture
    .venv/bin/python scripts/extract_checklist.py [SEED] --check           # exit 1 if stale

How the export is read
----------------------
* Appendix 2 runs from the line «Приложение 2» to the line «Приложение 3». Every non-blank line
  is a paragraph; blank lines separate them. The table header (column titles, «5»…«1», the
  column numbers 1–8) is checked word for word and skipped; the list of abbreviations after the
  table («Список используемых сокращений:») is not part of the checklist.
* «Шаг N. Name» opens step N.
* A paragraph starting with a capitalised word (an upper-case letter followed by a lower-case
  one) opens a criterion: descriptors never start that way («ИТ-стандарту», a continuation
  line of 4.3, starts with two capitals). Criteria are numbered in order of appearance within
  their step, as Appendices 6 and 12 number them.
* A paragraph starting with «-» opens a descriptor cell. Three cells of the original lost their
  leading dash in the export; they are listed in DASHLESS_CELLS and each must match exactly once.
* Any other paragraph continues the title or the cell before it (cells and titles were broken
  into several lines in the original table). Parts are joined with one space.
* Every indicator row is five consecutive cells, score «5» first. Rows where a cell was merged
  with the same column of the row above have four cells: MERGED_CELLS says which rows and which
  score is missing (recorded as null, text never invented), with the reasoning for each.

Text is normalised only in whitespace (strip, runs of whitespace -> one space); the descriptors
keep the export's own leading «- » (and its typos, quotes and dashes).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = PROJECT_ROOT.parent / "shared" / "seeds" / "003_40cf1adbacc85322.txt"
DEFAULT_OUTPUT = PROJECT_ROOT / "fixtures" / "checklist" / "checklist_2011.json"

VERSION = "2011-12-07"
TITLE = "Чек-лист (контрольный лист оценки состояния рабочего пространства)"
SOURCE = (
    "Приложение 2 к Методическим рекомендациям (распоряжение Губернатора области "
    "от 23.08.2011 № 414-р в ред. от 07.12.2011 № 596-р)"
)

START_LINE = "Приложение 2"
END_LINE = "Приложение 3"
HEADER = [
    "Приложение 2",
    "к Методическим рекомендациям",
    TITLE,
    "Наименование шага",
    "№ п/п",
    "Наименование критерия оценки",
    "Перечень показателей, характеризующих получение балла",
    "«5»",
    "«4»",
    "«3»",
    "«2»",
    "«1»",
    *[str(column) for column in range(1, 9)],
]
FOOTER_START = "Список используемых сокращений:"

SCORES = ("5", "4", "3", "2", "1")
# Appendices 6 and 12: number of criteria in each step.
CRITERIA_PER_STEP = {1: 3, 2: 7, 3: 9, 4: 8, 5: 8}
STEP_NAMES = {
    1: "Сортировка",
    2: "Создание порядка",
    3: "Содержание в чистоте",
    4: "Стандартизация",
    5: "Совершенствование",
}
# Appendix 6 footnote 4 / Appendix 12 footnote (2): «Применяется при проверке ОИВ ЯО или СППО, в
# зону ответственности которых входит содержание мест общего пользования».
COMMON_AREAS_ONLY = frozenset({"2.7", "3.2", "3.6", "3.9", "4.6"})
# Appendix 6 footnote 5 / Appendix 12 footnote (3): «По данным, предоставленным департаментом
# информатизации и связи Ярославской области».
EXTERNAL_DATA = frozenset({"4.3"})

STEP_RE = re.compile(r"^Шаг (\d)\. (.+)$")
CRITERION_RE = re.compile(r"^[А-ЯЁ][а-яё]")

# Cells whose leading «-» is missing in the export: (criterion, start of the paragraph).
DASHLESS_CELLS = (
    # 4.3, score «3»: between «- в единичных случаях (не более 5%)…» («4») and «- не более
    # половины…» («2»); it is a percentage band of its own, not the end of the «4» cell.
    ("4.3", "не более 25% рабочих мест сотрудников не соответствует"),
    # 4.4 row 1, score «1»: follows «- разработаны, но не применяются…» («2») and says the
    # opposite («отсутствуют планы…»), so it cannot continue that cell.
    ("4.4", "отсутствуют планы уборки-проверки"),
    # 5.7 row 4, score «4»: repeats the «5» cell «- регулярно (не реже 1 раза в квартал)
    # проводит обходы рабочих мест» word for word, the usual pattern of equal «5»/«4» cells.
    ("5.7", "регулярно (не реже"),
)

# Rows exported with four cells: (criterion, row number from 1) -> (missing score, start of the
# row's first exported cell, asserted). A vertically merged cell is exported once, in its top
# row, so the row above holds that score (as text, or null again when the merge spans several
# rows); build_rows refuses a merged first row and validate() requires the null cells to be
# exactly these. Every other criterion has a multiple of five cells. Which score is missing
# follows from the grading order of each row: «5» states the target (often repeated word for
# word in «4» and even «3»), then the deficiencies grow from «в единичных случаях…» through
# «значительное количество…» and «практически все/не…» to the worst state («отсутствует…»,
# «не…»); no row starts with a deficiency or ends with the target.
MERGED_CELLS = {
    # Row 3 runs «в единичных случаях отсутствуют…» («4»), «отсутствует достаточное количество…»
    # («3»), «практически отсутствуют…» («2»), «отсутствуют…» («1»): the «5» cell is the one of
    # row 2 («наглядно представлены схемы…»), merged over both rows.
    ("2.6", 3): ("5", "- в единичных случаях отсутствуют надписи"),
    # Row 2 runs «актуальны», «единичные случаи неактуальных», «значительное количество
    # неактуально», «неактуальны» (5..2); its «1» is row 1's «отсутствуют планы уборки-проверки…»:
    # documents that do not exist cannot be judged current.
    ("4.4", 2): ("1", "- перечисленные выше документы актуальны"),
    # Row 2 runs «актуализация… проходит своевременно», «в единичных случаях… неактуальны»,
    # «значительное количество… неактуально», «практически все… неактуальны» (5..2); its «1» is
    # row 1's «отсутствует процедура актуализации 5S-стандартов, 5S-стандарты неактуальны».
    ("4.8", 2): ("1", "- актуализация 5S-стандартов проходит"),
    # Rows 2 and 3 end at «значительное количество… отсутствует» and «не оказывают… помощь»
    # (twice, «3» and «2»); the «1» cell «план… не разработан либо не утвержден» of row 1 covers
    # the whole criterion: without a plan neither row can be assessed. Row 3 cannot lack its «3»
    # instead: the column-3 cell above («…с нарушением установленных сроков») is about deadlines.
    ("5.1", 2): ("1", "- мероприятия включены по всем шагам"),
    ("5.1", 3): ("1", "- по отзывам сотрудников, члены 5S-команды оказывают"),
    # Rows 3 and 4 run «все… участвуют» / «помогает» («5»), then «в единичных случаях…» down to
    # «практически не…» («2»); their «1» is row 2's «обучение не проводится»: without training
    # nobody takes part in it or benefits from it.
    ("5.4", 3): ("1", "- все сотрудники участвуют в обучении"),
    ("5.4", 4): ("1", "- по отзывам сотрудников, обучение помогает"),
    # Rows 2-5 (meetings with staff, initiating training, walk-rounds, helping to solve issues)
    # each run from the target («5») to «практически не…»/«не инициирует…» («2»); their «1» is
    # row 1's «не проявляет интереса к развёртыванию (функционированию) системы 5S», which
    # describes the head of the agency as a whole.
    ("5.7", 2): ("1", "- проводит совещания с коллективом"),
    ("5.7", 3): ("1", "- инициирует обучение членов 5S-команды"),
    ("5.7", 4): ("1", "- регулярно (не реже 1 раза в квартал)"),
    ("5.7", 5): ("1", "- способствует решению вопросов"),
}


class ExtractionError(Exception):
    """The seed does not look the way this extractor expects."""


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space and strip; nothing else is touched."""
    return " ".join(text.split())


def appendix_paragraphs(text: str) -> list[str]:
    """Return the non-blank lines from «Приложение 2» up to (excluding) «Приложение 3»."""
    lines = [line.strip() for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if line == START_LINE]
    ends = [i for i, line in enumerate(lines) if line == END_LINE]
    if len(starts) != 1 or len(ends) != 1 or not starts[0] < ends[0]:
        raise ExtractionError(
            f"expected one «{START_LINE}» line before one «{END_LINE}» line, "
            f"found {len(starts)} and {len(ends)}"
        )
    return [normalise(line) for line in lines[starts[0] : ends[0]] if line]


def table_paragraphs(paragraphs: list[str]) -> list[str]:
    """Check and drop the table header and the abbreviations after the table."""
    header = paragraphs[: len(HEADER)]
    if header != HEADER:
        raise ExtractionError(f"unexpected table header: {header!r}")
    body = paragraphs[len(HEADER) :]
    if FOOTER_START not in body:
        raise ExtractionError(f"«{FOOTER_START}» not found after the table")
    return body[: body.index(FOOTER_START)]


def dashless_cell(code: str, paragraph: str) -> tuple[str, str] | None:
    """The DASHLESS_CELLS entry this paragraph of criterion `code` matches, if any."""
    for known, start in DASHLESS_CELLS:
        if code == known and paragraph.startswith(start):
            return known, start
    return None


def split_table(body: list[str]) -> list[dict]:
    """Group the paragraphs into steps -> criteria -> title and descriptor cells."""
    steps: list[dict] = []
    criterion: dict | None = None
    dashless_seen: list[tuple[str, str]] = []
    for paragraph in body:
        step_match = STEP_RE.match(paragraph)
        if step_match:
            number = int(step_match.group(1))
            if number != len(steps) + 1:
                raise ExtractionError(f"step {number} out of order")
            steps.append({"number": number, "name": step_match.group(2), "criteria": []})
            criterion = None
            continue
        if not steps:
            raise ExtractionError(f"text before «Шаг 1.»: {paragraph!r}")
        step = steps[-1]
        if CRITERION_RE.match(paragraph):
            code = f"{step['number']}.{len(step['criteria']) + 1}"
            criterion = {"code": code, "title": [paragraph], "cells": []}
            step["criteria"].append(criterion)
            continue
        if criterion is None:
            raise ExtractionError(f"text before the first criterion of a step: {paragraph!r}")
        known_dashless = (
            None if paragraph.startswith("-") else dashless_cell(criterion["code"], paragraph)
        )
        if known_dashless:
            dashless_seen.append(known_dashless)
        if paragraph.startswith("-") or known_dashless:
            criterion["cells"].append([paragraph])
        elif criterion["cells"]:
            criterion["cells"][-1].append(paragraph)
        else:
            criterion["title"].append(paragraph)
    if sorted(dashless_seen) != sorted(DASHLESS_CELLS):
        raise ExtractionError(f"dash-less cells found {dashless_seen!r}, expected {DASHLESS_CELLS}")
    return steps


def build_rows(code: str, cells: list[str]) -> list[dict[str, str | None]]:
    """Cut a criterion's cells into rows of five, honouring MERGED_CELLS."""
    rows: list[dict[str, str | None]] = []
    position = 0
    while position < len(cells):
        row_number = len(rows) + 1
        merged = MERGED_CELLS.get((code, row_number))
        missing, expected_start = merged if merged else (None, None)
        width = 4 if missing else 5
        chunk = cells[position : position + width]
        if len(chunk) != width:
            raise ExtractionError(f"{code} row {row_number}: {len(chunk)} cells, expected {width}")
        if expected_start and not chunk[0].startswith(expected_start):
            raise ExtractionError(
                f"{code} row {row_number}: merged row should start {expected_start!r}, "
                f"found {chunk[0]!r}"
            )
        # A merged cell is exported in its top row, so a row lacking one needs a row above
        # (whose cell for that score is text, or null again when the merge spans more rows).
        if missing and not rows:
            raise ExtractionError(f"{code} row 1 cannot lack a merged «{missing}» cell")
        texts = iter(chunk)
        rows.append({score: None if score == missing else next(texts) for score in SCORES})
        position += width
    unused = [row for (known, row) in MERGED_CELLS if known == code and row > len(rows)]
    if unused:
        raise ExtractionError(f"{code}: MERGED_CELLS names rows {unused} that do not exist")
    return rows


def extract(text: str) -> dict:
    """Parse the seed text and return the checklist in the fixture's format."""
    paragraphs = appendix_paragraphs(text)
    steps = split_table(table_paragraphs(paragraphs))
    checklist = {"version": VERSION, "title": paragraphs[2], "source": SOURCE, "steps": []}
    for step in steps:
        criteria = []
        for criterion in step["criteria"]:
            code = criterion["code"]
            cells = [normalise(" ".join(parts)) for parts in criterion["cells"]]
            criteria.append(
                {
                    "code": code,
                    "title": normalise(" ".join(criterion["title"])),
                    "common_areas_only": code in COMMON_AREAS_ONLY,
                    "external_data": code in EXTERNAL_DATA,
                    "indicators": build_rows(code, cells),
                }
            )
        checklist["steps"].append(
            {"number": step["number"], "name": step["name"], "criteria": criteria}
        )
    validate(checklist)
    return checklist


def validate(checklist: dict) -> None:
    """Raise ExtractionError unless the checklist has the shape Appendices 6 and 12 give it."""
    steps = checklist["steps"]
    if [step["number"] for step in steps] != list(CRITERIA_PER_STEP):
        raise ExtractionError(f"steps {[step['number'] for step in steps]}, expected 1-5")
    codes = set()
    for step in steps:
        number = step["number"]
        if step["name"] != STEP_NAMES[number]:
            raise ExtractionError(f"step {number} is named {step['name']!r}")
        expected = [f"{number}.{i}" for i in range(1, CRITERIA_PER_STEP[number] + 1)]
        found = [criterion["code"] for criterion in step["criteria"]]
        if found != expected:
            raise ExtractionError(f"step {number} has criteria {found}, expected {expected}")
        for criterion in step["criteria"]:
            codes.add(criterion["code"])
            if not criterion["title"] or criterion["title"].startswith("-"):
                raise ExtractionError(f"{criterion['code']}: bad title {criterion['title']!r}")
            if not criterion["indicators"]:
                raise ExtractionError(f"{criterion['code']} has no indicator rows")
            for row in criterion["indicators"]:
                if tuple(row) != SCORES:
                    raise ExtractionError(f"{criterion['code']}: row keys {tuple(row)}")
                if any(value == "" for value in row.values()):
                    raise ExtractionError(f"{criterion['code']}: empty descriptor in {row}")
    if len(codes) != 35:
        raise ExtractionError(f"{len(codes)} criteria, expected 35")
    if not codes.issuperset(COMMON_AREAS_ONLY | EXTERNAL_DATA):
        raise ExtractionError("flagged criteria missing from the table")
    nulls = {
        (criterion["code"], index)
        for step in steps
        for criterion in step["criteria"]
        for index, row in enumerate(criterion["indicators"], start=1)
        if None in row.values()
    }
    if nulls != set(MERGED_CELLS):
        raise ExtractionError(f"merged rows {sorted(nulls)} differ from MERGED_CELLS")


def render(checklist: dict) -> str:
    return json.dumps(checklist, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the fixture differs from a fresh extraction"
    )
    args = parser.parse_args(argv)
    try:
        fresh = render(extract(args.seed.read_text(encoding="utf-8")))
    except ExtractionError as error:
        print(f"{args.seed}: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != fresh:
            print(
                f"{args.output} is out of date; run scripts/extract_checklist.py", file=sys.stderr
            )
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
