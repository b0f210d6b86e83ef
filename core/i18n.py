"""The language of the content a person reads (issue 17, item 10).

Russian is the source and the legal text of the regulation (seed 003): the checklist of
Appendix 2, the classifiers and reference lists are stored in Russian as loaded from fixtures/,
with an English rendering beside each text (an `_en` field). What a page, a PDF or an XLSX
shows is decided here, once: the English rendering in English mode where there is one, the
Russian text otherwise. The REST API keeps its Russian fields as they are.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation


def english_active() -> bool:
    """Whether the active language (the `django_language` cookie, the header switch, a
    document's `translation.override`) is English."""
    return (translation.get_language() or "").lower().startswith("en")


def shown_text(russian, english):
    """The text a person reads: `english` in English mode when it is not empty, else the
    Russian source."""
    if english and english_active():
        return english
    return russian


def shown_rows(russian: list, english: list) -> list:
    """Rows of descriptors keyed by score ("5".."1"): in English mode each cell's English
    rendering where it exists, the Russian cell where it does not (a row or a cell missing from
    the translation falls back, never disappears). A merged cell (null) stays null."""
    if not english or not english_active():
        return russian
    rows = []
    for index, row in enumerate(russian):
        other = english[index] if index < len(english) and isinstance(english[index], dict) else {}
        rows.append({key: (other.get(key) or value) for key, value in row.items()})
    return rows


# --- Reference fixtures: fixtures/<area>/X.json with its English in X.en.json ---------------------
#
# The pattern for a reference list loaded from fixtures/ (classifiers, registers, templates):
# X.en.json beside X.json holds {"texts": {"<the Russian text>": "<its English>"}}; the loader
# stores english_of(texts, russian) in the model's `<field>_en`, and one model property
# (`shown_<field>`, through shown_text above) decides what a person reads. A text read from
# the fixture at run time goes through shown_text(russian, english_of(...)) the same way.


def translation_file(path) -> Path:
    """fixtures/area/X.json -> fixtures/area/X.en.json."""
    path = Path(path)
    return path.with_name(f"{path.stem}.en.json")


def english_texts(path) -> dict[str, str]:
    """The English renderings beside the Russian fixture `path` (Russian text -> English);
    empty when the fixture has none."""
    english = translation_file(path)
    if not english.exists():
        return {}
    return dict(json.loads(english.read_text(encoding="utf-8")).get("texts", {}))


def english_of(texts: dict[str, str], russian: str) -> str:
    """The English of `russian` in `texts`, or "" (then the Russian is shown)."""
    return texts.get(russian, "") if russian else ""


def untranslated(texts: dict[str, str], russian: list[str]) -> list[str]:
    """The Russian texts among `russian` that have no English rendering (for tests)."""
    return [text for text in russian if text and not texts.get(text)]


@cache
def fixture_english(relative: str) -> dict[str, str]:
    """english_texts of fixtures/<relative> (e.g. "standards/daily_checklist.json"), read once:
    for texts read from a fixture at run time, or copied from it into a record (a text the
    person left as the regulation's template reads in English; one they changed, as typed)."""
    return english_texts(Path(settings.BASE_DIR) / "fixtures" / relative)


def shown_template_text(relative: str, russian: str) -> str:
    """`russian` as a person reads it, when it may be a text of the fixture `relative`."""
    if not english_active():
        return russian
    return shown_text(russian, english_of(fixture_english(relative), russian))
