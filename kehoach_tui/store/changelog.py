"""The change log of synced rows: what changed, not whole rows.

A synced row's table holds the row as it is now; its `changes` entries hold only what each
change did, so the row as it stood at any moment is the row now with the later entries
undone (`rows_at`). Concretely:

- an insert logs no image (`after` is NULL): the row itself is the image, and a table of
  events (task updates, incident events, check marks) is not written twice;
- an update or a tombstone logs, in `before`, the old values of just the columns it changed
  and the old version and, in `after`, their new values and the new version. `updated_at` and
  `updated_by` are left out when they equal the entry's own `at` and `actor` (they always
  do when written through store/rows.py), and derived columns (the search key, rebuilt from
  the other columns) are not logged at all.

Storing whole rows twice on every change made the log ten times the data; storing each
insert's image made every event table a copy of itself. Migrations 11 and 13 bring older
logs to this layout. Entries of rows that are not synced (settings) keep whole values.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

# Written on every change. Each diff holds the old and new version; who and when are the
# entry's own at and actor.
STAMP = ("updated_at", "updated_by", "version")
_WHO_WHEN = ("updated_at", "updated_by")
# Rebuilt from the row's other columns on every write: an index, not data worth a log entry.
DERIVED = ("search_key",)


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(old values, new values) of the columns of `after` that differ from `before`, with the
    old and new version; the new values carry who and when as well, which the old ones leave
    to the previous entry."""
    keys = [k for k in after if k not in DERIVED and (k not in before or before[k] != after[k])]
    keys += [k for k in STAMP if k in after and k not in keys]
    old = {k: before.get(k) for k in keys if k not in _WHO_WHEN}
    return old, {k: after[k] for k in keys}


def pack_after(values: dict[str, Any], *, at: str, actor: str) -> dict[str, Any]:
    """An update's new values as stored: the stamp the entry itself holds is left out."""
    out = dict(values)
    if out.get("updated_at") == at:
        del out["updated_at"]
    if out.get("updated_by") == actor:
        del out["updated_by"]
    return out


def unpack_after(after: str | None, *, at: str, actor: str) -> dict[str, Any]:
    """An entry's new values with the stamp it leaves to the entry put back."""
    values = json.loads(after) if after else {}
    return {"updated_at": at, "updated_by": actor, **values}


