"""Report periods, the date line's leading-zero rule, and due schedules."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.domain.periods import (
    PRESETS,
    PeriodError,
    PeriodKind,
    due_status,
    month15_period,
    parse_period,
    vn_date_words,
    week_period,
)
from kehoach_tui.i18n import set_lang

D = dt.date
TODAY = D(2025, 11, 5)


def test_iso_week_monday_to_sunday():
    week = week_period(TODAY)
    assert (week.start, week.end, week.code) == (D(2025, 11, 3), D(2025, 11, 9), "2025-W45")
    assert parse_period("week", "2025-W45", TODAY) == week
    assert parse_period("week", "W45", TODAY) == week
    assert parse_period("week", "2026-W01", TODAY).start == D(2025, 12, 29)  # ISO week-year
    assert parse_period("week", "", TODAY) == week
    assert week.following().start == D(2025, 11, 10) and week.preceding().end == D(2025, 11, 2)


def test_months_and_the_15th_to_14th_convention():
    assert parse_period("month", "2025-11", TODAY).end == D(2025, 11, 30)
    assert parse_period("month", "2/2024", TODAY).end == D(2024, 2, 29)
    mid = parse_period("month15", "2025-11", TODAY)
    assert (mid.start, mid.end) == (D(2025, 10, 15), D(2025, 11, 14))
    assert month15_period(D(2025, 11, 20)).start == D(2025, 11, 15)
    assert month15_period(D(2025, 11, 14)).end == D(2025, 11, 14)
    january = parse_period("month15", "2026-01", TODAY)
    assert (january.start, january.end) == (D(2025, 12, 15), D(2026, 1, 14))
    assert january.following().start == D(2026, 1, 15)


def test_day_and_custom():
    assert parse_period("day", "05/11/2025", TODAY).days == 1
    custom = parse_period("custom", "01/11/2025 - 20/11/2025", TODAY)
    assert (custom.kind, custom.start, custom.end, custom.days) == (PeriodKind.CUSTOM, D(2025, 11, 1), D(2025, 11, 20), 20)
    assert parse_period("custom", "2025-11-01..2025-11-20", TODAY) == custom
    assert custom.following().start == D(2025, 11, 21) and custom.following().days == 20


@pytest.mark.parametrize("kind,text", [("week", "2025-W60"), ("month", "13/2025"), ("day", "31/02/2025"),
                                       ("month", "tháng mười"), ("custom", "20/11/2025 - 01/11/2025")])
def test_bad_periods_give_one_line_reasons(kind, text):
    with pytest.raises(PeriodError) as caught:
        parse_period(kind, text, TODAY)
    message = str(caught.value)
    assert "\n" not in message and message[0].isupper()
    set_lang("en")
    assert str(caught.value) != message and all(ord(c) < 0x2000 or c in "“”" for c in str(caught.value))


@pytest.mark.parametrize("day,words", [
    (D(2025, 11, 5), "ngày 05 tháng 11 năm 2025"),
    (D(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
    (D(2026, 2, 14), "ngày 14 tháng 02 năm 2026"),
    (D(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
    (D(2025, 12, 25), "ngày 25 tháng 12 năm 2025"),
])
def test_date_line_leading_zero_rule(day, words):
    assert vn_date_words(day) == words


def _by_code(preset):
    return {s.code: s for s in PRESETS[preset]}


def test_nghia_tho_weekly_friday_and_monthly_last_working_day():
    schedules = _by_code("nghia-tho")
    now = dt.datetime(2025, 11, 5, 9, 0)
    weekly = due_status(schedules["weekly"], now, since=TODAY, done=set())
    assert weekly.next_due.due.date() == D(2025, 11, 7) and weekly.overdue == []
    assert weekly.next_due.period == week_period(TODAY)
    monthly = due_status(schedules["monthly"], now, since=TODAY, done=set())
    assert monthly.next_due.due.date() == D(2025, 11, 28)
    assert due_status(schedules["monthly"], dt.datetime(2026, 1, 2), since=TODAY, done=set()).next_due.due.date() == D(2026, 1, 30)


def test_thanh_hoa_weekly_before_8_thursday_and_overdue():
    schedules = _by_code("thanh-hoa")
    since = D(2025, 11, 1)
    now = dt.datetime(2025, 11, 13, 8, 30)  # a Thursday, after 08:00
    status = due_status(schedules["weekly"], now, since=since, done=set())
    assert [o.due for o in status.overdue] == [dt.datetime(2025, 11, 6, 8, 0), dt.datetime(2025, 11, 13, 8, 0)]
    assert status.next_due.due == dt.datetime(2025, 11, 20, 8, 0)
    done = {(status.overdue[0].period.start, status.overdue[0].period.end)}
    assert len(due_status(schedules["weekly"], now, since=since, done=done).overdue) == 1
    before_eight = due_status(schedules["weekly"], dt.datetime(2025, 11, 13, 7, 59), since=since, done=done)
    assert before_eight.overdue == [] and before_eight.next_due.due == dt.datetime(2025, 11, 13, 8, 0)
    daily = due_status(schedules["daily"], dt.datetime(2025, 11, 8, 12, 0), since=D(2025, 11, 6), done=set())
    assert [o.due.date() for o in daily.overdue] == [D(2025, 11, 6), D(2025, 11, 7)]  # weekdays only
    assert daily.next_due.due == dt.datetime(2025, 11, 10, 10, 0)


def test_son_thuy_monthly_before_the_24th():
    status = due_status(_by_code("son-thuy")["monthly"], dt.datetime(2025, 11, 24, 0, 1), since=D(2025, 11, 1), done=set())
    assert status.overdue[0].due.date() == D(2025, 11, 23)
    assert status.next_due.due.date() == D(2025, 12, 23)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_preset_agrees_with_the_plan_file(name):
    """`kehoach report schedule --preset NAME` sets the same rules the plan file holds, and
    says as the file does which of them the plan does not fix."""
    from kehoach_tui.plan_files import resolve_plan

    in_file = {r.code: (r.period, r.rrule, r.due_time, r.unit, bool(r.assumed), r.source) for r in resolve_plan(name).reporting}
    preset = {s.code: (s.period, s.rrule, s.due_time, s.unit, bool(s.assumed), s.source) for s in PRESETS[name]}
    assert preset == in_file
