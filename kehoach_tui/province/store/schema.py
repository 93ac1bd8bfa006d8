"""The province database schema: its own numbered migrations, versioned apart from the
commune's. PRAGMA application_id marks the file as a province database."""

from __future__ import annotations

import sqlite3
from typing import Any

from ...store.migrate import split_statements
from .tasks import refresh_tasks

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

# The per-commune summary, from the tables it sums; run at import for one commune and by
# the migration for all. Entities seen are kept as they were; the task figures are counted
# by tasks.refresh_tasks, with the commune report's definitions (leaves, inherited deadlines).
SUMMARY_SQL = """
INSERT INTO summary (commune_code) SELECT commune_code FROM communes WHERE {where} 1
    ON CONFLICT (commune_code) DO NOTHING;
UPDATE summary SET
    bundles = (SELECT count(*) FROM bundles b WHERE b.commune_code = summary.commune_code),
    last_bundle_at = (SELECT MAX(created_at) FROM bundles b WHERE b.commune_code = summary.commune_code),
    last_import_at = (SELECT MAX(imported_at) FROM bundles b WHERE b.commune_code = summary.commune_code),
    data_up_to = (SELECT MAX(data_up_to) FROM bundles b WHERE b.commune_code = summary.commune_code),
    open_incidents = (SELECT count(*) FROM incidents i WHERE i.commune_code = summary.commune_code AND i.deleted = 0
                      AND i.closed_at IS NULL AND i.resolved_at IS NULL
                      AND i.status NOT IN ('closed', 'resolved', 'done', 'cancelled', 'canceled'))
    WHERE {where} 1
"""

