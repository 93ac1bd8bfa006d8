"""Which province this database serves, its communes, and their registered public keys."""

from __future__ import annotations

from dataclasses import dataclass

from ..communes import communes_of, find_province
from ..domain.vntext import sort_key
from ..i18n import t
from ..store.db import Store
from ..sync.errors import SyncError
from ..sync.keys import KeyPair, ensure_key, fingerprint, normalise_public
from .store import registry as table
from .store.registry import meta


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
    table.set_up(store, code, name, [(c.code, c.name) for c in communes_of(code)], actor=actor)
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
    epoch: int = 0  # which of the commune's keys: a new key (rekey) starts a new count of changes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key) if self.public_key else ""


def _entry(row: dict) -> CommuneEntry:
    return CommuneEntry(row["commune_code"], row["name"], row["public_key"], row["registered_at"], row["epoch"])


def list_communes(store: Store) -> list[CommuneEntry]:
    return sorted((_entry(r) for r in table.commune_rows(store)), key=lambda e: sort_key(e.name))


def get_commune(store: Store, code: str) -> CommuneEntry | None:
    row = table.commune_row(store, code)
    return None if row is None else _entry(row)


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
    table.set_commune_key(store, code, key, before=entry.public_key, actor=actor)
    return get_commune(store, code), True
