"""Commune-side sync bookkeeping (migration 6, store/sync_schema.py): what the province
acknowledged, what was exported, which keys are trusted; and the reads and writes the
export and the spare-copy import make on the synced tables.

Reads are plain queries on the connection; every write is one Store.writing() with its
change-log entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from ..config import utc_iso
from .changelog import diff
from .db import Store
from .outbox import acknowledge_bundles
from .rows import SYNC_COLUMNS, get_row, log_change, query
from .settings import _put, get_setting


def synced_tables(db) -> list[str]:
    """Every table carrying the synced column block, found from the schema: areas added
    later are exported without changes here. Entity names are table names."""
    names = [r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return [name for name in names if set(SYNC_COLUMNS) <= _columns(db, name)]


def _columns(db, table: str) -> set[str]:
    return {r[1] for r in db.conn.execute(f"PRAGMA table_info([{table}])")}


@dataclass(frozen=True)
class Column:
    name: str
    type: str        # TEXT, INTEGER, REAL as declared
    notnull: bool
    has_default: bool


@lru_cache(maxsize=1)
def synced_schema() -> dict[str, tuple[Column, ...]]:
    """The synced tables of this app version and their columns, read from a fresh
    in-memory database migrated to the latest schema: the bundle's record models are
    built from it, so a column added by a later migration needs no second definition."""
    from .db import open_store

    store = open_store(":memory:")
    try:
        return {table: tuple(Column(r[1], (r[2] or "").upper(), bool(r[3]), r[4] is not None)
                             for r in store.conn.execute(f"PRAGMA table_info([{table}])"))
                for table in synced_tables(store)}
    finally:
        store.close()


def acknowledged_seq(store: Store) -> int:
    """Where the next export starts: the province's newest receipt says what it holds — up
    to its bundle, or, when it misses changes below it, up to the first one missing."""
    row = store.conn.execute(
        "SELECT COALESCE(resend_from, seq_to) FROM sync_receipts ORDER BY imported_at DESC, seq_to DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else 0


def last_seq(store: Store) -> int:
    return store.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]


@dataclass(frozen=True)
class SyncProgress:
    acknowledged: int   # the province has everything up to this seq
    exported: int       # a bundle was written up to this seq (≥ acknowledged when newer)
    awaiting: int       # changes in a bundle written but not yet acknowledged
    not_exported: int   # changes in no bundle yet


def sync_progress(store: Store) -> SyncProgress:
    """Where the commune's changes are: acknowledged, exported and waiting, or not exported."""
    acked = acknowledged_seq(store)
    exported = max(acked, store.conn.execute("SELECT COALESCE(MAX(seq_to), 0) FROM sync_exports").fetchone()[0])
    return SyncProgress(acked, exported, _synced_changes(store, acked, exported),
                        _synced_changes(store, exported, None))


def _synced_changes(store: Store, after: int, upto: int | None) -> int:
    tables = synced_tables(store)
    if not tables:
        return 0
    marks = ", ".join("?" for _ in tables)
    upper = "" if upto is None else " AND seq <= ?"
    return store.conn.execute(
        f"SELECT count(*) FROM changes WHERE seq > ?{upper} AND entity IN ({marks})",
        (after, *(() if upto is None else (upto,)), *tables)).fetchone()[0]


def pending_changes(store: Store) -> int:
    """Synced changes made since the province last acknowledged."""
    tables = synced_tables(store)
    if not tables:
        return 0
    marks = ", ".join("?" for _ in tables)
    return store.conn.execute(
        f"SELECT count(*) FROM changes WHERE seq > ? AND entity IN ({marks})",
        (acknowledged_seq(store), *tables)).fetchone()[0]


@dataclass(frozen=True)
class Identity:
    commune_code: str
    commune_name: str
    province_code: str
    province_name: str


def identity(store: Store) -> Identity:
    return Identity(
        commune_code=get_setting(store, "commune_code", "") or "",
        commune_name=get_setting(store, "commune_name", "") or "",
        province_code=get_setting(store, "province_code", "") or "",
        province_name=get_setting(store, "province_name", "") or "",
    )


# --- exports ---------------------------------------------------------------------------------

def changed_rows(store: Store, *, full: bool) -> tuple[int, int, list[tuple[str, dict[str, Any]]]]:
    """(seq_from, seq_to, [(table, row)]) from one consistent snapshot (a read transaction):
    every synced row when full, else the rows changed since the last receipt."""
    with store.lock:
        conn = store.conn
        conn.execute("BEGIN")
        try:
            seq_from = 0 if full else acknowledged_seq(store)
            seq_to = last_seq(store)
            records: list[tuple[str, dict[str, Any]]] = []
            for table in synced_tables(store):
                if full:
                    rows = query(store, f"SELECT * FROM [{table}] ORDER BY id")
                else:
                    rows = query(store, (
                        f"SELECT * FROM [{table}] WHERE id IN (SELECT entity_id FROM changes"
                        f" WHERE entity = ? AND seq > ? AND seq <= ?) ORDER BY id"), (table, seq_from, seq_to))
                records.extend((table, row) for row in rows)
        finally:
            conn.execute("COMMIT")
    return seq_from, seq_to, records


def record_export(store: Store, values: dict, *, actor: str) -> None:
    with store.writing() as db:
        cursor = db.conn.execute(
            "INSERT INTO sync_exports (created_at, kind, seq_from, seq_to, records, size, file_name, folder,"
            " data_sha256, manifest_sha256) VALUES (:created_at, :kind, :seq_from, :seq_to, :records, :size,"
            " :file_name, :folder, :data_sha256, :manifest_sha256)", values)
        log_change(db, actor=actor, entity="sync_export", entity_id=str(cursor.lastrowid), op="insert",
                   before=None, after=values)


