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


def set_commune_key(store: Store, code: str, key: str, *, before: str | None, actor: str) -> None:
    with store.writing() as db:
        db.conn.execute("UPDATE communes SET public_key = ?, registered_at = ?, registered_by = ? WHERE commune_code = ?",
                        (key, utc_iso(), actor, code))
        audit(db, actor=actor, action="register", subject=code, detail={"public_key": key, "before": before})
