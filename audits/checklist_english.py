"""The English rendering of the Appendix 2 checklist (issue 17, item 10).

fixtures/checklist/checklist_2011.en.json sits beside the Russian fixture and keeps the legal
text untouched: the steps keyed by number, the criteria keyed by code (1.1–5.8, Appendices 6
and 12), each with its title and the same indicator rows of descriptors keyed "5".."1" as the
Russian table (seed 003, Appendix 2; a cell merged in the original stays null).

Pure: it reads the file and sets the `_en` attributes of the objects it is given, so both the
loader (audits.services.checklist) and the data migration that fills an existing database use
this one rule.
"""

import json
from pathlib import Path

from core import i18n

SCORES = ("5", "4", "3", "2", "1")


def translation_path(path) -> Path:
    """checklist_2011.json -> checklist_2011.en.json, in the same folder."""
    return i18n.translation_file(path)


def read_translation(path) -> dict | None:
    """The English rendering beside the Russian fixture `path`, or None when there is none."""
    english = translation_path(path)
    if not english.exists():
        return None
    return json.loads(english.read_text(encoding="utf-8"))


def apply_translation(data: dict, *, version, steps, criteria) -> list:
    """Set title_en / name_en / indicators_en on the given checklist objects from `data` (the
    .en.json of the same edition). Returns the objects whose English changed (nothing when
    run again with the same file). A translation of another edition changes nothing."""
    if data.get("version") != version.version:
        return []
    changed = []
    title = data.get("title", "")
    if version.title_en != title:
        version.title_en = title
        changed.append(version)
    names = data.get("steps", {})
    for step in steps:
        name = names.get(str(step.number), "")
        if step.name_en != name:
            step.name_en = name
            changed.append(step)
    texts = data.get("criteria", {})
    for criterion in criteria:
        item = texts.get(criterion.code, {})
        title = item.get("title", "")
        rows = item.get("indicators", [])
        if criterion.title_en != title or criterion.indicators_en != rows:
            criterion.title_en = title
            criterion.indicators_en = rows
            changed.append(criterion)
    return changed


def missing_translations(russian: dict, english: dict) -> list[str]:
    """What the English rendering lacks against the Russian fixture: a step name, a criterion
    title, or a descriptor (a Russian cell with text whose English cell is empty), as readable
    references like "2.3 row 1 score 4". Empty when the translation is complete."""
    missing = []
    names = english.get("steps", {})
    texts = english.get("criteria", {})
    for step in russian["steps"]:
        if not names.get(str(step["number"])):
            missing.append(f"step {step['number']}")
        for item in step["criteria"]:
            other = texts.get(item["code"], {})
            if not other.get("title"):
                missing.append(f"{item['code']} title")
            rows = other.get("indicators", [])
            for index, row in enumerate(item["indicators"]):
                row_en = rows[index] if index < len(rows) else {}
                for score in SCORES:
                    if row.get(score) and not row_en.get(score):
                        missing.append(f"{item['code']} row {index + 1} score {score}")
    return missing
