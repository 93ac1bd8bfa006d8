"""Which province this database serves, its communes, and their registered public keys."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..communes import communes_of, find_province
from ..config import utc_iso
from ..domain.vntext import sort_key
from ..i18n import t
from ..store.db import Store
from ..store.rows import query
from ..sync.errors import SyncError
from ..sync.keys import KeyPair, ensure_key, fingerprint, normalise_public


def audit(db, *, actor: str, action: str, subject: str, detail: dict | None = None) -> None:
    """The province's own trail: who registered which key, who imported what."""
    db.conn.execute(
        "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (utc_iso(), actor, action, subject, json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)),
    )


def meta(store: Store, key: str, default: str = "") -> str:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def province_code(store: Store) -> str:
    return meta(store, "province_code")


def province_name(store: Store) -> str:
    return meta(store, "province_name")


def is_initialised(store: Store) -> bool:
    return bool(province_code(store))


def init_province(store: Store, code_or_name: str, *, actor: str) -> tuple[str, str, bool]:
    """Set the province and list its communes; create its key pair. Idempotent.
    Returns (code, name, created)."""
    found = find_province(code_or_name)
    if found is None:
        raise SyncError(t("first.bad_province", name=code_or_name))
    existing = province_code(store)
    if existing:
        if existing != found[0]:
            raise SyncError(t("province.err_other_province", code=existing, name=province_name(store)))
        ensure_key("province", existing)
        return existing, province_name(store), False
    code, name = found
    with store.writing() as db:
        db.conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                            [("province_code", code), ("province_name", name)])
        db.conn.executemany("INSERT INTO communes (commune_code, name) VALUES (?, ?)",
                            [(c.code, c.name) for c in communes_of(code)])
        audit(db, actor=actor, action="init", subject=code, detail={"name": name})
    ensure_key("province", code)
    return code, name, True


def province_key(store: Store) -> KeyPair:
    code = province_code(store)
    if not code:
        raise SyncError(t("province.err_not_initialised"))
    return ensure_key("province", code)


@dataclass(frozen=True)
class CommuneEntry:
    code: str
    name: str
    public_key: str | None
    registered_at: str | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key) if self.public_key else ""


def list_communes(store: Store) -> list[CommuneEntry]:
    rows = query(store, "SELECT commune_code, name, public_key, registered_at FROM communes")
    entries = [CommuneEntry(r["commune_code"], r["name"], r["public_key"], r["registered_at"]) for r in rows]
    return sorted(entries, key=lambda e: sort_key(e.name))


def get_commune(store: Store, code: str) -> CommuneEntry | None:
    rows = query(store, "SELECT commune_code, name, public_key, registered_at FROM communes WHERE commune_code = ?",
                 (code,))
    return CommuneEntry(rows[0]["commune_code"], rows[0]["name"], rows[0]["public_key"], rows[0]["registered_at"]) if rows else None


def register_commune(store: Store, code: str, key_text: str, *, actor: str) -> tuple[CommuneEntry, bool]:
    """Register (or replace) a commune's public key. Returns (entry, changed)."""
    if not is_initialised(store):
        raise SyncError(t("province.err_not_initialised"))
    key = normalise_public(key_text)
    code = code.strip().zfill(5)
    entry = get_commune(store, code)
    if entry is None:
        raise SyncError(t("province.err_commune_not_here", code=code, province=province_name(store)))
    if entry.public_key == key:
        return entry, False
    with store.writing() as db:
        db.conn.execute("UPDATE communes SET public_key = ?, registered_at = ?, registered_by = ? WHERE commune_code = ?",
                        (key, utc_iso(), actor, code))
        audit(db, actor=actor, action="register", subject=code,
              detail={"public_key": key, "before": entry.public_key})
    return get_commune(store, code), True
