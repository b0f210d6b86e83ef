"""The language of the content a person reads (issue 17, item 10).

Russian is the source and the legal text of the regulation (seed 003): the checklist of
Appendix 2, the classifiers and reference lists are stored in Russian as loaded from fixtures/,
with an English rendering beside each text (an `_en` field). What a page, a PDF or an XLSX
shows is decided here, once: the English rendering in English mode where there is one, the
Russian text otherwise. The REST API keeps its Russian fields as they are.
"""

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
