"""English mode translates the reference lists of the standards app loaded from
fixtures/standards/ (issue 17 item 10): the eight mandatory standards of §8.2, the step forms
(L1147–1159), the Appendix 26 daily checklist, the Appendix 28 categories and the Appendix 18
legend. The Russian stays the source, what the API returns and what records are created with."""

import json

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from core import i18n
from standards.placement import rules as placement_rules
from standards.register import services
from standards.register.models import DailyChecklistItem, StandardKind
from standards.visual import forms as visual_forms

FIXTURES = settings.BASE_DIR / "fixtures" / "standards"
PAPER_RU = "Хранение документов в бумажном виде"
PAPER_EN = "Keeping documents on paper"


@pytest.fixture(autouse=True)
def _russian_afterwards():
    """A request with the English cookie leaves English active in this thread (the portal's
    locale middleware activates the language and does not restore it): the tests after this
    one read Russian again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_every_reference_text_of_the_standards_fixtures_has_an_english_translation():
    legend = _load("placement_symbols.json")
    daily = _load("daily_checklist.json")
    expected = {
        "mandatory_standards.json": [
            k["title"] for k in _load("mandatory_standards.json")["kinds"]
        ],
        "visual_categories.json": _load("visual_categories.json")["categories"],
        "step_forms.json": [f["title"] for f in _load("step_forms.json")["forms"]],
        "placement_symbols.json": [legend["note"], legend["reading"]]
        + [t for s in legend["symbols"] for t in (s["name"], s["drawing"])],
        "daily_checklist.json": [daily["title"]] + [i["text"] for i in daily["items"]],
        "contamination_types.json": [
            text
            for row in _load("contamination_types.json")["types"]
            for text in (row["name"], *row["places"], *row["actions"])
        ],
    }
    for name, texts in expected.items():
        assert i18n.untranslated(i18n.english_texts(FIXTURES / name), texts) == [], name


def test_loading_the_kinds_stores_the_english_and_loading_again_changes_nothing(kinds):
    assert StandardKind.objects.get(title=PAPER_RU).title_en == PAPER_EN
    rows = list(StandardKind.objects.values_list("pk", "title", "title_en", "order"))
    assert services.reference_load() == 8
    assert list(StandardKind.objects.values_list("pk", "title", "title_en", "order")) == rows
    assert not StandardKind.objects.filter(title_en="").exists()


def test_the_register_in_english_mode_shows_the_english_kinds_and_step_forms(
    login, kinds, agency_a, team_leader_a
):
    url = f"/standards/?agency={agency_a.pk}"
    english = _english(login(team_leader_a)).get(url).content.decode()
    assert PAPER_EN in english and PAPER_RU not in english
    forms = english.split('data-testid="step-forms"')[1].split("</ul>")[0]
    assert "Cleaning schedules" in forms
    # The standard entered from a step form keeps the regulation's Russian title.
    assert "title=%D0%93%D1%80%D0%B0%D1%84%D0%B8%D0%BA%D0%B8" in forms  # «Графики…»
    russian = login(team_leader_a).get(url).content.decode()
    assert PAPER_RU in russian and PAPER_EN not in russian
    assert "Графики уборки" in russian


def test_the_register_overview_in_english_mode_names_the_kinds_in_english(login, kinds, group_head):
    page = _english(login(group_head)).get("/standards/").content.decode()
    assert PAPER_EN in page


def test_the_mandatory_standards_api_keeps_the_russian_titles(
    api_client, kinds, agency_a, team_leader_a
):
    response = api_client(team_leader_a).get(
        f"/api/v1/agencies/{agency_a.pk}/mandatory-standards/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert PAPER_RU in response.content.decode() and PAPER_EN not in response.content.decode()


def test_a_daily_checklist_item_left_as_appendix_26_reads_in_english_one_changed_as_typed():
    template = DailyChecklistItem(text="Выбросить мусор")
    changed = DailyChecklistItem(text="Выбросить мусор и полить цветы")
    with translation.override("en"):
        assert template.shown_text == "Throw away rubbish"
        assert changed.shown_text == "Выбросить мусор и полить цветы"
    with translation.override("ru"):
        assert template.shown_text == "Выбросить мусор"


def test_the_appendix_18_legend_and_the_appendix_28_categories_follow_the_language():
    with translation.override("en"):
        legend = placement_rules.shown_symbols()
        names = [s["name"] for s in legend["symbols"]]
        assert "swing area of a door, window" in names
        assert legend["note"].startswith("* An additional written explanation")
        assert "copying equipment" in visual_forms.categories()
    with translation.override("ru"):
        assert placement_rules.shown_symbols() == placement_rules.symbols()
        assert visual_forms.categories() == tuple(_load("visual_categories.json")["categories"])
    # The cached Russian legend is never changed by an English reading.
    assert placement_rules.symbols()["note"].startswith("* Допускается")


@pytest.mark.django_db(transaction=True)
def test_a_database_migrated_from_before_gets_the_english_filled():
    services.reference_load()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate(
            [("standards", "0004_shine_cleaning_analyses_plans_schedules")]
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    assert StandardKind.objects.get(title=PAPER_RU).title_en == PAPER_EN
    assert not StandardKind.objects.filter(title_en="").exists()


def test_the_contamination_classifier_reads_in_english_and_a_teams_own_kind_as_typed(
    login, team_leader_a, agency_a
):
    """Appendix 22 (L4455–4517): the appendix's rows in English mode; a team's own row is its
    own text, never translated."""
    from standards.shine import services as shine_services

    shine_services.contamination_load()
    shine_services.contamination_create(
        actor=team_leader_a, agency=agency_a, data={"name": "Следы скотча", "actions": "оттереть"}
    )
    html = _english(login(team_leader_a)).get("/standards/shine/classifier/").content.decode()
    assert "Dust" in html and "skirting board" in html and "wipe" in html
    assert "Следы скотча" in html and "Пыль" not in html
    translation.activate("ru")
    html = login(team_leader_a).get("/standards/shine/classifier/").content.decode()
    assert "Пыль" in html and "Dust" not in html