def list_exports(store: Store, limit: int = 20) -> list[dict]:
    return query(store, "SELECT * FROM sync_exports ORDER BY id DESC LIMIT ?", (limit,))


def was_exported(store: Store, manifest_sha256: str, seq_to: int) -> bool:
    """Whether this database exported the bundle a receipt names."""
    return store.conn.execute(
        "SELECT 1 FROM sync_exports WHERE manifest_sha256 = ? AND seq_to = ?",
        (manifest_sha256, seq_to)).fetchone() is not None


# --- receipts --------------------------------------------------------------------------------

def record_receipt(store: Store, values: dict, *, actor: str) -> bool:
    """Keep a province receipt (the acknowledged point moves to its seq_to). False, and
    nothing written, when the same receipt was kept before."""
    with store.writing() as db:
        if db.conn.execute("SELECT 1 FROM sync_receipts WHERE manifest_sha256 = ?",
                           (values["manifest_sha256"],)).fetchone():
            return False
        db.conn.execute(
            "INSERT INTO sync_receipts (manifest_sha256, province_code, seq_from, seq_to, imported_at,"
            " received_at, new, updated, unchanged, resend_from) VALUES (:manifest_sha256, :province_code,"
            " :seq_from, :seq_to, :imported_at, :received_at, :new, :updated, :unchanged, :resend_from)",
            {"resend_from": None, **values})
        log_change(db, actor=actor, entity="sync_receipt", entity_id=values["manifest_sha256"], op="insert",
                   before=None, after=values)
        # bundles carried by USB and now acknowledged must not go by mail later
        acknowledge_bundles(db, values["seq_to"], values["province_code"], actor=actor, now=values["received_at"])
    return True


def list_receipts(store: Store, limit: int = 20) -> list[dict]:
    return query(store, "SELECT * FROM sync_receipts ORDER BY received_at DESC, seq_to DESC LIMIT ?", (limit,))


# --- trusted keys ----------------------------------------------------------------------------

def trusted_key(store: Store, role: str, code: str) -> str | None:
    row = store.conn.execute(
        "SELECT public_key FROM sync_trust WHERE role = ? AND code = ?", (role, code)).fetchone()
    return row[0] if row else None


def trusted_keys(store: Store, role: str) -> list[dict]:
    return query(store, "SELECT code, public_key, installed_at FROM sync_trust WHERE role = ? ORDER BY code", (role,))


def put_trusted_key(store: Store, role: str, code: str, public_key: str, *, actor: str) -> bool:
    """Trust a key (replacing an older one for the same code). False when already trusted."""
    before = trusted_key(store, role, code)
    if before == public_key:
        return False
    with store.writing() as db:
        after = {"role": role, "code": code, "public_key": public_key, "installed_at": utc_iso()}
        db.conn.execute(
            "INSERT INTO sync_trust (role, code, public_key, installed_at) VALUES (:role, :code, :public_key,"
            " :installed_at) ON CONFLICT(role, code) DO UPDATE SET public_key = excluded.public_key,"
            " installed_at = excluded.installed_at", after)
        log_change(db, actor=actor, entity="sync_trust", entity_id=f"{role}:{code}",
                   op="insert" if before is None else "update",
                   before=None if before is None else {"public_key": before}, after=after)
    return True


# --- the commune's own bundle, applied as a spare copy ----------------------------------------

class CopyRecord(Protocol):
    # read-only members, so a frozen record (or model) with narrower types fits
    @property
    def entity(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def row(self) -> dict[str, Any]: ...


@dataclass
class MirrorOutcome:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # entity unknown to this app version


def apply_copy(store: Store, records: Iterable[CopyRecord], *, actor: str,
               identity_settings: dict[str, str] | None = None, plan_id: str | None = None) -> MirrorOutcome:
    """Apply a bundle's records row by row, newer version wins, each logged; in the same
    transaction set the commune's identity and its active plan when given."""
    outcome = MirrorOutcome()
    with store.writing() as db:
        # rows arrive in table-name order (plan_groups before plans): check references at commit
        db.conn.execute("PRAGMA defer_foreign_keys = ON")
        tables = {name: _columns(db, name) for name in synced_tables(db)}
        for record in records:
            columns = tables.get(record.entity)
            if columns is None:
                outcome.skipped[record.entity] = outcome.skipped.get(record.entity, 0) + 1
                continue
            before = get_row(db, record.entity, record.id)
            if before is not None and before["version"] >= record.version:
                outcome.unchanged += 1
                continue
            row = {k: v for k, v in record.row.items() if k in columns}
            names = ", ".join(f"[{k}]" for k in row)
            marks = ", ".join("?" for _ in row)
            sets = ", ".join(f"[{k}] = excluded.[{k}]" for k in row if k != "id")
            db.conn.execute(f"INSERT INTO [{record.entity}] ({names}) VALUES ({marks})"
                            f" ON CONFLICT(id) DO UPDATE SET {sets}", tuple(row.values()))
            if before is None:
                log_change(db, actor=actor, entity=record.entity, entity_id=record.id, op="insert",
                           before=None, after=None)  # the row is its own image (store/changelog.py)
            else:
                old, new = diff(before, row)
                log_change(db, actor=actor, entity=record.entity, entity_id=record.id, op="update",
                           before=old, after=new)
            if before is None:
                outcome.new += 1
            else:
                outcome.updated += 1
        if identity_settings:
            _put(db, identity_settings, actor=actor)
        if plan_id is not None:
            code = db.conn.execute("SELECT code FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]
            _put(db, {"plan_id": plan_id, "plan_code": code}, actor=actor)
    return outcome
