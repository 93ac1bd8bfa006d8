"""Schema of the incident log (migration 4). Kept apart from the store module so
migrations.py can import it without importing the store."""

from __future__ import annotations


def incidents_sql(synced: str) -> str:
    """incidents + incident_events; `synced` is the shared column block."""
    return _SQL.replace("{SYNCED}", synced.strip())


_SQL = """
CREATE TABLE incidents (
    {SYNCED},
    number INTEGER NOT NULL,
    opened_at TEXT NOT NULL,
    reporter TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    category_name TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL DEFAULT 'medium',
    title TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    systems TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    service_interrupted INTEGER NOT NULL DEFAULT 0,
    dossiers_delayed INTEGER NOT NULL DEFAULT 0 CHECK (dossiers_delayed >= 0),
    reported_via TEXT NOT NULL DEFAULT '',
    reported_to TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    checklist_item TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new',
    status_at TEXT NOT NULL,
    resolution TEXT NOT NULL DEFAULT '',
    resolved_at TEXT,
    closed_at TEXT,
    search_key TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX incidents_number ON incidents(commune_code, number);
-- Covers the list's filters, order and search: a keystroke scans this index, not the rows.
CREATE INDEX incidents_list ON incidents(deleted, opened_at, number, status, category, severity, search_key);
CREATE TABLE incident_events (
    {SYNCED},
    incident_id TEXT NOT NULL,
    at TEXT NOT NULL,
    officer TEXT NOT NULL DEFAULT '',
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, at)
"""
