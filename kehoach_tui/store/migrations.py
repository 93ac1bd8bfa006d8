"""Numbered schema migrations. PRAGMA user_version holds the number applied last.

Each migration is SQL run inside the migrating transaction. Append only: never edit a
migration that has shipped; add the next number instead.
"""

from __future__ import annotations

from typing import Any

from .changelog import lean_log, shrink_log
from .incidents_schema import incidents_sql
from .officers_schema import M0010_OFFICERS
from .outbox_schema import M0007_MAIL
from .plans_schema import plan_sources_sql
from .sync_schema import M0006_SYNC

# Columns every synced row carries (docs/architecture.md, Store rules).
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

# Morning check (plan task 3.4.c): items, one check per date, one mark per item.
M0003_CHECKLIST = f"""
CREATE TABLE checklist_items (
    {SYNCED},
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    required INTEGER NOT NULL DEFAULT 1,
    probe TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    search_key TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX checklist_items_code ON checklist_items(commune_code, code) WHERE deleted = 0;
CREATE TABLE checklist_days (
    {SYNCED},
    check_date TEXT NOT NULL,
    officer TEXT NOT NULL DEFAULT '',
    started_at TEXT,
    finished_at TEXT,
    late INTEGER NOT NULL DEFAULT 0,
    late_after TEXT NOT NULL DEFAULT '08:00',
    probed_at TEXT,
    probes TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX checklist_days_date ON checklist_days(commune_code, check_date) WHERE deleted = 0;
CREATE TABLE checklist_marks (
    {SYNCED},
    day_id TEXT NOT NULL,
    check_date TEXT NOT NULL,
    item_code TEXT NOT NULL,
    item_title TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'unchecked' CHECK (state IN ('ok', 'fail', 'na', 'unchecked')),
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'probe')),
    evidence TEXT NOT NULL DEFAULT '',
    marked_at TEXT NOT NULL
);
CREATE UNIQUE INDEX checklist_marks_item ON checklist_marks(commune_code, check_date, item_code) WHERE deleted = 0;
CREATE INDEX checklist_marks_date ON checklist_marks(commune_code, check_date);
"""

# Task updates (who, when, status before/after, progress, note, evidence; also recorded
# trigger dates) and monthly target values. Ids of tasks/targets kept as text.
M0002_TASK_UPDATES = f"""
CREATE TABLE task_updates (
    {SYNCED},
    plan_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    task_code TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'progress' CHECK (kind IN ('progress', 'trigger')),
    status_before TEXT NOT NULL,
    status_after TEXT NOT NULL,
    progress_before INTEGER NOT NULL,
    progress_after INTEGER NOT NULL CHECK (progress_after BETWEEN 0 AND 100),
    note TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    trigger_date TEXT
);
CREATE INDEX task_updates_task ON task_updates(plan_id, task_code, created_at);
CREATE INDEX task_updates_task_id ON task_updates(task_id);
CREATE TABLE target_values (
    {SYNCED},
    plan_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    target_code TEXT NOT NULL,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX target_values_period ON target_values(target_id, period) WHERE deleted = 0
"""

# Reports: the officer's texts per period and the record of each generated file.
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

# Figures as at the end of a period (domain/figures.py) read each row's last change before a
# moment: an index on (entity, entity_id, at) answers that without scanning the log. A report
# is made (created_at) and later sent (sent_at, and how: bundle, mail, by hand).
M0008_FIGURES = """
CREATE INDEX changes_entity_at ON changes(entity, entity_id, at);
ALTER TABLE report_runs ADD COLUMN sent_at TEXT;
ALTER TABLE report_runs ADD COLUMN sent_via TEXT NOT NULL DEFAULT ''
"""

# The change log holds diffs from here on (store/changelog.py): existing whole-row entries
# are converted in the migrating transaction.
M0011_LOG_DIFFS = shrink_log

# The loop with the province: the first change a receipt asks to be sent again (gap detection;
# report_runs.sent_at, which also travels in the bundle, came with migration 8).
M0012_RESEND_FROM = """
ALTER TABLE sync_receipts ADD COLUMN resend_from INTEGER
"""

# Nor does the log repeat what the row or the entry holds: inserts log no image, old stamps
# and the derived search key go (store/changelog.py).
M0013_LEAN_LOG = lean_log

# (number, sql or function), in order. Each area's schema lives beside its store module and is listed
# here under its number; append new migrations with the next free number.
MIGRATIONS: list[tuple[int, Any]] = [
    (1, M0001_FOUNDATION),
    (2, M0002_TASK_UPDATES),
    (3, M0003_CHECKLIST),
    (4, incidents_sql(SYNCED)),
    (5, M0005_REPORTS),
    (6, M0006_SYNC),
    (7, M0007_MAIL),
    (8, M0008_FIGURES),
    (9, plan_sources_sql(SYNCED)),
    (10, M0010_OFFICERS),
    (11, M0011_LOG_DIFFS),
    (12, M0012_RESEND_FROM),
    (13, M0013_LEAN_LOG),
]
