"""Task figures per commune, as the commune's own report counts them (domain/figures.py):
leaves only (a task with sub-items is a heading), a sub-item with no deadline of its own
taking its parent's. Worked out at import for the commune imported and kept in its summary
row, with the due dates of its open leaves, so `province status` counts what is past due
today from one row per commune, whatever the history held."""

from __future__ import annotations

import datetime as dt
import sqlite3
from bisect import bisect_left
from collections import defaultdict

from ...domain.inheritance import inherit_rows
from ...domain.statuses import is_finished

_COLUMNS = ("commune_code", "code", "parent_code", "status", "due_date", "deadline_text")


def _iso_day(value: object) -> str | None:
    """A stored due date as YYYY-MM-DD, or None when it is not one (stored data is not trusted)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def task_figures(rows: list[dict]) -> tuple[int, int, str]:
    """(leaves, leaves done, the due dates of the open leaves, sorted and space-separated)."""
    leaves = [r for r in inherit_rows(rows) if not r["heading"]]
    done = sum(1 for r in leaves if r.get("status") == "done")
    due = sorted(d for r in leaves if not is_finished(r.get("status")) and (d := _iso_day(r.get("due_date"))))
    return len(leaves), done, " ".join(due)


def overdue(open_due: object, today: dt.date) -> int:
    """How many of the open leaves' due dates fall before today."""
    dates = open_due.split() if isinstance(open_due, str) else []
    return bisect_left(dates, today.isoformat())


def refresh_tasks(conn: sqlite3.Connection, commune: str | None = None) -> None:
    """Recount the task figures of one commune (at import) or of all (the migration), inside
    the caller's transaction."""
    sql = f"SELECT {', '.join(_COLUMNS)} FROM tasks WHERE deleted = 0"
    params: tuple = ()
    if commune is not None:
        sql += " AND commune_code = ?"
        params = (commune,)
    by_commune: dict[str, list[dict]] = defaultdict(list)
    for values in conn.execute(sql, params):
        row = dict(zip(_COLUMNS, values, strict=True))
        by_commune[row["commune_code"]].append(row)
    codes = [commune] if commune is not None else [r[0] for r in conn.execute("SELECT commune_code FROM summary")]
    conn.executemany("UPDATE summary SET tasks_total = ?, tasks_done = ?, open_due = ? WHERE commune_code = ?",
                     [(*task_figures(by_commune.get(code, [])), code) for code in codes])
