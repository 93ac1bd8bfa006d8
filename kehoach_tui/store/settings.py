"""Local settings (officer, commune, language…): key → JSON value, changes logged."""

from __future__ import annotations

import json
from typing import Any

from .db import Store
from .rows import log_change


def get_setting(store: Store, key: str, default: Any = None) -> Any:
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else json.loads(row[0])


def is_initialised(store: Store) -> bool:
    """Commune chosen and the active plan present. Light on purpose: the app asks it
    before the first frame, so it must not import the plan and model modules."""
    if not get_setting(store, "commune_code"):
        return False
    plan_id = get_setting(store, "plan_id")
    row = store.conn.execute("SELECT 1 FROM plans WHERE id = ? AND deleted = 0", (plan_id,)).fetchone()
    return row is not None


def all_settings(store: Store) -> dict[str, Any]:
    return {k: json.loads(v) for k, v in store.conn.execute("SELECT key, value FROM settings")}


def put_settings(store: Store, values: dict[str, Any], *, actor: str) -> None:
    """Set several settings in one transaction, each change logged (entity 'setting')."""
    with store.writing() as db:
        _put(db, values, actor=actor)


def _put(db, values: dict[str, Any], *, actor: str) -> None:
    for key, value in values.items():
        row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        before = None if row is None else json.loads(row[0])
        if row is not None and before == value:
            continue
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )
        log_change(
            db, actor=actor, entity="setting", entity_id=key, op="insert" if row is None else "update",
            before=None if row is None else {"value": before}, after={"value": value},
        )
