"""Pure rules of «Set in order» and the step-requirement registry of core (L907, L909, L947)."""

import datetime

from core import registry
from standards.placement import rules

D = datetime.date


def test_the_copy_is_due_on_the_third_working_day_and_late_the_day_after():
    # Thursday 30.04.2026: 01.05 (Friday) is a holiday, then the weekend.
    due = rules.copy_due(D(2026, 4, 30))
    assert due == D(2026, 5, 6)
    assert not rules.copy_overdue(due, None, due)
    assert rules.copy_overdue(due, None, due + datetime.timedelta(days=1))
    assert not rules.copy_overdue(due, D(2026, 5, 7), D(2026, 5, 8))


def test_a_single_workplace_needs_no_scheme_and_is_never_listed():
    rooms = [(1, "Архив", False), (2, "101", False), (3, "103", True)]
    assert rules.rooms_without_scheme(rooms, [2]) == ["Архив"]
    assert rules.rooms_without_scheme(rooms, [1, 2]) == []
    assert not rules.needs_scheme(True) and rules.needs_scheme(False)


def test_the_appendix_18_legend_comes_from_the_fixture():
    legend = rules.symbols()
    assert "Приложение 18" in legend["source"]
    names = [s["name"] for s in legend["symbols"]]
    assert "сектор открывания двери, окна" in names
    assert legend["note"].startswith("* Допускается")


def test_a_step_requirement_joins_a_list_and_replaces_itself_by_key(monkeypatch):
    monkeypatch.setattr(registry, "_step_requirements", {})
    registry.register_step_requirement(4, lambda agency_id: ["a", "b"], key="x")
    registry.register_step_requirement(4, lambda agency_id: None, key="y")
    assert registry.step_requirement_errors(4, 1) == {"x": "a, b"}
    registry.register_step_requirement(4, lambda agency_id: [], key="x")
    assert registry.step_requirement_errors(4, 1) == {}
    assert registry.step_requirement_errors(5, 1) == {}
