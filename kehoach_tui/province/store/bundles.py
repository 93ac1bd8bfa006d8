"""The bundles the province imported and the records they carried (one row per commune,
entity and id: the newest version seen)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from ...config import utc_iso
from ...store.db import Store
from .registry import audit

_BUNDLE = ("id", "data_sha256", "imported_at", "new", "updated", "unchanged", "manifest_sha256", "created_at")


def find_bundle(store: Store, commune_code: str, seq_from: int, seq_to: int) -> dict[str, Any] | None:
    """The bundle already imported for this commune and range, if any."""
    row = store.conn.execute(
        f"SELECT {', '.join(_BUNDLE)} FROM bundles WHERE commune_code = ? AND seq_from = ? AND seq_to = ?",
        (commune_code, seq_from, seq_to)).fetchone()
    return None if row is None else dict(zip(_BUNDLE, row, strict=True))


def latest_seq_to(store: Store, commune_code: str) -> int | None:
    return store.conn.execute("SELECT MAX(seq_to) FROM bundles WHERE commune_code = ?",
                              (commune_code,)).fetchone()[0]


class Manifest(Protocol):
    # read-only members, so a frozen record (or model) with narrower types fits
    @property
    def commune_code(self) -> str: ...
    @property
    def seq_from(self) -> int: ...
    @property
    def seq_to(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def created_at(self) -> str: ...
    @property
    def data_sha256(self) -> str: ...
    @property
    def records(self) -> int: ...
    @property
    def schema_version(self) -> int: ...
    @property
    def app_version(self) -> str: ...


class Incoming(Protocol):
    # read-only members, so a frozen record (or model) with narrower types fits
    @property
    def entity(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def deleted(self) -> int: ...
    @property
    def updated_at(self) -> str: ...
    @property
    def row_json(self) -> str: ...


def apply_bundle(db, m: Manifest, manifest_sha256: str, records: Iterable[Incoming], *, source: str,
                 actor: str) -> tuple[int, int, int, int, str]:
    """Inside the caller's write: record the bundle, keep each record whose version is
    newer than the one held, audit it. Returns (bundle id, new, updated, unchanged,
    imported_at)."""
    now = utc_iso()
    cursor = db.conn.execute(
        "INSERT INTO bundles (commune_code, seq_from, seq_to, kind, created_at, imported_at, source, data_sha256,"
        " manifest_sha256, records, schema_version, app_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (m.commune_code, m.seq_from, m.seq_to, m.kind, m.created_at, now, Path(source).name, m.data_sha256,
         manifest_sha256, m.records, m.schema_version, m.app_version))
    bundle_id = cursor.lastrowid
    known = {(entity, rid): version for entity, rid, version in db.conn.execute(
        "SELECT entity, id, version FROM records WHERE commune_code = ?", (m.commune_code,))}
    fresh, newer, unchanged = [], [], 0
    seen: dict[tuple[str, str], int] = {}
    for record in records:
        key = (record.entity, record.id)
        current = seen.get(key, known.get(key))
        if current is not None and current >= record.version:
            unchanged += 1
            continue
        values = (record.version, record.deleted, record.updated_at, bundle_id, record.row_json,
                  m.commune_code, record.entity, record.id)
        if current is None and key not in seen:
            fresh.append(values)
        else:
            newer.append(values)
        seen[key] = record.version
    # Plain executemany, not sqlite-utils insert_all(): on the 166-commune import
    # (benchmarks/sync.py) insert_all took about 30% more CPU, for the same rows.
    db.conn.executemany(
        "INSERT INTO records (version, deleted, updated_at, bundle_id, data, commune_code, entity, id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fresh)
    db.conn.executemany(
        "UPDATE records SET version = ?, deleted = ?, updated_at = ?, bundle_id = ?, data = ?"
        " WHERE commune_code = ? AND entity = ? AND id = ?", newer)
    db.conn.execute("UPDATE bundles SET new = ?, updated = ?, unchanged = ? WHERE id = ?",
                    (len(fresh), len(newer), unchanged, bundle_id))
    audit(db, actor=actor, action="import", subject=m.commune_code,
          detail={"seq_from": m.seq_from, "seq_to": m.seq_to, "source": Path(source).name,
                  "new": len(fresh), "updated": len(newer), "unchanged": unchanged})
    return bundle_id, len(fresh), len(newer), unchanged, now
