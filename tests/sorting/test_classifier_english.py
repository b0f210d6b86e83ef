"""English mode translates the item classifier (Appendix 14) and the sorting control sheet
(Appendix 15) loaded from fixtures/sorting/ (issue 17 item 10); the Russian stays the source and
what the API returns."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from core import i18n
from sorting import services
from sorting.models import ClassifierEntry, ControlSheetItem
from tests.sorting.factories import make_tag, reason

FIXTURES = settings.BASE_DIR / "fixtures" / "sorting"
BROKEN_RU = "сломанные, устаревшие, с истекшим сроком использования"
BROKEN_EN = "broken, obsolete, past their service life"


@pytest.fixture(autouse=True)
def _russian_afterwards():
    """A request with the English cookie leaves English active in this thread (the portal's
    locale middleware activates the language and does not restore it): the tests after this
    one read Russian again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_every_classifier_and_control_sheet_text_has_an_english_translation():
    classifier = json.loads((FIXTURES / "classifier.json").read_text(encoding="utf-8"))
    texts = [c["name"] for c in classifier["categories"]] + [
        t
        for c in classifier["categories"]
        for k in ("regularities", "states", "decisions")
        for t in c[k]
    ]
    assert i18n.untranslated(i18n.english_texts(FIXTURES / "classifier.json"), texts) == []
    sheet = json.loads((FIXTURES / "control_sheet.json").read_text(encoding="utf-8"))
    texts = [s["title"] for s in sheet["sections"]] + [
        i for s in sheet["sections"] for i in s["items"]
    ]
    assert i18n.untranslated(i18n.english_texts(FIXTURES / "control_sheet.json"), texts) == []


def test_loading_stores_the_english_and_loading_again_changes_nothing():
    first = services.classifier_load()
    entry = ClassifierEntry.objects.get(team=None, text=BROKEN_RU)
    assert entry.text_en == BROKEN_EN
    assert ControlSheetItem.objects.get(text="полы").text_en == "floors"
    assert ControlSheetItem.objects.get(text="полы").section_title_en == (
        "Inspect the following places:"
    )
    rows = list(ClassifierEntry.objects.values_list("pk", "text", "text_en", "order"))
    assert services.classifier_load() == first
    assert list(ClassifierEntry.objects.values_list("pk", "text", "text_en", "order")) == rows
    assert not ClassifierEntry.objects.filter(team=None, text_en="").exists()
    assert not ControlSheetItem.objects.filter(text_en="").exists()


def test_an_entry_shows_english_in_english_mode_and_a_teams_own_entry_as_typed(team_a):
    entry = ClassifierEntry.objects.get(team=None, text=BROKEN_RU)
    own = ClassifierEntry.objects.create(
        team=team_a, category="unneeded", kind="state", text="Своё"
    )
    with translation.override("en"):
        assert str(entry) == entry.shown_text == BROKEN_EN
        assert own.shown_text == "Своё"
    with translation.override("ru"):
        assert str(entry) == entry.shown_text == BROKEN_RU


def test_the_red_tag_form_offers_the_classifier_in_english_in_english_mode(login, team_member_a):
    url = reverse("sorting:tag-create")
    english = _english(login(team_member_a)).get(url).content.decode()
    assert BROKEN_EN in english and BROKEN_RU not in english
    assert "dispose of" in english
    russian = login(team_member_a).get(url).content.decode()
    assert BROKEN_RU in russian and BROKEN_EN not in russian


def test_the_classifier_page_in_english_mode_shows_the_english_classifier(login, team_member_a):
    url = reverse("sorting:classifier")
    english = _english(login(team_member_a)).get(url).content.decode()
    assert BROKEN_EN in english and "Inspect the following places:" in english
    assert "hourly" in english and "ежечасно" not in english
    russian = login(team_member_a).get(url).content.decode()
    assert BROKEN_RU in russian and "Осмотреть следующие места:" in russian


def test_the_api_keeps_the_russian_classifier_text(api_client, team_member_a, agency_a):
    tag = make_tag(team_member_a, agency_a, reason=reason(2))
    body = (
        api_client(team_member_a)
        .get(f"/api/v1/red-tags/{tag.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    assert body["reason_text"] == BROKEN_RU


@pytest.mark.django_db(transaction=True)
def test_a_database_migrated_from_before_gets_the_english_filled():
    call_command("load_sorting_classifier", stdout=io.StringIO())
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("sorting", "0008_line_room_length")])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    assert ClassifierEntry.objects.get(team=None, text=BROKEN_RU).text_en == BROKEN_EN
    assert not ControlSheetItem.objects.filter(section_title_en="").exists()
