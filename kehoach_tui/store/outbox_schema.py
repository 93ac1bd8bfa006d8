"""Mail outbox (migration 7): one row per file waiting to go, gone, or refused.

Local bookkeeping, not synced data (no synced column block, so export never carries it);
each write is still logged in `changes` for the audit trail. The files themselves live in
`config.data_dir() / "outbox"`.
"""

M0007_MAIL = """
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('bundle', 'report')),
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '{}',
    queued_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    last_attempt_at TEXT,
    next_attempt_at TEXT,
    message_id TEXT,
    recipients TEXT NOT NULL DEFAULT '',
    sent_at TEXT,
    claim TEXT,
    claimed_at TEXT
);
CREATE UNIQUE INDEX mail_outbox_sha256 ON mail_outbox(sha256);
CREATE UNIQUE INDEX mail_outbox_message_id ON mail_outbox(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX mail_outbox_state ON mail_outbox(state, id)
"""
