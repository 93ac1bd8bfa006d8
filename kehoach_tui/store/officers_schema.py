"""The officers of the commune (migration 10): the names recorded as actor.

Local, not synced data: the table has no synced columns, so export never carries it; the
names themselves travel in every row's updated_by. Each write is logged in `changes`
(entity "officer"). A database made before the list existed keeps its one officer (the
`officer` setting): an upgrade must not ask who is working as if the PC were new.
"""

M0010_OFFICERS = """
CREATE TABLE officers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX officers_name ON officers(name);
INSERT INTO officers (name, position, created_at, updated_at)
    SELECT json_extract(value, '$'), '', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    FROM settings WHERE key = 'officer' AND json_valid(value) AND trim(json_extract(value, '$')) != '';
"""
