"""Numbered schema migrations. PRAGMA user_version holds the number applied last.

Each migration is SQL run inside the migrating transaction. Append only: never edit a
migration that has shipped; add the next number instead.
"""

from __future__ import annotations

# Columns every synced row carries (DESIGN.md, store rules).
SYNCED = """
    id TEXT PRIMARY KEY,
    commune_code TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
"""

M0001_FOUNDATION = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before TEXT,
    after TEXT
);
CREATE INDEX changes_entity ON changes(entity, entity_id);
CREATE TABLE plans (
    {SYNCED},
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL,
    plan_commune_code TEXT NOT NULL DEFAULT '',
    commune_name TEXT NOT NULL DEFAULT '',
    province_code TEXT NOT NULL DEFAULT '',
    province_name TEXT NOT NULL DEFAULT '',
    source_document TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    notes TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX plans_code ON plans(code) WHERE deleted = 0;
CREATE TABLE plan_groups (
    {SYNCED},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    gap TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);
CREATE UNIQUE INDEX plan_groups_code ON plan_groups(plan_id, code) WHERE deleted = 0;
CREATE TABLE tasks (
    {SYNCED},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    group_code TEXT NOT NULL,
    parent_code TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    lead_units TEXT NOT NULL DEFAULT '[]',
    partner_units TEXT NOT NULL DEFAULT '[]',
    deadline_text TEXT NOT NULL DEFAULT '',
    deadline_kind TEXT NOT NULL DEFAULT 'none',
    due_date TEXT,
    trigger_date TEXT,
    status TEXT NOT NULL DEFAULT 'not_started',
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    gap TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    search_key TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX tasks_code ON tasks(plan_id, code) WHERE deleted = 0;
CREATE TABLE targets (
    {SYNCED},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    target_value REAL,
    comparison TEXT NOT NULL DEFAULT '>=',
    target_date TEXT,
    source_text TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    search_key TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX targets_code ON targets(plan_id, code) WHERE deleted = 0;
CREATE TABLE report_schedules (
    {SYNCED},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    period TEXT NOT NULL,
    rrule TEXT NOT NULL DEFAULT '',
    due_time TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT ''
);
"""

# Reports (issue 6): officer-written texts per period and the record of generated files.
M0005_REPORTS = f"""
CREATE TABLE report_texts (
    {SYNCED},
    period_kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    direction TEXT NOT NULL DEFAULT '',
    shortcomings TEXT NOT NULL DEFAULT '',
    next_focus TEXT NOT NULL DEFAULT '',
    proposals TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX report_texts_period ON report_texts(period_start, period_end) WHERE deleted = 0;
CREATE TABLE report_runs (
    {SYNCED},
    period_kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    schedule_code TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL,
    file_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    doc_number TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_runs_period ON report_runs(period_start, period_end);
"""

# (number, sql), in order. Each area's schema lives beside its store module and is listed
# here under its number; append new migrations with the next free number.
MIGRATIONS: list[tuple[int, str]] = [
    (1, M0001_FOUNDATION),
    (5, M0005_REPORTS),
]
