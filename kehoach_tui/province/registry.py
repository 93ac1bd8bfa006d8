"""Which province this database serves, its communes, and their registered public keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..communes import communes_of, find_province
from ..domain.vntext import sort_key
from ..i18n import t
from ..store.db import Store
from ..sync.errors import SyncError
from .store import registry as table
from .store.registry import meta

if TYPE_CHECKING:
    from ..sync.keys import KeyPair

# sync.keys (and the crypto library under it) is imported where a key is used: `province
# status` and the TUI list communes without it.


def province_code(store: Store) -> str:
    return meta(store, "province_code")


def province_name(store: Store) -> str:
    return meta(store, "province_name")


def is_initialised(store: Store) -> bool:
    return bool(province_code(store))


def init_province(store: Store, code_or_name: str, *, actor: str) -> tuple[str, str, bool]:
    """Set the province and list its communes; create its key pair. Idempotent.
    Returns (code, name, created)."""
    from ..sync import keys

    found = find_province(code_or_name)
    if found is None:
        raise SyncError(t("first.bad_province", name=code_or_name))
    existing = province_code(store)
    if existing:
        if existing != found[0]:
            raise SyncError(t("province.err_other_province", code=existing, name=province_name(store)))
        keys.ensure_key("province", existing)
        return existing, province_name(store), False
    code, name = found
    table.set_up(store, code, name, [(c.code, c.name) for c in communes_of(code)], actor=actor)
    keys.ensure_key("province", code)
    return code, name, True


def province_key(store: Store) -> KeyPair:
    from ..sync import keys

    code = province_code(store)
    if not code:
        raise SyncError(t("province.err_not_initialised"))
    return keys.ensure_key("province", code)


@dataclass(frozen=True)
class CommuneEntry:
    code: str
    name: str
    public_key: str | None
    registered_at: str | None
    epoch: int = 0  # which of the commune's keys: a new key (rekey) starts a new count of changes

    @property
    def fingerprint(self) -> str:
        from ..sync import keys

        return keys.fingerprint(self.public_key) if self.public_key else ""


def _entry(row: dict) -> CommuneEntry:
    return CommuneEntry(row["commune_code"], row["name"], row["public_key"], row["registered_at"], row["epoch"])


def list_communes(store: Store) -> list[CommuneEntry]:
    return sorted((_entry(r) for r in table.commune_rows(store)), key=lambda e: sort_key(e.name))


def get_commune(store: Store, code: str) -> CommuneEntry | None:
    row = table.commune_row(store, code)
    return None if row is None else _entry(row)


@dataclass(frozen=True)
class Registered:
    entry: CommuneEntry
    changed: bool
    replaced: str | None = None   # the key given up (lost PC), kept in the history
    replaced_bundles: int = 0     # bundles signed by it, still held


def register_commune(store: Store, code: str, key_text: str, *, actor: str, replace: bool = False) -> Registered:
    """Register a commune's public key. A key belongs to one commune only; a commune that
    has a key keeps it unless `replace` (a new PC): then the old key is retired, kept in
    the history with what it signed, and bundles signed by it are refused from now on."""
    from ..sync import keys

    if not is_initialised(store):
        raise SyncError(t("province.err_not_initialised"))
    key = keys.normalise_public(key_text)
    code = code.strip().zfill(5)
    entry = get_commune(store, code)
    if entry is None:
        raise SyncError(t("province.err_commune_not_here", code=code, province=province_name(store)))
    if entry.public_key == key:
        return Registered(entry, False)
    owner = table.key_owner(store, key)
    if owner is not None:
        other = get_commune(store, owner["commune_code"])
        name = other.name if other else owner["commune_code"]
        if owner["commune_code"] != code:
            raise SyncError(t("province.err_key_taken", name=name, code=owner["commune_code"],
                              fingerprint=keys.fingerprint(key)))
        raise SyncError(t("province.err_key_retired", name=entry.name, code=code, fingerprint=keys.fingerprint(key)))
    if entry.public_key is not None and not replace:
        raise SyncError(t("province.err_has_key", name=entry.name, code=code, fingerprint=entry.fingerprint))
    old_bundles = table.bundles_by_epoch(store, code, entry.epoch) if entry.public_key else 0
    table.set_commune_key(store, code, key, before=entry.public_key, actor=actor)
    return Registered(get_commune(store, code), True, entry.public_key, old_bundles)


def retired_key(store: Store, code: str, key: str) -> dict | None:
    """The history entry of a key this commune gave up, if that is what key is."""
    owner = table.key_owner(store, key)
    if owner is not None and owner["commune_code"] == code and owner["retired_at"]:
        return owner
    return None
