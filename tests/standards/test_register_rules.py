"""L1145: review at least once a year — due exactly a year after approval, overdue the day
after; L1187–1189: at most 10 items and 5 minutes."""

import datetime

from standards.register import rules
from standards.register.choices import ReviewState


def test_review_is_due_exactly_a_year_after_approval():
    assert rules.review_due(datetime.date(2026, 3, 10)) == datetime.date(2027, 3, 10)


def test_review_of_29_february_is_due_on_28_february():
    assert rules.review_due(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_review_is_not_overdue_on_the_due_date_and_overdue_the_day_after():
    due = rules.review_due(datetime.date(2026, 3, 10))
    assert not rules.is_review_overdue(due, datetime.date(2027, 3, 10))
    assert rules.is_review_overdue(due, datetime.date(2027, 3, 11))
    assert not rules.is_review_overdue(None, datetime.date(2030, 1, 1))


def test_review_state_moves_from_current_to_due_soon_to_overdue():
    due = datetime.date(2027, 3, 10)
    assert rules.review_state(due, datetime.date(2027, 2, 7)) == ReviewState.CURRENT
    assert rules.review_state(due, datetime.date(2027, 2, 8)) == ReviewState.DUE_SOON
    assert rules.review_state(due, due) == ReviewState.DUE_SOON
    assert rules.review_state(due, datetime.date(2027, 3, 11)) == ReviewState.OVERDUE
    assert rules.review_state(None, due) == ReviewState.NOT_APPROVED


def test_checklist_accepts_ten_items_and_refuses_eleven():
    assert rules.checklist_items_ok(10)
    assert not rules.checklist_items_ok(11)
    assert not rules.checklist_items_ok(0)


def test_checklist_takes_at_most_five_minutes():
    assert rules.checklist_duration_ok(5)
    assert not rules.checklist_duration_ok(6)
    assert not rules.checklist_duration_ok(0)
