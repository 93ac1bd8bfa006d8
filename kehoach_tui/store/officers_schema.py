"""The officers of the commune (migration 8): the names recorded as actor.

Local, not synced data: the table has no synced columns, so export never carries it; the
names themselves travel in every row's updated_by. Each write is logged in `changes`
(entity "officer"). Numbered 8, the next free number: tests/test_store.py holds the
migrations to gapless numbers.
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
"""
