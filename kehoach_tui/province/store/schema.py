"""The province database schema: its own numbered migrations, versioned apart from the
commune's. PRAGMA application_id marks the file as a province database."""

from __future__ import annotations

P0001_PROVINCE = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE communes (
    commune_code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    public_key TEXT,
    registered_at TEXT,
    registered_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE bundles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_code TEXT NOT NULL,
    seq_from INTEGER NOT NULL,
    seq_to INTEGER NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source TEXT NOT NULL,
    data_sha256 TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    records INTEGER NOT NULL,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    schema_version INTEGER NOT NULL,
    app_version TEXT NOT NULL,
    UNIQUE (commune_code, seq_from, seq_to)
);
CREATE INDEX bundles_commune ON bundles(commune_code, seq_to);
CREATE TABLE records (
    commune_code TEXT NOT NULL,
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    bundle_id INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX records_key ON records(commune_code, entity, id);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
)
"""

PROVINCE_MIGRATIONS: list[tuple[int, str]] = [
    (1, P0001_PROVINCE),
]
PROVINCE_SCHEMA_VERSION = PROVINCE_MIGRATIONS[-1][0]
