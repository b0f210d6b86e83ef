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
