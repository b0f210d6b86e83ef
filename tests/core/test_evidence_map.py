"""The evidence map (core.evidence_map) covers every criterion of the checklist: each names at
least one record kind, or says in writing why no record of the portal proves it (issue 16,
item 3; Appendix 2, L1489–2889). Every kind an app registers serves some criterion, and a kind
named in the map that no app provides yet shows as «нет данных» without a query."""

import json

import pytest
from django.conf import settings

from core import evidence
from core.evidence_map import CRITERIA, PENDING_KIND_LABELS

CHECKLIST = settings.BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"

# Kinds being built now by other engineers (issue 16): the map names them already.
KINDS_BEING_BUILT = {
    "standards.placement_scheme",
    "standards.placement_schedule",
    "standards.hard_to_clean_analysis",
    "standards.cleaning_analysis",
    "standards.cleaning_plan",
    "standards.cleaning_schedule",
    "agencies.indicator_sheet",
    "agencies.board_update",
}


def checklist_codes():
    data = json.loads(CHECKLIST.read_text(encoding="utf-8"))
    return [c["code"] for step in data["steps"] for c in step["criteria"]]


def test_the_checklist_has_35_criteria_and_the_map_has_each_of_them_and_no_other():
    codes = checklist_codes()
    assert len(codes) == 35
    assert list(CRITERIA) == codes


@pytest.mark.parametrize("code", checklist_codes())
def test_every_criterion_names_a_record_kind_or_says_why_none_exists(code):
    entry = CRITERIA[code]
    assert entry.kinds or str(entry.reason).strip(), f"{code}: no record kind and no reason"
    assert entry.source.startswith("L"), f"{code}: cite the seed line of its descriptors"
    assert len(set(entry.kinds)) == len(entry.kinds), f"{code}: a kind named twice"


def test_the_criteria_without_a_record_kind_are_few_and_explained():
    without = {code for code, entry in CRITERIA.items() if not entry.kinds}
    assert without == {"2.4", "5.8"}


def test_every_kind_in_the_map_is_registered_by_its_app_or_being_built():
    registered = set(evidence.registered_kinds())
    named = {kind for entry in CRITERIA.values() for kind in entry.kinds}
    assert named - registered <= KINDS_BEING_BUILT
    assert set(PENDING_KIND_LABELS) == KINDS_BEING_BUILT


def test_every_registered_kind_serves_at_least_one_criterion():
    named = {kind for entry in CRITERIA.values() for kind in entry.kinds}
    assert set(evidence.registered_kinds()) <= named


def test_each_kind_is_registered_by_the_app_its_key_names():
    for key, kind in evidence.registered_kinds().items():
        app = key.split(".")[0]
        assert kind.provider.__module__.split(".")[0] == app, key


def test_the_examples_of_the_issue_are_in_the_map():
    assert "sorting.red_tag" in CRITERIA["1.1"].kinds
    assert "standards.placement_scheme" in CRITERIA["2.1"].kinds
    assert "standards.stock_place" in CRITERIA["2.5"].kinds
    assert {"standards.visual_control", "agencies.board_update"} <= set(CRITERIA["2.6"].kinds)
    for code in ("3.1", "3.2", "3.3", "3.4"):
        assert "standards.cleaning_plan" in CRITERIA[code].kinds
    assert CRITERIA["4.3"].kinds == ("audits.it_standard",)
    assert "standards.order_request" in CRITERIA["4.5"].kinds
    assert CRITERIA["4.8"].kinds == ("standards.standard",)
    assert "agencies.deployment_plan" in CRITERIA["5.1"].kinds
    assert {"audits.action_plan", "audits.corrective_action"} <= set(CRITERIA["5.2"].kinds)
    assert {"audits.internal_audit", "agencies.indicator_sheet"} <= set(CRITERIA["5.3"].kinds)
    for code in ("5.4", "5.5", "5.6"):
        assert "agencies.training_session" in CRITERIA[code].kinds
    assert CRITERIA["5.7"].kinds == ("agencies.walk_round",)


def test_a_kind_not_provided_yet_shows_as_no_data_without_a_query(
    db, agency_a, django_assert_num_queries, monkeypatch
):
    """A kind named in the map before its app provides it (as placement and shine were while
    they were being built) costs no query and shows as «нет данных»."""
    kinds = {k: v for k, v in evidence.registered_kinds().items() if k != "standards.cleaning_plan"}
    monkeypatch.setattr(evidence, "_kinds", kinds)
    with django_assert_num_queries(0):
        found = evidence.collect([agency_a.pk], ["standards.cleaning_plan"])
    kind = found["standards.cleaning_plan"][agency_a.pk]
    assert (kind.registered, kind.count, kind.latest, kind.records) == (False, 0, None, ())
    assert kind.label == "Планы уборки-проверки"


def test_a_new_kind_plugs_in_by_registering_a_provider(db, agency_a, monkeypatch):
    import datetime

    monkeypatch.setattr(evidence, "_kinds", dict(evidence.registered_kinds()))
    day = datetime.date(2026, 3, 1)

    def provider(agency_ids, until=None):
        return [
            evidence.EvidenceRecord(agency_id=pk, title="План", date=day, url="/p/")
            for pk in agency_ids
        ]

    evidence.register_evidence_kind("standards.cleaning_plan", "Планы", provider)
    (row,) = evidence.criteria_evidence(agency_a.pk, [("3.3", "")])
    plan = next(kind for kind in row.kinds if kind.kind == "standards.cleaning_plan")
    assert (plan.registered, plan.count, plan.latest, plan.url) == (True, 1, day, "/p/")
    assert row.count == 1 and row.latest == day
    assert [kind.kind for kind in row.missing] == ["standards.cleaning_schedule"]
