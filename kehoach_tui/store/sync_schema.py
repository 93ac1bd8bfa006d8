"""Commune-side sync state (migration 6): exports made, receipts received, keys trusted.

Local bookkeeping, not synced data: these tables have no synced columns, so export never
carries them. Each write is still logged in `changes` for the audit trail.
"""

M0006_SYNC = """
CREATE TABLE sync_exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
    seq_from INTEGER NOT NULL,
    seq_to INTEGER NOT NULL,
    records INTEGER NOT NULL,
    size INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    folder TEXT NOT NULL,
    data_sha256 TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL
);
CREATE TABLE sync_receipts (
    manifest_sha256 TEXT PRIMARY KEY,
    province_code TEXT NOT NULL,
    seq_from INTEGER NOT NULL,
    seq_to INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_trust (
    role TEXT NOT NULL CHECK (role IN ('province', 'commune')),
    code TEXT NOT NULL,
    public_key TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    PRIMARY KEY (role, code)
)
"""
