"""Signed bundles made to order for the province tests: real rows of a seeded commune,
changed field by field, signed by the commune's key."""

from __future__ import annotations

import json

from nacl.signing import SigningKey

from kehoach_tui.sync.bundle import canonical
from kehoach_tui.sync.container import pack
from kehoach_tui.sync.keys import KeyPair
from tests.sync_helpers import NGHIA_THO

CUA_LO = "16732"  # another commune of Nghệ An
MADE = "2025-11-05T02:30:00.000000Z"


def key_for(code: str) -> KeyPair:
    return KeyPair("commune", code, SigningKey(code.encode().ljust(32, b"k")))


def header(code: str = NGHIA_THO, *, seq_from: int = 0, seq_to: int = 100, created_at: str = MADE,
           kind: str = "full", name: str = "Xã Nghĩa Thọ") -> dict:
    return {"schema_version": 7, "app_version": "0.1.0", "commune_code": code, "commune_name": name,
            "province_code": "40", "kind": kind, "seq_from": seq_from, "seq_to": seq_to,
            "created_at": created_at}


def rows_of(store) -> list[tuple[str, dict]]:
    from kehoach_tui.sync.export import collect

    return collect(store, full=True)[2]


def as_commune(records: list[tuple[str, dict]], code: str) -> list[tuple[str, dict]]:
    """The same rows as another commune's (ids kept: they are per commune at the province)."""
    return [(entity, {**row, "commune_code": code}) for entity, row in records]


def signed(records: list[tuple[str, dict]], code: str = NGHIA_THO, **fields) -> bytes:
    """Signed by the commune's key, whatever the values (the manifest is not validated here)."""
    from kehoach_tui.sync.bundle import encode_records

    counts: dict[str, int] = {}
    for entity, _ in records:
        counts[entity] = counts.get(entity, 0) + 1
    return signed_lines(encode_records(records).splitlines(), code, counts, **fields)


def signed_lines(lines: list[bytes], code: str = NGHIA_THO, counts: dict | None = None, **fields) -> bytes:
    """A bundle whose data.jsonl is exactly these lines (duplicate keys, odd spacing…)."""
    import hashlib

    data = b"".join(line + b"\n" for line in lines)
    key = key_for(code)
    if counts is None:
        counts = {}
        for line in lines:
            try:
                entity = json.loads(line)["entity"]
            except (ValueError, KeyError, TypeError):
                entity = "tasks"
            counts[entity] = counts.get(entity, 0) + 1
    manifest = {"format": "kehoach-bundle", "format_version": 1, **header(code, **fields),
                "counts": dict(sorted(counts.items())), "records": sum(counts.values()),
                "data_sha256": hashlib.sha256(data).hexdigest(), "data_size": len(data),
                "public_key": key.public_hex}
    body = canonical(manifest)
    return pack([("manifest.json", body), ("manifest.sig", key.sign(body).hex().encode()),
                 ("data.jsonl", data)])


def changed(records: list[tuple[str, dict]], entity: str, **values) -> list[tuple[str, dict]]:
    """The rows with the first row of `entity` changed."""
    out, done = [], False
    for name, row in records:
        if name == entity and not done:
            row, done = {**row, **values}, True
        out.append((name, row))
    assert done, entity
    return out


def province_for(tmp_path, *codes: str):
    from tests.sync_helpers import province_store

    store = province_store(tmp_path)
    from kehoach_tui.province.registry import register_commune

    for code in codes:
        register_commune(store, code, key_for(code).public_hex, actor="Sở")
    return store