# What the views need, in columns, kept up to date at import; the raw rows of the tables that
# do not grow with time, compressed; a summary per commune, so the first screen reads one
# row per commune whatever the history. Rows of version 1 are carried over.
P0002_COLUMNS = """
CREATE TABLE bundles_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_code TEXT NOT NULL,
    epoch INTEGER NOT NULL DEFAULT 0,
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
    data_up_to TEXT,
    UNIQUE (commune_code, epoch, seq_from, seq_to)
);
INSERT INTO bundles_v2 (id, commune_code, seq_from, seq_to, kind, created_at, imported_at, source, data_sha256,
    manifest_sha256, records, new, updated, unchanged, schema_version, app_version)
    SELECT id, commune_code, seq_from, seq_to, kind, created_at, imported_at, source, data_sha256,
    manifest_sha256, records, new, updated, unchanged, schema_version, app_version FROM bundles;
DROP TABLE bundles;
ALTER TABLE bundles_v2 RENAME TO bundles;
CREATE INDEX bundles_commune ON bundles(commune_code, epoch, seq_to);

ALTER TABLE communes ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
CREATE TABLE commune_keys (
    commune_code TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    registered_at TEXT,
    registered_by TEXT NOT NULL DEFAULT '',
    retired_at TEXT,
    retired_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (commune_code, epoch)
) WITHOUT ROWID;
INSERT INTO commune_keys (commune_code, epoch, public_key, registered_at, registered_by)
    SELECT commune_code, 0, public_key, registered_at, registered_by FROM communes WHERE public_key IS NOT NULL;
-- Version 1 let one key be registered for two communes: which one holds it cannot be told,
-- so each gives it up (kept in the history) and registers again.
UPDATE commune_keys SET retired_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), retired_by = 'shared key'
    WHERE public_key IN (SELECT public_key FROM communes WHERE public_key IS NOT NULL
                         GROUP BY public_key HAVING count(*) > 1);
UPDATE communes SET public_key = NULL WHERE public_key IN (SELECT public_key FROM commune_keys
                                                           WHERE retired_at IS NOT NULL);
CREATE UNIQUE INDEX communes_key ON communes(public_key) WHERE public_key IS NOT NULL;
CREATE INDEX commune_keys_key ON commune_keys(public_key);

CREATE TABLE held (
    commune_code TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    seq_from INTEGER NOT NULL,
    seq_to INTEGER NOT NULL,
    PRIMARY KEY (commune_code, epoch, seq_from)
) WITHOUT ROWID;

CREATE TABLE records_v2 (
    commune_code TEXT NOT NULL,
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    digest INTEGER NOT NULL DEFAULT 0,
    bundle_id INTEGER NOT NULL,
    data BLOB,
    PRIMARY KEY (commune_code, entity, id)
) WITHOUT ROWID;
CREATE TABLE tasks (
    commune_code TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    digest INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    code TEXT NOT NULL DEFAULT '',
    parent_code TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    progress INTEGER,
    due_date TEXT,
    deadline_text TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_code, id)
) WITHOUT ROWID;
CREATE TABLE incidents (
    commune_code TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    digest INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    number INTEGER,
    title TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    opened_at TEXT,
    status_at TEXT,
    resolved_at TEXT,
    closed_at TEXT,
    service_interrupted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_code, id)
) WITHOUT ROWID;
CREATE TABLE schedules (
    commune_code TEXT NOT NULL,
    id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    plan_id TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL DEFAULT '',
    rrule TEXT NOT NULL DEFAULT '',
    due_time TEXT NOT NULL DEFAULT '',
    created_at TEXT,
    PRIMARY KEY (commune_code, id)
) WITHOUT ROWID;
CREATE TABLE report_runs (
    commune_code TEXT NOT NULL,
    period_end TEXT NOT NULL DEFAULT '',
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    digest INTEGER NOT NULL DEFAULT 0,
    period_kind TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    schedule_code TEXT NOT NULL DEFAULT '',
    created_at TEXT,
    sent_at TEXT,
    sha256 TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (commune_code, period_end, id)  -- the views read a window of periods
) WITHOUT ROWID;
-- One row per commune and day checked; the day's marks folded into bit sets of its items
-- (item_bits gives each item code of a commune its bit), so 16 marks a day cost 3 integers.
CREATE TABLE check_days (
    commune_code TEXT NOT NULL,
    check_date TEXT NOT NULL,
    id_hash INTEGER NOT NULL DEFAULT 0,     -- which row of that date (8 bytes of its id's SHA-256)
    version INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    finished_at INTEGER,                    -- Unix seconds
    late INTEGER NOT NULL DEFAULT 0,
    ok_bits INTEGER NOT NULL DEFAULT 0,
    fail_bits INTEGER NOT NULL DEFAULT 0,
    na_bits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_code, check_date)
) WITHOUT ROWID;
CREATE TABLE item_bits (
    commune_code TEXT NOT NULL,
    item_code TEXT NOT NULL,
    bit INTEGER NOT NULL,
    PRIMARY KEY (commune_code, item_code)
) WITHOUT ROWID;
CREATE TABLE summary (
    commune_code TEXT PRIMARY KEY,
    bundles INTEGER NOT NULL DEFAULT 0,
    last_bundle_at TEXT,
    last_import_at TEXT,
    data_up_to TEXT,
    tasks_total INTEGER,
    tasks_done INTEGER,
    open_due TEXT NOT NULL DEFAULT '',
    open_incidents INTEGER,
    entities TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
""" + """
-- Version 1 kept every record as JSON text: carry the rows over (their text stays text).
UPDATE bundles SET data_up_to = (SELECT MAX(r.updated_at) FROM records r WHERE r.bundle_id = bundles.id);
INSERT INTO held (commune_code, epoch, seq_from, seq_to)
    SELECT commune_code, 0, MIN(seq_from), MAX(seq_to) FROM bundles GROUP BY commune_code;
INSERT INTO records_v2 (commune_code, entity, id, version, deleted, updated_at, bundle_id, data)
    SELECT commune_code, entity, id, version, deleted, updated_at, bundle_id, data FROM records
    WHERE entity IN ('plans', 'plan_groups', 'targets', 'checklist_items', 'report_schedules',
    'task_milestones', 'plan_responsibilities');
INSERT INTO tasks (commune_code, id, version, deleted, code, parent_code, title, status, progress, due_date,
    deadline_text, position)
    SELECT commune_code, id, version, deleted, IFNULL(json_extract(data, '$.code'), ''),
    IFNULL(json_extract(data, '$.parent_code'), ''), IFNULL(json_extract(data, '$.title'), ''),
    IFNULL(json_extract(data, '$.status'), ''), json_extract(data, '$.progress'), json_extract(data, '$.due_date'),
    IFNULL(json_extract(data, '$.deadline_text'), ''), IFNULL(json_extract(data, '$.position'), 0)
    FROM records WHERE entity = 'tasks' AND json_valid(data);
INSERT INTO incidents (commune_code, id, version, deleted, number, title, status, severity, category, opened_at,
    status_at, resolved_at, closed_at, service_interrupted)
    SELECT commune_code, id, version, deleted, json_extract(data, '$.number'), IFNULL(json_extract(data, '$.title'), ''),
    IFNULL(json_extract(data, '$.status'), ''), IFNULL(json_extract(data, '$.severity'), ''),
    IFNULL(json_extract(data, '$.category_name'), ''), json_extract(data, '$.opened_at'),
    json_extract(data, '$.status_at'), json_extract(data, '$.resolved_at'), json_extract(data, '$.closed_at'),
    IFNULL(json_extract(data, '$.service_interrupted'), 0)
    FROM records WHERE entity = 'incidents' AND json_valid(data);
INSERT INTO schedules (commune_code, id, deleted, plan_id, code, label, period, rrule, due_time, created_at)
    SELECT commune_code, id, deleted, IFNULL(json_extract(data, '$.plan_id'), ''), IFNULL(json_extract(data, '$.code'), ''),
    IFNULL(json_extract(data, '$.label'), ''), IFNULL(json_extract(data, '$.period'), ''),
    IFNULL(json_extract(data, '$.rrule'), ''), IFNULL(json_extract(data, '$.due_time'), ''),
    json_extract(data, '$.created_at')
    FROM records WHERE entity = 'report_schedules' AND json_valid(data);
INSERT OR IGNORE INTO report_runs (commune_code, id, version, deleted, period_kind, period_start, period_end,
    schedule_code, created_at, sent_at, sha256)
    SELECT commune_code, id, version, deleted, IFNULL(json_extract(data, '$.period_kind'), ''),
    json_extract(data, '$.period_start'), IFNULL(json_extract(data, '$.period_end'), ''),
    IFNULL(json_extract(data, '$.schedule_code'), ''), json_extract(data, '$.created_at'),
    json_extract(data, '$.sent_at'), IFNULL(json_extract(data, '$.sha256'), '')
    FROM records WHERE entity = 'report_runs' AND json_valid(data);
INSERT OR IGNORE INTO check_days (commune_code, check_date, version, deleted, finished_at, late)
    SELECT commune_code, json_extract(data, '$.check_date'), version, deleted,
    CAST(strftime('%s', json_extract(data, '$.finished_at')) AS INTEGER), IFNULL(json_extract(data, '$.late'), 0)
    FROM records WHERE entity = 'checklist_days' AND json_valid(data) AND json_type(data, '$.check_date') = 'text'
    ORDER BY deleted DESC;
INSERT OR IGNORE INTO item_bits (commune_code, item_code, bit)
    SELECT commune_code, item_code, ROW_NUMBER() OVER (PARTITION BY commune_code ORDER BY item_code) - 1
    FROM (SELECT DISTINCT commune_code, json_extract(data, '$.item_code') AS item_code FROM records
          WHERE entity = 'checklist_marks' AND json_valid(data) AND json_type(data, '$.item_code') = 'text');
DELETE FROM item_bits WHERE bit > 61;
INSERT OR IGNORE INTO check_days (commune_code, check_date)
    SELECT DISTINCT commune_code, json_extract(data, '$.check_date') FROM records
    WHERE entity = 'checklist_marks' AND json_valid(data) AND json_type(data, '$.check_date') = 'text';
UPDATE check_days SET
    ok_bits = IFNULL((SELECT SUM(1 << b.bit) FROM records m JOIN item_bits b ON b.commune_code = m.commune_code
        AND b.item_code = json_extract(m.data, '$.item_code') WHERE m.entity = 'checklist_marks' AND json_valid(m.data)
        AND m.deleted = 0 AND m.commune_code = check_days.commune_code
        AND json_extract(m.data, '$.check_date') = check_days.check_date AND json_extract(m.data, '$.state') = 'ok'), 0),
    fail_bits = IFNULL((SELECT SUM(1 << b.bit) FROM records m JOIN item_bits b ON b.commune_code = m.commune_code
        AND b.item_code = json_extract(m.data, '$.item_code') WHERE m.entity = 'checklist_marks' AND json_valid(m.data)
        AND m.deleted = 0 AND m.commune_code = check_days.commune_code
        AND json_extract(m.data, '$.check_date') = check_days.check_date AND json_extract(m.data, '$.state') = 'fail'), 0),
    na_bits = IFNULL((SELECT SUM(1 << b.bit) FROM records m JOIN item_bits b ON b.commune_code = m.commune_code
        AND b.item_code = json_extract(m.data, '$.item_code') WHERE m.entity = 'checklist_marks' AND json_valid(m.data)
        AND m.deleted = 0 AND m.commune_code = check_days.commune_code
        AND json_extract(m.data, '$.check_date') = check_days.check_date AND json_extract(m.data, '$.state') = 'na'), 0);
INSERT INTO summary (commune_code, entities)
    SELECT commune_code, GROUP_CONCAT(entity, ' ') FROM (SELECT DISTINCT commune_code, entity FROM records)
    GROUP BY commune_code;
DROP TABLE records;
ALTER TABLE records_v2 RENAME TO records;
""" + SUMMARY_SQL.format(where="")



def _p0002(conn: sqlite3.Connection) -> None:
    for statement in split_statements(P0002_COLUMNS):
        conn.execute(statement)
    refresh_tasks(conn)


PROVINCE_MIGRATIONS: list[tuple[int, Any]] = [
    (1, P0001_PROVINCE),
    (2, _p0002),
]
PROVINCE_SCHEMA_VERSION = PROVINCE_MIGRATIONS[-1][0]
