"""The province database's own facts: its meta keys, its communes and their registered
keys, and the `audit` trail every province write appends to in the same transaction."""

from __future__ import annotations

import json
from typing import Any

from ...config import utc_iso
from ...store.db import Store
from ...store.rows import query


def audit(db, *, actor: str, action: str, subject: str, detail: dict | None = None) -> None:
    """The province's own trail: who registered which key, who imported what. Call it
    inside the write it describes."""
    db.conn.execute(
        "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (utc_iso(), actor, action, subject, json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)),
    )


def meta(store: Store, key: str, default: str = "") -> str:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_up(store: Store, code: str, name: str, communes: list[tuple[str, str]], *, actor: str) -> None:
    """The province this database serves and its communes (code, name), in one write."""
    with store.writing() as db:
        db.conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                            [("province_code", code), ("province_name", name)])
        db.conn.executemany("INSERT INTO communes (commune_code, name) VALUES (?, ?)", communes)
        audit(db, actor=actor, action="init", subject=code, detail={"name": name})


_COMMUNE = "SELECT commune_code, name, public_key, registered_at, epoch FROM communes"


def commune_rows(store: Store) -> list[dict[str, Any]]:
    return query(store, _COMMUNE)


def commune_row(store: Store, code: str) -> dict[str, Any] | None:
    rows = query(store, f"{_COMMUNE} WHERE commune_code = ?", (code,))
    return rows[0] if rows else None


def key_owner(store: Store, key: str) -> dict[str, Any] | None:
    """Who holds or held this key: (commune_code, epoch, retired_at) of its newest use."""
    rows = query(store, "SELECT commune_code, epoch, retired_at FROM commune_keys WHERE public_key = ?"
                        " ORDER BY retired_at IS NULL DESC, epoch DESC LIMIT 1", (key,))
    if rows:
        return rows[0]
    rows = query(store, "SELECT commune_code, epoch, NULL AS retired_at FROM communes WHERE public_key = ?", (key,))
    return rows[0] if rows else None


def key_history(store: Store, code: str) -> list[dict[str, Any]]:
    return query(store, "SELECT epoch, public_key, registered_at, registered_by, retired_at, retired_by"
                        " FROM commune_keys WHERE commune_code = ? ORDER BY epoch", (code,))


def bundles_by_epoch(store: Store, code: str, epoch: int) -> int:
    return store.conn.execute("SELECT count(*) FROM bundles WHERE commune_code = ? AND epoch = ?",
                              (code, epoch)).fetchone()[0]


def set_commune_key(store: Store, code: str, key: str, *, before: str | None, actor: str) -> int:
    """Register a key, retiring the one held before (kept in the history with the bundles
    signed by it); a new key starts a new count of the commune's changes (epoch). Returns
    the epoch of the new key."""
    now = utc_iso()
    with store.writing() as db:
        last = db.conn.execute("SELECT MAX(epoch) FROM commune_keys WHERE commune_code = ?", (code,)).fetchone()[0]
        epoch = 0 if last is None else last + 1
        db.conn.execute("UPDATE commune_keys SET retired_at = ?, retired_by = ? WHERE commune_code = ?"
                        " AND retired_at IS NULL", (now, actor, code))
        db.conn.execute("INSERT INTO commune_keys (commune_code, epoch, public_key, registered_at, registered_by)"
                        " VALUES (?, ?, ?, ?, ?)", (code, epoch, key, now, actor))
        db.conn.execute("UPDATE communes SET public_key = ?, registered_at = ?, registered_by = ?, epoch = ?"
                        " WHERE commune_code = ?", (key, now, actor, epoch, code))
        audit(db, actor=actor, action="register" if before is None else "rekey", subject=code,
              detail={"public_key": key, "before": before, "epoch": epoch})
    return epoch
