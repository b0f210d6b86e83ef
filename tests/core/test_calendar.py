import datetime

from core.calendar import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_weekends_and_public_holidays_are_not_working_days():
    assert not is_working_day(D(2026, 1, 1))  # New Year holidays
    assert not is_working_day(D(2026, 1, 7))  # Christmas
    assert not is_working_day(D(2026, 6, 12))  # Russia Day
    assert not is_working_day(D(2026, 11, 21))  # Saturday
    assert is_working_day(D(2026, 11, 20))


def test_five_working_days_after_an_order_skip_the_weekend():
    # Order of Friday 20.11.2026: Mon 23 … Fri 27.
    assert add_working_days(D(2026, 11, 20), 5) == D(2026, 11, 27)


def test_deadline_across_the_new_year_holidays():
    # Tue 29.12.2025 + 5 working days: 30.12, then 31.12 is a day off (substituted),
    # 1–8 January holidays, 9 January is a substituted day off in 2026.
    assert add_working_days(D(2025, 12, 29), 1) == D(2025, 12, 30)
    assert add_working_days(D(2025, 12, 30), 1) == D(2026, 1, 12)


def test_one_working_day_before_an_audit_on_monday_is_the_previous_friday():
    assert add_working_days(D(2026, 11, 23), -1) == D(2026, 11, 20)


def test_working_days_between_counts_the_days_after_start_up_to_end():
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 27)) == 5
    assert working_days_between(D(2026, 11, 27), D(2026, 11, 20)) == -5
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 20)) == 0


def test_extra_working_saturday_from_settings_counts(settings):
    settings.EXTRA_WORKING_DAYS = ["2026-11-21"]
    assert is_working_day(D(2026, 11, 21))
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 21)
