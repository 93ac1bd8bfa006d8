"""The rows a report reads from other areas' tables: task updates (migration 2), target
values (migration 2), whether a morning check or an incident was ever recorded.

Reads only, on the plain connection (no sqlite-utils: the overview's report card asks at
start-up). None means the area has recorded nothing at all yet.
"""

from __future__ import annotations

import datetime as dt

from .db import Store

UPDATE_COLUMNS = ("task_code, created_at, updated_by, status_before, status_after, progress_before, "
                  "progress_after, note, evidence")
_LIVE = "deleted = 0 AND plan_id = ?"


def task_update_rows(store: Store, plan_id: str | None, bounds: tuple[str, str] | None = None) -> list[tuple] | None:
    """The plan's task updates as (UPDATE_COLUMNS…) tuples, unordered.

    With bounds (stored-UTC text, lower inclusive, upper exclusive): the updates inside them,
    plus, per task, the last one before and the first one after — all a report needs to know
    each task's state at the period's end, however many years the table holds."""
    conn = store.conn
    if conn.execute(f"SELECT 1 FROM task_updates WHERE {_LIVE} LIMIT 1", (plan_id,)).fetchone() is None:
        return None
    if bounds is None:
        return conn.execute(f"SELECT {UPDATE_COLUMNS} FROM task_updates WHERE {_LIVE}", (plan_id,)).fetchall()
    lower, upper = bounds
    # SQLite: with MAX()/MIN() in a grouped query, the bare columns come from that row.
    rows = conn.execute(f"SELECT {UPDATE_COLUMNS}, MAX(created_at) FROM task_updates "
                        f"WHERE {_LIVE} AND created_at < ? GROUP BY task_code", (plan_id, lower)).fetchall()
    rows += conn.execute(f"SELECT {UPDATE_COLUMNS} FROM task_updates WHERE {_LIVE} "
                         "AND created_at >= ? AND created_at < ?", (plan_id, lower, upper)).fetchall()
    rows += conn.execute(f"SELECT {UPDATE_COLUMNS}, MIN(created_at) FROM task_updates "
                         f"WHERE {_LIVE} AND created_at >= ? GROUP BY task_code", (plan_id, upper)).fetchall()
    return rows


def target_value_rows(store: Store, plan_id: str | None, until_month: str) -> list[tuple] | None:
    """(target_code, period, value, note) for months up to until_month, oldest first."""
    conn = store.conn
    if conn.execute(f"SELECT 1 FROM target_values WHERE {_LIVE} LIMIT 1", (plan_id,)).fetchone() is None:
        return None
    return conn.execute(f"SELECT target_code, period, value, note FROM target_values "
                        f"WHERE {_LIVE} AND period <= ? ORDER BY period", (plan_id, until_month)).fetchall()


def any_check_recorded(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM checklist_days WHERE deleted = 0 LIMIT 1").fetchone() is not None


def utc_bounds(start: dt.date, end: dt.date) -> tuple[str, str]:
    """Stored-UTC text bounds of the local days start..end (a day of slack each side; the
    exact filter is done on local dates)."""
    return (start - dt.timedelta(days=1)).isoformat(), (end + dt.timedelta(days=2)).isoformat()
