"""English is a full translation: every app's catalogue has every message translated."""

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(settings.BASE_DIR.glob("*/locale/en/LC_MESSAGES/django.po"))


def test_every_app_with_an_interface_has_an_english_catalogue():
    apps = {path.parts[-5] for path in CATALOGUES}
    assert {"core", "agencies", "audits", "sorting", "productivity", "reports"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-5])
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_every_plural_message_has_its_three_russian_forms():
    """Russian is the source language, but a plural needs the Russian rule (1 / 2–4 / 5+):
    without a ru catalogue entry, ngettext would say «21 человек»."""
    russian = {}
    for path in settings.BASE_DIR.glob("*/locale/ru/LC_MESSAGES/django.po"):
        catalogue = polib.pofile(str(path))
        assert "nplurals=3" in catalogue.metadata["Plural-Forms"], path
        russian.update({entry.msgid: entry.msgstr_plural for entry in catalogue})
    plurals = {
        entry.msgid
        for path in CATALOGUES
        for entry in polib.pofile(str(path))
        if entry.msgid_plural
    }
    assert plurals, "the test would pass vacuously"
    for msgid in plurals:
        forms = russian.get(msgid, {})
        assert sorted(forms) == [0, 1, 2] and all(forms.values()), msgid


def test_the_sorting_section_and_the_first_5s_step_keep_their_own_english_names():
    from django.utils import translation

    from audits.choices import STEP_NAMES

    with translation.override("en"):
        assert translation.gettext("Сортировка") == "Sorting"
        assert [str(name) for name in STEP_NAMES.values()] == [
            "Sort",
            "Set in order",
            "Shine",
            "Standardize",
            "Sustain",
        ]
    with translation.override("ru"):
        assert str(STEP_NAMES[1]) == translation.gettext("Сортировка") == "Сортировка"
