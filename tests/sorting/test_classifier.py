import io
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from core.exceptions import ApplicationError
from sorting import selectors, services
from sorting.choices import EntryKind, ItemCategory
from sorting.models import ClassifierEntry, ControlSheetItem


def test_classifier_holds_appendix_14_categories_with_states_and_decisions():
    unneeded = ClassifierEntry.objects.filter(team=None, category=ItemCategory.UNNEEDED)
    assert unneeded.filter(kind=EntryKind.STATE).count() == 7
    assert unneeded.filter(kind=EntryKind.DECISION, text="уничтожить").exists()
    assert unneeded.filter(kind=EntryKind.REGULARITY, text="ни разу").exists()
    rarely = ClassifierEntry.objects.filter(team=None, category=ItemCategory.RARELY_NEEDED)
    assert set(rarely.filter(kind=EntryKind.REGULARITY).values_list("text", flat=True)) == {
        "не чаще одного раза за последние 2 - 6 месяцев",
        "не чаще одного раза в месяц",
    }
    needed = ClassifierEntry.objects.filter(team=None, category=ItemCategory.NEEDED)
    assert needed.filter(kind=EntryKind.REGULARITY).count() == 3


def test_control_sheet_holds_the_seven_actions_of_appendix_15():
    assert ControlSheetItem.objects.values("section_number").distinct().count() == 7
    assert ControlSheetItem.objects.filter(text="копировальные аппараты").exists()


def test_loading_the_classifier_twice_changes_nothing():
    before = (ClassifierEntry.objects.count(), ControlSheetItem.objects.count())
    out = io.StringIO()
    call_command("load_sorting_classifier", stdout=out)
    call_command("load_sorting_classifier", stdout=out)
    assert "classifier entries: 23" in out.getvalue()
    assert (ClassifierEntry.objects.count(), ControlSheetItem.objects.count()) == before


def test_extractor_reproduces_the_committed_fixtures(tmp_path):
    seed = settings.BASE_DIR.parent / "shared" / "seeds" / "003_40cf1adbacc85322.txt"
    if not seed.exists():
        pytest.skip("the specification is not beside the project")
    script = settings.BASE_DIR / "scripts" / "extract_sorting_fixtures.py"
    subprocess.run([sys.executable, str(script), str(seed), str(tmp_path)], check=True)
    for name in ("classifier.json", "control_sheet.json"):
        committed = json.loads((settings.BASE_DIR / "fixtures" / "sorting" / name).read_text())
        assert json.loads((tmp_path / name).read_text()) == committed


def test_team_leader_extends_the_classifier_for_own_team_only(team_a, team_leader_a, team_b):
    entry = services.classifier_entry_add(
        actor=team_leader_a,
        team=team_a,
        category=ItemCategory.UNNEEDED,
        kind=EntryKind.STATE,
        text="подарки без инвентарного номера",
    )
    agency_a = team_a.agencies.get()
    agency_b = team_b.agencies.get()
    assert entry in selectors.tag_reasons(agency_a.pk)
    assert entry not in selectors.tag_reasons(agency_b.pk)
    with pytest.raises(PermissionDenied):
        services.classifier_entry_add(
            actor=team_leader_a,
            team=team_b,
            category=ItemCategory.UNNEEDED,
            kind=EntryKind.STATE,
            text="чужое",
        )


def test_team_member_cannot_extend_the_classifier(team_a, team_member_a):
    with pytest.raises(PermissionDenied):
        services.classifier_entry_add(
            actor=team_member_a,
            team=team_a,
            category=ItemCategory.UNNEEDED,
            kind=EntryKind.STATE,
            text="новое",
        )


def test_duplicate_classifier_entry_is_refused(team_a, team_leader_a):
    with pytest.raises(ApplicationError) as error:
        services.classifier_entry_add(
            actor=team_leader_a,
            team=team_a,
            category=ItemCategory.UNNEEDED,
            kind=EntryKind.DECISION,
            text="уничтожить",
        )
    assert "уже есть" in str(error.value.details["text"])