def rows_at(conn: sqlite3.Connection, entity: str, moment: str | None = None, *, ids_sql: str = "",
            params: Sequence = (), columns: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    """id → each row of a synced table as it stood before `moment` (a UTC ISO time; None:
    now): the row now, with the entries from `moment` on undone newest first. A row inserted
    from `moment` on is left out. ids_sql: an optional `SELECT id …` limiting the rows.
    columns: only these (with id and deleted) are right; other keys an undone entry brings
    back may be there too. Reading fewer columns is most of the saving on a long log."""
    return rows_at_each(conn, entity, [moment], ids_sql=ids_sql, params=params, columns=columns)[0]


def rows_at_each(conn: sqlite3.Connection, entity: str, moments: Sequence[str | None], *, ids_sql: str = "",
                 params: Sequence = (), columns: Sequence[str] = ()) -> list[dict[str, dict[str, Any]]]:
    """rows_at for each moment, the table read once (a report reads its targets' values as at
    the end of the period, of the one before, and now)."""
    where = f" WHERE id IN ({ids_sql})" if ids_sql else ""
    names_sql = ", ".join(dict.fromkeys(("id", "deleted", *columns))) if columns else "*"
    cursor = conn.execute(f"SELECT {names_sql} FROM [{entity}]{where}", tuple(params))
    names = [c[0] for c in cursor.description]
    now = {r["id"]: r for r in (dict(zip(names, row, strict=True)) for row in cursor)}
    out = []
    for index, moment in enumerate(moments):
        last = index == len(moments) - 1
        rows = now if last else {key: dict(row) for key, row in now.items()}  # the last one undoes in place
        out.append(rows if moment is None else _undo(conn, entity, rows, moment, ids_sql, params))
    return out


def _undo(conn: sqlite3.Connection, entity: str, rows: dict[str, dict[str, Any]], moment: str, ids_sql: str,
          params: Sequence) -> dict[str, dict[str, Any]]:
    limit = f" AND entity_id IN ({ids_sql})" if ids_sql else ""
    later = conn.execute(f"SELECT entity_id, op, before FROM changes WHERE entity = ? AND at >= ?{limit}"
                         " ORDER BY seq DESC", (entity, moment, *params))
    undone: set[str] = set()
    for entity_id, op, before in later:
        row = rows.get(entity_id)
        if row is None:
            continue
        undone.add(entity_id)
        if op == "insert":
            del rows[entity_id]
        else:
            row.update(json.loads(before) if before else {})
    if not undone:
        return rows
    # Who and when for each row undone: the last entry before the moment, the one the undoing
    # reached. A row with no entry from the moment on has them already (every write logs its
    # own time and officer), so a period that is still running reads no more.
    last = conn.execute(
        "SELECT c.entity_id, c.at, c.actor, c.after FROM changes c JOIN"
        " (SELECT max(seq) AS seq FROM changes WHERE entity = ? AND at < ?"
        " AND entity_id IN (SELECT value FROM json_each(?)) GROUP BY entity_id) m ON c.seq = m.seq",
        (entity, moment, json.dumps(sorted(undone))))
    for entity_id, at, actor, after in last:
        row = rows.get(entity_id)
        if row is not None:
            stamp = unpack_after(after, at=at, actor=actor)
            row["updated_at"], row["updated_by"] = stamp["updated_at"], stamp["updated_by"]
    return rows


def row_after(conn: sqlite3.Connection, entity: str, entity_id: str, seq: int) -> dict[str, Any] | None:
    """One synced row as entry `seq` left it: the row now with its later entries undone
    (None when the row is gone or was inserted later)."""
    cursor = conn.execute(f"SELECT * FROM [{entity}] WHERE id = ?", (entity_id,))
    found = cursor.fetchone()
    if found is None:
        return None
    row = dict(zip([c[0] for c in cursor.description], found, strict=True))
    for op, before in conn.execute("SELECT op, before FROM changes WHERE entity = ? AND entity_id = ? AND seq > ?"
                                   " ORDER BY seq DESC", (entity, entity_id, seq)):
        if op == "insert":
            return None
        row.update(json.loads(before) if before else {})
    entry = conn.execute("SELECT at, actor, after FROM changes WHERE seq = ?", (seq,)).fetchone()
    if entry is not None:
        stamp = unpack_after(entry[2], at=entry[0], actor=entry[1])
        row["updated_at"], row["updated_by"] = stamp["updated_at"], stamp["updated_by"]
    return row


def synced_entities(conn: sqlite3.Connection) -> list[str]:
    """Tables with the synced column block: the entities whose entries are diffs."""
    from .rows import SYNC_COLUMNS  # rows.py writes through diff(): import it late

    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [n for n in names
            if set(SYNC_COLUMNS) <= {r[1] for r in conn.execute(f"PRAGMA table_info([{n}])")}]


def _synced_marks(conn: sqlite3.Connection) -> tuple[str, list[str]]:
    entities = synced_entities(conn)
    return ", ".join("?" for _ in entities), entities


def shrink_log(conn: sqlite3.Connection) -> None:
    """Migration 11: every update and tombstone of a synced row logged as whole before/after
    images becomes the diff of the two, and the redundant changes_entity index goes. Runs
    inside the migrating transaction; an entry that is already a diff comes out the same."""
    # (entity, entity_id) is a prefix of changes_entity_at: the older index only took room.
    conn.execute("DROP INDEX IF EXISTS changes_entity")
    marks, entities = _synced_marks(conn)
    if not entities:
        return
    found = conn.execute(
        f"SELECT seq, before, after FROM changes WHERE op IN ('update', 'delete') AND entity IN ({marks})"
        " AND before IS NOT NULL AND after IS NOT NULL", entities).fetchall()
    for seq, before, after in found:
        old, new = diff(json.loads(before), json.loads(after))
        conn.execute("UPDATE changes SET before = ?, after = ? WHERE seq = ?", (dumps(old), dumps(new), seq))


def lean_log(conn: sqlite3.Connection) -> None:
    """Migration 13: the diffs of migration 11 lose what the entry or the row already holds:
    an insert's image (the row is it), the old who and when, the new who and when the entry's
    own at and actor give, and the derived search key."""
    marks, entities = _synced_marks(conn)
    if not entities:
        return
    conn.execute(f"UPDATE changes SET after = NULL WHERE op = 'insert' AND entity IN ({marks})", entities)
    found = conn.execute(
        f"SELECT seq, at, actor, before, after FROM changes WHERE op IN ('update', 'delete') AND entity IN ({marks})",
        entities).fetchall()
    for seq, at, actor, before, after in found:
        old = {k: v for k, v in (json.loads(before) if before else {}).items()
               if k not in _WHO_WHEN and k not in DERIVED}
        new = {k: v for k, v in (json.loads(after) if after else {}).items() if k not in DERIVED}
        conn.execute("UPDATE changes SET before = ?, after = ? WHERE seq = ?",
                     (dumps(old), dumps(pack_after(new, at=at, actor=actor)), seq))


def dumps(value: dict) -> str:
    """A change-log entry as text: compact, keys sorted (log_change and the migrations alike)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
