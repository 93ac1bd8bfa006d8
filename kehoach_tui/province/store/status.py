"""Reads behind the province's views. The first screen reads the per-commune summary and a
few bounded windows (tasks past due, the checks and reports of the last weeks), so its
cost grows with the number of communes, not with the months of history held."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ...store.db import Store
from ...store.rows import query
from .bundles import raw_row


def summaries(store: Store) -> dict[str, dict[str, Any]]:
    return {r["commune_code"]: r for r in query(store, "SELECT * FROM summary")}


def checked_days(store: Store, days: list[str]) -> dict[str, tuple[int, int]]:
    """(days with a check, of them finished late) per commune, over the given days (the
    working days of a window): counted by SQLite, one row per commune."""
    if not days:
        return {}
    marks = ", ".join("?" for _ in days)
    return {code: (n, late) for code, n, late in store.conn.execute(
        "SELECT d.commune_code, count(*), sum(d.late <> 0) FROM communes c JOIN check_days d"
        f" ON d.commune_code = c.commune_code AND d.check_date IN ({marks})"
        " WHERE d.deleted = 0 AND (d.ok_bits | d.fail_bits | d.na_bits) <> 0 GROUP BY d.commune_code", days)}


def check_days(store: Store, start: str, end: str, commune: str | None = None) -> dict[str, list[tuple]]:
    """(date, finished_at, late, answered bits, failed bits) of live check days in the window,
    per commune (the primary key is walked commune by commune)."""
    found: dict[str, list[tuple]] = defaultdict(list)
    sql = ("SELECT d.commune_code, d.check_date, d.finished_at, d.late, d.ok_bits | d.fail_bits | d.na_bits,"
           " d.fail_bits FROM communes c JOIN check_days d ON d.commune_code = c.commune_code"
           " AND d.check_date BETWEEN ? AND ? WHERE d.deleted = 0")
    params: tuple = (start, end)
    if commune:
        sql += " AND c.commune_code = ?"
        params += (commune,)
    for code, *rest in store.conn.execute(sql, params):
        found[code].append(tuple(rest))
    return found


def schedules(store: Store, commune: str | None = None) -> dict[str, list[dict[str, Any]]]:
    sql = "SELECT commune_code, code, label, period, rrule, due_time, created_at FROM schedules WHERE deleted = 0"
    params: tuple = ()
    if commune:
        sql += " AND commune_code = ?"
        params = (commune,)
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in query(store, sql, params):
        found[row["commune_code"]].append(row)
    return found


def report_runs(store: Store, period_end_from: str, commune: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Live report runs of periods ending on or after the given day, per commune."""
    sql = ("SELECT r.commune_code, r.id, r.period_kind, r.period_start, r.period_end, r.schedule_code, r.created_at,"
           " r.sent_at, r.sha256 FROM communes c JOIN report_runs r ON r.commune_code = c.commune_code"
           " AND r.period_end >= ? WHERE r.deleted = 0")
    params: tuple = (period_end_from,)
    if commune:
        sql += " AND c.commune_code = ?"
        params += (commune,)
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in query(store, sql, params):
        found[row["commune_code"]].append(row)
    return found


# --- one commune, read-only ------------------------------------------------------------------

def commune_tasks(store: Store, code: str) -> list[dict[str, Any]]:
    return query(store, "SELECT id, code, parent_code, title, status, progress, due_date, deadline_text, position"
                        " FROM tasks WHERE commune_code = ? AND deleted = 0 ORDER BY position, code", (code,))


def commune_incidents(store: Store, code: str, *, since: str | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT id, number, title, status, severity, category, opened_at, status_at, resolved_at, closed_at,"
           " service_interrupted FROM incidents WHERE commune_code = ? AND deleted = 0")
    params: tuple = (code,)
    if since:
        sql += " AND (resolved_at IS NULL OR resolved_at >= ?)"
        params += (since,)
    return query(store, sql + " ORDER BY opened_at", params)


def all_incidents(store: Store, since: str) -> dict[str, list[dict[str, Any]]]:
    """Live incidents not resolved before `since`, per commune (the monthly report)."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in query(store, "SELECT commune_code, number, title, status, opened_at, status_at, resolved_at,"
                            " closed_at, service_interrupted FROM incidents WHERE deleted = 0"
                            " AND (resolved_at IS NULL OR resolved_at >= ?)", (since,)):
        found[row["commune_code"]].append(row)
    return found


def recent_check_days(store: Store, code: str, limit: int = 60) -> list[tuple]:
    """(date, finished_at, late, answered bits, failed bits), newest first."""
    return store.conn.execute(
        "SELECT check_date, finished_at, late, ok_bits | fail_bits | na_bits, fail_bits FROM check_days"
        " WHERE commune_code = ? AND deleted = 0 ORDER BY check_date DESC LIMIT ?", (code, limit)).fetchall()


def commune_bundles(store: Store, code: str) -> list[dict[str, Any]]:
    return query(store, "SELECT seq_from, seq_to, kind, created_at, imported_at, source, records, new, updated,"
                        " unchanged FROM bundles WHERE commune_code = ? ORDER BY seq_to DESC, id DESC", (code,))


def kept_rows(store: Store, code: str, entity: str) -> list[dict[str, Any]]:
    """The raw rows kept of one table of a commune (those that decode)."""
    rows = []
    for (data,) in store.conn.execute("SELECT data FROM records WHERE commune_code = ? AND entity = ? AND deleted = 0",
                                      (code, entity)):
        row = raw_row(data)
        if row is not None:
            rows.append(row)
    return rows

