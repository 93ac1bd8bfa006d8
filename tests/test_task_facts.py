"""The updates the task figures read: per task the last one before a period, those in it and
the first one after, found by index seeks (store/task_facts.py), are exactly those that a
plain pass over the whole log picks out."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.config import TZ, parse_utc
from kehoach_tui.store.settings import get_setting
from kehoach_tui.store.task_facts import task_updates
from kehoach_tui.store.tasks import record_update

DAYS = ("2025-09-02", "2025-09-30", "2025-10-01", "2025-10-15", "2025-10-31", "2025-11-03", "2025-11-20")


def _updates(store, monkeypatch) -> None:
    for number, day in enumerate(DAYS):
        monkeypatch.setenv("KEHOACH_TODAY", day)
        for code in ("1.1", "2.1", "3.1"):
            record_update(store, code, status="in_progress", progress=10 + number * 10, note=f"lần {number}",
                          officer="Nguyễn Thị Hoa")
    # an undone update is not one of the facts
    store.conn.execute("UPDATE task_updates SET deleted = 1 WHERE task_code = '2.1' AND note = 'lần 3'")
    store.conn.commit()


def _reference(store, start: dt.datetime, end: dt.datetime) -> list[tuple[str, str]]:
    plan = get_setting(store, "plan_id", "")
    rows = store.conn.execute("SELECT task_code, created_at FROM task_updates WHERE plan_id = ? AND deleted = 0",
                              (plan,)).fetchall()
    picked = []
    for code in {r[0] for r in rows}:
        mine = sorted((parse_utc(r[1]), r[1]) for r in rows if r[0] == code)
        before = [m for m in mine if m[0] < start]
        after = [m for m in mine if m[0] >= end]
        picked += [(code, m[1]) for m in before[-1:] + [m for m in mine if start <= m[0] < end] + after[:1]]
    return sorted(picked)


def _moment(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tzinfo=TZ)


@pytest.mark.parametrize("window", [("2025-10-01", "2025-11-01"), ("2025-09-01", "2025-12-01"),
                                    ("2025-11-20", "2025-11-21"), ("2024-01-01", "2024-02-01"),
                                    ("2026-01-01", "2026-02-01"), ("2025-10-15", "2025-10-16")])
def test_the_updates_read_for_a_period_are_those_a_pass_over_the_log_picks(seeded, monkeypatch, window):
    _updates(seeded, monkeypatch)
    start, end = (_moment(day) for day in window)
    found = sorted((u.task_code, u.at) for u in task_updates(seeded, start, end))
    expected = [(code, parse_utc(at)) for code, at in _reference(seeded, start, end)]
    assert found == sorted(expected)
    assert found  # every window has at least a task's last or first update


def test_the_updates_are_found_by_seeks_not_by_reading_the_log(seeded):
    """Five years are thousands of updates: each task's are found through the index."""
    from kehoach_tui.store.task_facts import _BOUNDARY_UPDATES

    plan = seeded.conn.execute("EXPLAIN QUERY PLAN " + _BOUNDARY_UPDATES,
                               {"plan": "p", "lower": "2025-10-01", "upper": "2025-11-01"}).fetchall()
    steps = [row[-1] for row in plan]
    assert not [s for s in steps if s.startswith("SCAN task_updates") or "TEMP B-TREE FOR GROUP BY" in s], steps
    assert sum("USING INDEX task_updates_task (plan_id=? AND task_code=?" in s for s in steps) == 3, steps


def test_a_periods_morning_checks_are_found_by_the_commune_and_date_index(seeded):
    """Five years are twenty thousand marks: a report reads the period's through the index,
    not every mark of every year (that was a third of the report's time)."""
    from kehoach_tui.domain.periods import parse_period
    from kehoach_tui.store.checklist import ensure_items, start_day
    from kehoach_tui.store.figures_source import period_checklist

    ensure_items(seeded)
    start_day(seeded, dt.date(2025, 11, 3))
    statements: list[str] = []
    seeded.conn.set_trace_callback(statements.append)
    try:
        figures = period_checklist(seeded, parse_period("month", "11/2025", dt.date(2025, 11, 5)),
                                   today=dt.date(2025, 11, 5))
    finally:
        seeded.conn.set_trace_callback(None)
    assert figures is not None and figures.days_checked <= 1
    # (The days, one row a working day, may be read whole: their index leaves deleted rows
    # out, and a day deleted later still counts for a period before.)
    reads = [s for s in statements if "FROM checklist_marks" in s or "FROM [checklist_marks]" in s]
    assert reads, statements
    for sql in reads:
        steps = [row[-1] for row in seeded.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
        assert not [s for s in steps if s.startswith("SCAN checklist_marks")], (sql, steps)
