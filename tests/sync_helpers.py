"""Building blocks for the sync tests: a province ready to receive, bundles re-packed."""

from __future__ import annotations

import io
import sqlite3
import zipfile

from kehoach_tui.sync.bundle import canonical
from kehoach_tui.sync.container import pack

NGHIA_THO = "16969"
NGHE_AN = "40"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def repack(data: bytes, **changes: bytes) -> bytes:
    """The same bundle with some members replaced (name with dots given as keyword: use
    manifest_json, manifest_sig, data_jsonl)."""
    found = members(data)
    for key, value in changes.items():
        found[key.replace("_", ".", 1)] = value
    return pack(list(found.items()))


def resign(data: bytes, key, **fields) -> bytes:
    """A bundle whose manifest fields are changed and signed again by key."""
    import json

    found = members(data)
    manifest = json.loads(found["manifest.json"])
    manifest.update(fields)
    body = canonical(manifest)
    return pack([("manifest.json", body), ("manifest.sig", key.sign(body).hex().encode()),
                 ("data.jsonl", found["data.jsonl"])])


def dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def province_store(tmp_path, register_key: str | None = None):
    from kehoach_tui.province.registry import init_province, register_commune
    from kehoach_tui.province.store.db import open_province

    store = open_province(tmp_path / "province.db", create=True)
    init_province(store, NGHE_AN, actor="Sở")
    if register_key:
        register_commune(store, NGHIA_THO, register_key, actor="Sở")
    return store
