"""core.periods: the month helpers every app imports (Appendix 13's reporting month, the IT
department's monthly record, the monthly and quarterly cadence), at their boundaries."""

import datetime

import pytest

from core.periods import (
    add_months,
    format_month,
    month_end,
    month_start,
    months_back,
    parse_month,
    previous_month,
)

D = datetime.date


def test_a_month_starts_on_its_first_day_and_ends_on_its_last():
    assert month_start(D(2026, 3, 31)) == D(2026, 3, 1)
    assert month_end(D(2026, 2, 10)) == D(2026, 2, 28)
    assert month_end(D(2028, 2, 1)) == D(2028, 2, 29)  # a leap year
    assert month_end(D(2026, 12, 5)) == D(2026, 12, 31)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # a day the month lacks: its last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # quarterly, across the year
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
        (D(2026, 3, 31), -12, D(2025, 3, 31)),
        (D(2026, 5, 5), 0, D(2026, 5, 5)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_the_previous_month_and_the_months_back_cross_the_year():
    assert previous_month(D(2026, 1, 20)) == D(2025, 12, 1)
    assert months_back(D(2026, 2, 14), 3) == [D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)]
    assert months_back(D(2026, 2, 14), 1) == [D(2026, 2, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03", D(2026, 3, 1)),
        (" 2026-12 ", D(2026, 12, 1)),
        ("2026-13", None),
        ("2026-00", None),
        ("0000-05", None),
        ("2026-3", None),
        ("2026-03-01", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_month_reads_the_apis_month_or_says_none(text, expected):
    assert parse_month(text) == expected


def test_format_month_is_the_apis_month():
    assert format_month(D(2026, 3, 17)) == "2026-03"
    assert parse_month(format_month(D(987, 1, 1))) == D(987, 1, 1)


def test_the_summarys_month_takes_a_year_from_2000_to_2100_only():
    from core.exceptions import ApplicationError
    from reports.periods import parse_month as summary_month

    assert summary_month("2100-12") == D(2100, 12, 1)
    for text in ("1999-12", "2101-01", "2026-13", None):
        with pytest.raises(ApplicationError):
            summary_month(text)
