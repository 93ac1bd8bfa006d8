"""Working days: Monday–Friday, Vietnamese public holidays 2025–2026, make-up Saturdays."""

from __future__ import annotations

import datetime as dt

from kehoach_tui.domain.workdays import VN_PUBLIC_HOLIDAYS, WorkCalendar, vietnam_calendar

D = dt.date


def test_weekdays_only_by_default():
    cal = WorkCalendar()
    assert cal.is_workday(D(2025, 11, 5))      # Wednesday
    assert not cal.is_workday(D(2025, 11, 8))  # Saturday
    assert not cal.is_workday(D(2025, 11, 9))  # Sunday
    assert cal.count(D(2025, 11, 3), D(2025, 11, 9)) == 5


def test_saturdays_can_be_working_days():
    assert vietnam_calendar(saturdays=True).is_workday(D(2025, 11, 8))
    assert not vietnam_calendar(saturdays=True).is_workday(D(2025, 11, 9))


def test_national_holidays_2025_2026():
    cal = vietnam_calendar()
    for day in (D(2025, 1, 1), D(2025, 4, 30), D(2025, 5, 1), D(2025, 9, 2), D(2026, 2, 17), D(2026, 4, 27)):
        assert not cal.is_workday(day), day
    # the Tết 2026 break: Saturday 14/02 to Sunday 22/02, no working day inside
    assert list(cal.workdays(D(2026, 2, 14), D(2026, 2, 22))) == []
    assert all(day.year in (2025, 2026) for day in VN_PUBLIC_HOLIDAYS)


def test_make_up_saturdays_are_working_days():
    cal = vietnam_calendar()
    assert cal.is_workday(D(2025, 4, 26)) and not cal.is_workday(D(2025, 5, 2))
    assert cal.is_workday(D(2026, 1, 10)) and not cal.is_workday(D(2026, 1, 2))


def test_commune_holidays_and_extra_days():
    cal = vietnam_calendar(holidays=[D(2025, 11, 20)], extra_workdays=[D(2025, 11, 22)])
    assert not cal.is_workday(D(2025, 11, 20))
    assert cal.is_workday(D(2025, 11, 22))
    assert vietnam_calendar(builtin=False).is_workday(D(2025, 9, 2))
