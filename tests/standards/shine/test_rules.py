"""The pure rules of step 3 at their boundaries (Appendix 25 note 1, L4737; §7.3 L1029–1031;
Appendix 24 note 6, L4703)."""

import datetime

import pytest

from standards.shine import rules
from standards.shine.choices import CLEANING_MAX, GENERAL_CLEANING_MAX, PREPARATION_MAX

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "covers"),
    [
        (D(2026, 1, 1), D(2026, 3, 31), True),  # a calendar quarter exactly
        (D(2026, 1, 1), D(2026, 3, 30), False),  # one day short
        (D(2026, 1, 15), D(2026, 4, 14), True),
        (D(2026, 1, 15), D(2026, 4, 13), False),
        (D(2026, 11, 30), D(2027, 2, 27), True),  # 30 Nov + 3 months = 28 Feb (clamped) − 1 day
        (D(2026, 11, 30), D(2027, 2, 26), False),
        (D(2026, 1, 1), D(2026, 12, 31), True),  # a year is more than a quarter
    ],
)
def test_a_schedule_covers_at_least_a_quarter(start, end, covers):
    assert rules.covers_quarter(start, end) is covers


T = datetime.datetime


@pytest.mark.parametrize("limit", [PREPARATION_MAX, CLEANING_MAX])
def test_a_stage_of_exactly_one_day_is_allowed_and_a_minute_more_is_not(limit):
    start = T(2026, 3, 2, 9, 0)
    assert not rules.stage_too_long(start, start + datetime.timedelta(days=1), limit)
    assert rules.stage_too_long(start, start + datetime.timedelta(days=1, minutes=1), limit)


def test_the_whole_general_cleaning_is_at_most_two_days():
    start = T(2026, 3, 2, 9, 0)
    assert not rules.stage_too_long(start, start + datetime.timedelta(days=2), GENERAL_CLEANING_MAX)
    assert rules.stage_too_long(
        start, start + datetime.timedelta(days=2, seconds=60), GENERAL_CLEANING_MAX
    )


@pytest.mark.parametrize(
    "text",
    [
        "п. 3.2 инструкции по охране труда",
        "Согласно инструкции по охране труда № 5",
        "см. пункт 4.1",
        "в соответствии с разделом 2 правил",
        "Инструкция по ОТ",
    ],
)
def test_a_bare_reference_to_an_instruction_is_not_a_safety_measure(text):
    assert rules.is_reference_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "Работать в резиновых перчатках",
        "Перед уборкой обесточить оборудование (п. 3.2 инструкции)",
        "Стремянку держит второй сотрудник",
        "Не использовать влажную ветошь для розеток",
    ],
)
def test_a_measure_written_out_is_accepted(text):
    assert not rules.is_reference_only(text)


def test_overdue_is_a_past_planned_date_without_an_actual_date():
    today = D(2026, 2, 1)
    assert rules.is_overdue(D(2026, 1, 31), None, today)
    assert not rules.is_overdue(D(2026, 2, 1), None, today)  # due today is not late yet
    assert not rules.is_overdue(D(2026, 1, 31), D(2026, 1, 31), today)
    assert not rules.is_overdue(None, None, today)
