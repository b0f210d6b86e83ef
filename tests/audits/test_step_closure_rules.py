"""The pure rules of step closure (§4.6, L501) at their boundaries."""

import datetime

from audits.closure.rules import Diagnosis, closure_refusals, next_step, steps_diagnosed_for

D = datetime.date
DONE = Diagnosis(
    internal_audit_id=1,
    conducted_on=D(2026, 2, 20),
    rooms=frozenset({101, 102}),
    scored_rooms=frozenset({101, 102}),
    photos=3,
)


def refusals(**kwargs):
    values = {
        "step": 1,
        "steps_completed": 0,
        "diagnosis": DONE,
        "closed_on": D(2026, 2, 20),
        "previous_closed_on": None,
        "today": D(2026, 3, 2),
        "rows": 1,
    }
    values.update(kwargs)
    return closure_refusals(**values)


def test_a_step_closes_on_the_day_of_its_diagnosis_not_the_day_before():
    assert refusals() == {}
    assert "closed_on" in refusals(closed_on=D(2026, 2, 19))


def test_a_step_closes_today_not_tomorrow():
    assert refusals(closed_on=D(2026, 3, 2)) == {}
    assert "closed_on" in refusals(closed_on=D(2026, 3, 3))


def test_a_step_does_not_close_before_the_previous_one():
    assert refusals(step=2, steps_completed=1, previous_closed_on=D(2026, 2, 20)) == {}
    late = refusals(step=2, steps_completed=1, previous_closed_on=D(2026, 2, 21))
    assert "closed_on" in late


def test_each_missing_part_is_named_on_its_own_field():
    lacking = Diagnosis(
        internal_audit_id=1,
        conducted_on=D(2026, 2, 20),
        rooms=frozenset({101, 102}),
        scored_rooms=frozenset({101}),
        photos=0,
        room_names={102: "Архив"},
    )
    errors = refusals(diagnosis=lacking, rows=0)
    assert set(errors) == {"rooms", "photos", "problems"}
    assert "Архив" in errors["rooms"]


def test_step_four_needs_a_copy_in_every_row_and_step_five_no_document():
    assert "standards" in refusals(step=4, steps_completed=3, rows=2, rows_without_copy=[2])
    assert refusals(step=4, steps_completed=3, rows=2) == {}
    assert refusals(step=5, steps_completed=4, rows=0) == {}


def test_step_five_is_diagnosed_on_all_four_steps_and_nothing_follows_it():
    assert steps_diagnosed_for(3) == (3,)
    assert steps_diagnosed_for(5) == (1, 2, 3, 4)
    assert next_step(4) == 5 and next_step(5) is None


def test_steps_close_in_order():
    assert "step" in refusals(step=3, steps_completed=1)
    assert "step" in refusals(step=1, steps_completed=1)


def test_the_requirements_other_apps_registered_are_refusals_of_their_own():
    """core.registry.step_requirement_errors feeds `requirements` (e.g. step 2's schemes)."""
    wanted = {"placement_schemes": "Нет утверждённой схемы: 101"}
    assert refusals(step=2, steps_completed=1, requirements=wanted) == wanted
    assert refusals(step=2, steps_completed=1, requirements={}) == {}
    # Out of order, only the order is named.
    assert set(refusals(step=3, steps_completed=1, requirements=wanted)) == {"step"}
