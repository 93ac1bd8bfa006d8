"""Synced rows and the change log, written together.

Every synced table has id, commune_code, created_at, updated_at, updated_by, version and
deleted. These helpers are the only way such rows are written: each appends the matching
`changes` entry (only what changed: store/changelog.py) and must be called inside
`Store.writing()`, so row and log commit or vanish together.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ..config import utc_iso
from ..errors import StoreError
from .changelog import diff, dumps, pack_after

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .db import Store, Writer

SYNC_COLUMNS = ("id", "commune_code", "created_at", "updated_at", "updated_by", "version", "deleted")


def new_id() -> str:
    return str(uuid.uuid4())


def _require_transaction(db: Database | Writer) -> None:
    if not db.conn.in_transaction:
        raise RuntimeError("store writes must run inside Store.writing()")


def log_change(
    db: Database | Writer, *, actor: str, entity: str, entity_id: str, op: str,
    before: dict | None, after: dict | None, at: str | None = None,
) -> int:
    """Append one change-log entry; returns its seq. An update's new values lose the stamp the
    entry itself holds (changelog.pack_after)."""
    _require_transaction(db)
    at = at or utc_iso()
    if after is not None and op != "insert":
        after = pack_after(after, at=at, actor=actor)
    cursor = db.conn.execute(
        "INSERT INTO changes (at, actor, entity, entity_id, op, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            at, actor, entity, entity_id, op,
            None if before is None else dumps(before),
            None if after is None else dumps(after),
        ),
    )
    return cursor.lastrowid


class StaleRecord(StoreError):
    """The record was changed (by another window, another program) after the dialog read
    it: saving now would silently undo that change. Nothing was written; the dialog shows
    what changed (store/history.changes_since) and saves only when asked again."""

    def __init__(self, entity: str, entity_id: str, expected: int, current: int) -> None:
        from ..i18n import t

        super().__init__(t("store.stale"))
        self.entity, self.entity_id, self.expected, self.current = entity, entity_id, expected, current


def check_version(db: Database | Writer, table: str, row_id: str, expected: int | None) -> None:
    """Optimistic concurrency: raise StaleRecord unless the row still has the version the
    caller read (None: no check). Called inside the write's transaction, so no other write
    can slip in between the check and the write."""
    if expected is None:
        return
    row = db.conn.execute(f"SELECT version FROM [{table}] WHERE id = ?", (row_id,)).fetchone()
    if row is not None and row[0] != expected:
        raise StaleRecord(table, row_id, expected, row[0])


def get_row(db: Database | Writer | Store, table: str, row_id: str) -> dict[str, Any] | None:
    """Reads through `conn`, which a Store and a sqlite-utils Database both have."""
    cursor = db.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def insert_row(db: Database | Writer, table: str, values: dict[str, Any], *, actor: str, commune_code: str) -> dict:
    """Insert a new synced row (id generated unless given) and log it. Returns the row."""
    _require_transaction(db)
    now = utc_iso()
    row = {
        "id": values.get("id") or new_id(),
        "commune_code": commune_code,
        "created_at": now,
        "updated_at": now,
        "updated_by": actor,
        "version": 1,
        "deleted": 0,
        **{k: v for k, v in values.items() if k != "id"},
    }
    columns = ", ".join(f"[{c}]" for c in row)
    marks = ", ".join("?" for _ in row)
    db.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", tuple(row.values()))
    # No image: the row is it (store/changelog.py).
    log_change(db, actor=actor, entity=table, entity_id=row["id"], op="insert", before=None, after=None, at=now)
    return row


def update_row(db: Database | Writer, table: str, row_id: str, values: dict[str, Any], *, actor: str) -> dict:
    """Change some columns of a row, bump its version, and log the diff (store/changelog.py).

    A no-op change (every value already equal) writes nothing and returns the row.
    """
    _require_transaction(db)
    before = get_row(db, table, row_id)
    if before is None:
        raise KeyError(f"{table}:{row_id}")
    changed = {k: v for k, v in values.items() if before.get(k) != v}
    if not changed:
        return before
    now = utc_iso()
    after = {**before, **changed, "updated_at": now, "updated_by": actor, "version": before["version"] + 1}
    sets = ", ".join(f"[{k}] = ?" for k in (*changed, "updated_at", "updated_by", "version"))
    db.conn.execute(
        f"UPDATE [{table}] SET {sets} WHERE id = ?",
        (*changed.values(), now, actor, after["version"], row_id),
    )
    old, new = diff(before, after)
    log_change(db, actor=actor, entity=table, entity_id=row_id, op="update", before=old, after=new, at=now)
    return after


def delete_row(db: Database | Writer, table: str, row_id: str, *, actor: str) -> dict:
    """Tombstone: synced data is never hard-deleted. The entry holds deleted 0 → 1 and the stamp."""
    _require_transaction(db)
    before = get_row(db, table, row_id)
    if before is None:
        raise KeyError(f"{table}:{row_id}")
    if before["deleted"]:
        return before
    now = utc_iso()
    after = {**before, "deleted": 1, "updated_at": now, "updated_by": actor, "version": before["version"] + 1}
    db.conn.execute(
        f"UPDATE [{table}] SET deleted = 1, updated_at = ?, updated_by = ?, version = ? WHERE id = ?",
        (now, actor, after["version"], row_id),
    )
    old, new = diff(before, after)
    log_change(db, actor=actor, entity=table, entity_id=row_id, op="delete", before=old, after=new, at=now)
    return after


def query(source, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
    """Rows as dicts; source is a Store, a sqlite-utils Database or a sqlite3 connection."""
    cursor = getattr(source, "conn", source).execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
