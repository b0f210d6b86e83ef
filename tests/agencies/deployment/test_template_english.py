"""English mode translates the deployment plan's template activities (the activity tables of
§4.1, §5.1, §6.1, step 3, §8.1–9.1) loaded from fixtures/deployment/plan_template.json (issue 17
item 10); a plan's activities copied from it read in English while unchanged."""

import io
import json

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from agencies.deployment import services
from agencies.deployment.models import PlanTemplateActivity
from core import i18n
from tests.agencies.deployment.helpers import load_template

FIXTURE = settings.BASE_DIR / "fixtures" / "deployment" / "plan_template.json"
LEADER_RU = "Определить лидера 5S-команды"
LEADER_EN = "Appoint the 5S team leader"


@pytest.fixture(autouse=True)
def _russian_afterwards():
    """A request with the English cookie leaves English active in this thread (the portal's
    locale middleware activates the language and does not restore it): the tests after this
    one read Russian again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_every_template_activity_has_an_english_translation():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    titles = [row["title"] for row in data["activities"]]
    assert i18n.untranslated(i18n.english_texts(FIXTURE), titles) == []


def test_loading_stores_the_english_and_loading_again_changes_nothing(template):
    assert PlanTemplateActivity.objects.get(title=LEADER_RU).title_en == LEADER_EN
    rows = list(PlanTemplateActivity.objects.values_list("pk", "title", "title_en"))
    load_template()
    assert list(PlanTemplateActivity.objects.values_list("pk", "title", "title_en")) == rows
    assert not PlanTemplateActivity.objects.filter(title_en="").exists()


def test_the_plan_page_and_pdf_in_english_mode_show_the_english_activities(
    template, login, team_leader_a, agency_a
):
    plan = services.plan_create(actor=team_leader_a, agency=agency_a, year=2026)
    activity = plan.activities.get(title=LEADER_RU)
    with translation.override("en"):
        assert activity.shown_title == LEADER_EN
    client = login(team_leader_a)
    russian = client.get(plan.get_absolute_url()).content.decode()
    assert LEADER_RU in russian and LEADER_EN not in russian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(plan.get_absolute_url()).content.decode()
    assert LEADER_EN in english and LEADER_RU not in english
    pdf = client.get(reverse("agencies:deployment-plan-pdf", args=[plan.pk]))
    assert pdf.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Appoint the 5S" in " ".join(text.split())


@pytest.mark.django_db(transaction=True)
def test_a_database_migrated_from_before_gets_the_english_filled():
    load_template()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate([("agencies", "0013_information_board")])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    assert PlanTemplateActivity.objects.get(title=LEADER_RU).title_en == LEADER_EN
    assert not PlanTemplateActivity.objects.filter(title_en="").exists()
