"""The change log of synced rows holds diffs, not whole rows.

An insert logs the row as given; an update or a tombstone logs, in `after`, only the columns
that changed (always with updated_at, updated_by and the new version) and, in `before`, the
old values of just those columns, so the audit trail can still say "a → b". Storing the whole
row twice on every change made the log ten times the data (one progress update of a task
rewrote its title, units and search key twice).

A row as it stood after any entry is the fold of its entries up to it, in seq order
(`fold`); the row as it stands now is the fold of all of them. Logs written before this
layout (whole rows in `after`) fold the same way, and migration 10 (`shrink_log`) turns
them into diffs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

# Written on every change: kept in each diff so an entry alone says who, when and which version.
STAMP = ("updated_at", "updated_by", "version")


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(old values, new values) of the columns of `after` that differ from `before`, plus the stamp."""
    keys = [k for k in after if k in STAMP or k not in before or before[k] != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def fold(entries: Iterable[tuple[str, str | None]]) -> dict[str, Any] | None:
    """The row left by (op, after JSON) entries in seq order; None when nothing was logged."""
    row: dict[str, Any] | None = None
    for op, after in entries:
        values = json.loads(after) if after else {}
        row = dict(values) if op == "insert" or row is None else {**row, **values}
    return row


def fold_all(conn: sqlite3.Connection, entity: str, where: str = "", params: tuple = ()) -> dict[str, dict]:
    """entity_id → the row folded from its entries (optionally only those matching `where`)."""
    rows: dict[str, dict] = {}
    extra = f" AND {where}" if where else ""
    for entity_id, op, after in conn.execute(
            f"SELECT entity_id, op, after FROM changes WHERE entity = ?{extra} ORDER BY seq", (entity, *params)):
        values = json.loads(after) if after else {}
        row = rows.get(entity_id)
        rows[entity_id] = dict(values) if op == "insert" or row is None else {**row, **values}
    return rows


def synced_entities(conn: sqlite3.Connection) -> list[str]:
    """Tables with the synced column block: the entities whose entries are diffs."""
    from .rows import SYNC_COLUMNS  # rows.py writes through diff(): import it late

    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [n for n in names
            if set(SYNC_COLUMNS) <= {r[1] for r in conn.execute(f"PRAGMA table_info([{n}])")}]


def shrink_log(conn: sqlite3.Connection) -> None:
    """Migration 10: every update and tombstone of a synced row logged as whole before/after
    images becomes the diff of the two, and the redundant changes_entity index goes. Runs inside the migrating transaction; an entry that
    is already a diff comes out the same."""
    # (entity, entity_id) is a prefix of changes_entity_at: the older index only took room.
    conn.execute("DROP INDEX IF EXISTS changes_entity")
    entities = synced_entities(conn)
    if not entities:
        return
    marks = ", ".join("?" for _ in entities)
    found = conn.execute(
        f"SELECT seq, before, after FROM changes WHERE op IN ('update', 'delete') AND entity IN ({marks})"
        " AND before IS NOT NULL AND after IS NOT NULL", entities).fetchall()
    for seq, before, after in found:
        old, new = diff(json.loads(before), json.loads(after))
        conn.execute("UPDATE changes SET before = ?, after = ? WHERE seq = ?", (dumps(old), dumps(new), seq))


def dumps(value: dict) -> str:
    """A change-log entry as text: compact, keys sorted (log_change and the migration alike)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
