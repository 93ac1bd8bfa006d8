"""Commune-side sync bookkeeping: what the province acknowledged, what was exported, which
keys are trusted. Reads are plain queries; writes go through Store.writing() + log_change."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import utc_iso
from ..store.db import Store
from ..store.rows import SYNC_COLUMNS, log_change, query
from ..store.settings import get_setting


def synced_tables(db) -> list[str]:
    """Every table carrying the synced column block, found from the schema: areas added
    later are exported without changes here. Entity names are table names."""
    names = [r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    found = []
    for name in names:
        columns = {r[1] for r in db.conn.execute(f"PRAGMA table_info([{name}])")}
        if set(SYNC_COLUMNS) <= columns:
            found.append(name)
    return found


def acknowledged_seq(store: Store) -> int:
    return store.conn.execute("SELECT COALESCE(MAX(seq_to), 0) FROM sync_receipts").fetchone()[0]


def last_seq(store: Store) -> int:
    return store.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]


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


def list_receipts(store: Store, limit: int = 20) -> list[dict]:
    return query(store, "SELECT * FROM sync_receipts ORDER BY received_at DESC, seq_to DESC LIMIT ?", (limit,))


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
