"""The kinds of database the safety tools (doctor, backup, restore) know, told apart by
PRAGMA application_id: the commune's (0) and the province's. The commune store knows
only its own; the province describes itself (province/store/db.py: province_kind) and the
commands hand both to the tools, so the commune store never imports the province."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Described:
    name: str          # the commune's or the province's name
    items: int         # tasks of a commune; communes with a key at the province
    changes: int       # change-log entries; bundles imported
    last_change_at: str


@dataclass(frozen=True)
class DatabaseKind:
    name: str                     # "commune" | "province"
    application_id: int
    schema_version: int
    required_tables: tuple[str, ...]
    open: Callable[[Path], Any]   # opens and migrates a database of this kind (a Store)
    key_role: str                 # whose signing key the doctor looks for
    identity: Callable[[sqlite3.Connection], str]       # the code that names that key
    describe: Callable[[sqlite3.Connection], Described]  # what a backup holds, to show before restoring


def _commune_identity(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = 'commune_code'").fetchone()
    return json.loads(row[0]) if row else ""


def _commune_describe(conn: sqlite3.Connection) -> Described:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    name = conn.execute("SELECT value FROM settings WHERE key = 'commune_name'").fetchone()
    tasks = conn.execute("SELECT count(*) FROM tasks WHERE deleted = 0").fetchone()[0] if "tasks" in tables else 0
    changes, last = conn.execute("SELECT count(*), max(at) FROM changes").fetchone()
    return Described(json.loads(name[0]) if name else "", tasks, changes, last or "")


def commune_kind() -> DatabaseKind:
    from .db import SCHEMA_VERSION, open_store

    return DatabaseKind("commune", 0, SCHEMA_VERSION, ("settings", "changes"), open_store, "commune",
                        _commune_identity, _commune_describe)


def application_id(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA application_id").fetchone()[0]


def kind_of(conn: sqlite3.Connection, kinds: tuple[DatabaseKind, ...]) -> DatabaseKind | None:
    found = application_id(conn)
    return next((k for k in kinds if k.application_id == found), None)
