#!/usr/bin/env python3
"""Extract the sorting fixtures from the specification (Appendices 14 and 15).

    python scripts/extract_sorting_fixtures.py [SEED] [OUT_DIR]

Writes fixtures/sorting/classifier.json (Appendix 14: categories with their usage regularity,
states and decisions) and fixtures/sorting/control_sheet.json (Appendix 15: the places and kinds
of items to inspect). The seed is a flattened web export where blank lines separate table cells
and list items; within a cell the items of a list end with «;», the last one does not, so a line
without a trailing «;» closes a cell. Re-running it gives the same files.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / "003_40cf1adbacc85322.txt"
DEFAULT_OUT = ROOT / "fixtures" / "sorting"

CATEGORY_CODES = {
    "«Ненужные»": "unneeded",
    "«Ненужные срочно»": "rarely_needed",
    "«Нужные»": "needed",
}
COLUMNS = ["regularities", "states", "decisions"]


def appendix(lines, number):
    start = next(i for i, line in enumerate(lines) if line.strip() == f"Приложение {number}")
    end = next(i for i, line in enumerate(lines) if line.strip() == f"Приложение {number + 1}")
    return [line.strip() for line in lines[start + 1 : end] if line.strip()]


def clean(item):
    return item.strip().rstrip(";").strip()


def classifier(cells):
    categories = []
    current = None
    column = 0
    for cell in cells:
        if cell in CATEGORY_CODES:
            current = {"code": CATEGORY_CODES[cell], "name": cell}
            current.update({name: [] for name in COLUMNS})
            categories.append(current)
            column = 0
            continue
        if current is None:
            continue  # the heading and the column titles
        current[COLUMNS[column]].append(clean(cell))
        if not cell.endswith(";"):
            column += 1
    for category in categories:
        assert all(category[name] for name in COLUMNS), category
    return categories


def control_sheet(cells):
    start = cells.index("Действия:") + 1
    sections = []
    for cell in cells[start:]:
        match = re.match(r"^(\d+)\.\s+(.*)$", cell)
        if match:
            sections.append({"number": int(match.group(1)), "title": match.group(2), "items": []})
        elif cell.startswith("- ") and sections:
            sections[-1]["items"].append(clean(cell[2:]).rstrip("."))
    for section in sections:
        if not section["items"]:  # «6. Проверить места хранения …» is one item in itself
            section["items"].append(section["title"].rstrip("."))
    return sections


def main():
    seed = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    lines = seed.read_text(encoding="utf-8").splitlines()
    out.mkdir(parents=True, exist_ok=True)
    source = "Распоряжение Губернатора области от 23.08.2011 № 414-р, Методические рекомендации"
    (out / "classifier.json").write_text(
        json.dumps(
            {
                "source": source + ", приложение 14 «Примерный классификатор предметов»",
                "categories": classifier(appendix(lines, 14)),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    (out / "control_sheet.json").write_text(
        json.dumps(
            {
                "source": source + ", приложение 15 «Примерный лист контроля сортировки»",
                "sections": control_sheet(appendix(lines, 15)),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
