"""The mail outbox table (migration 7, store/outbox_schema.py): one row per file to send.

Rows in, rows out (dicts); what the states mean, the files and the retry rules live in
mail/outbox.py. Each write is one Store.writing(); the ones an officer would ask about
(queued, sent, failed) are logged in `changes`. Claims and Message-IDs are a sender's own
bookkeeping and are not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .db import Store
from .rows import log_change, query

# What the change log keeps of a state change (not the claim, not the timings).
LOGGED = ("state", "attempts", "last_error", "message_id", "sent_at", "recipients")


def insert(store: Store, values: dict[str, Any], *, actor: str) -> int:
    """A new queued item; its id. The summary JSON is not copied into the change log."""
    with store.writing() as db:
        cursor = db.conn.execute(
            "INSERT INTO mail_outbox (kind, file_name, size, sha256, label, period, summary, queued_at)"
            " VALUES (:kind, :file_name, :size, :sha256, :label, :period, :summary, :queued_at)", values)
        item_id = cursor.lastrowid
        log_change(db, actor=actor, entity="mail_outbox", entity_id=str(item_id), op="insert",
                   before=None, after={k: v for k, v in values.items() if k != "summary"})
    return item_id


# `recipients` of a bundle the province acknowledged before any mail took it (it went on a
# USB stick): "receipt:<province code>". No new state, so no migration; mail/outbox.py
# names it "Tỉnh đã nhận".
RECEIPT_RECIPIENT = "receipt:"


def acknowledge_bundles(db, seq_to: int, province_code: str, *, actor: str, now: str) -> int:
    """Inside the transaction that keeps a receipt: every bundle still waiting in the outbox
    whose changes the receipt covers is done; mail will not send it again."""
    rows = query(db, "SELECT id, state, attempts, last_error FROM mail_outbox WHERE kind = 'bundle'"
                     " AND state IN ('queued', 'failed') AND json_extract(summary, '$.seq_to') <= ?", (seq_to,))
    for row in rows:
        values = {"state": "sent", "sent_at": now, "recipients": RECEIPT_RECIPIENT + province_code,
                  "last_error": "", "next_attempt_at": None}
        db.conn.execute("UPDATE mail_outbox SET state = :state, sent_at = :sent_at, recipients = :recipients,"
                        " last_error = :last_error, next_attempt_at = :next_attempt_at, claim = NULL,"
                        " claimed_at = NULL WHERE id = :id", {**values, "id": row["id"]})
        log_change(db, actor=actor, entity="mail_outbox", entity_id=str(row["id"]), op="update",
                   before={k: row[k] for k in ("state", "attempts", "last_error")},
                   after={k: v for k, v in values.items() if k in LOGGED})
    return len(rows)


def get(store: Store, item_id: int) -> dict[str, Any] | None:
    rows = query(store, "SELECT * FROM mail_outbox WHERE id = ?", (item_id,))
    return rows[0] if rows else None


def find_by_sha(store: Store, sha: str) -> dict[str, Any] | None:
    rows = query(store, "SELECT * FROM mail_outbox WHERE sha256 = ?", (sha,))
    return rows[0] if rows else None


def list_rows(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Newest first: waiting and failed items, then sent ones."""
    sql = ("SELECT * FROM mail_outbox ORDER BY CASE state WHEN 'sent' THEN 1 ELSE 0 END, id DESC"
           + (" LIMIT ?" if limit else ""))
    return query(store, sql, (limit,) if limit else ())


def count_by_state(store: Store) -> dict[str, int]:
    return dict(store.conn.execute("SELECT state, count(*) FROM mail_outbox GROUP BY state").fetchall())


def bundle_number(store: Store, item_id: int) -> int:
    """How many bundles were queued up to and including this item."""
    return store.conn.execute("SELECT count(*) FROM mail_outbox WHERE kind = 'bundle' AND id <= ?",
                              (item_id,)).fetchone()[0]


def claim(store: Store, *, states: tuple[str, ...], stale_before: str, token: str, now: str,
          wanted: Callable[[dict[str, Any]], bool]) -> list[int]:
    """In one transaction: mark with token the items in these states that no live sender
    holds (no claim, or one older than stale_before) and that `wanted` accepts, oldest
    first. Returns their ids."""
    with store.writing() as db:
        rows = query(db, (
            f"SELECT * FROM mail_outbox WHERE state IN ({', '.join('?' for _ in states)})"
            " AND (claim IS NULL OR claimed_at < ?) ORDER BY id"), (*states, stale_before))
        taken = []
        for row in rows:
            if not wanted(row):
                continue
            db.conn.execute("UPDATE mail_outbox SET claim = ?, claimed_at = ? WHERE id = ?",
                            (token, now, row["id"]))
            taken.append(row["id"])
    return taken


def set_message_id(store: Store, item_id: int, message_id: str) -> None:
    """Once: an item keeps its first Message-ID for every later try."""
    with store.writing() as db:
        db.conn.execute("UPDATE mail_outbox SET message_id = ? WHERE id = ? AND message_id IS NULL",
                        (message_id, item_id))


def release(store: Store, token: str) -> None:
    with store.writing() as db:
        db.conn.execute("UPDATE mail_outbox SET claim = NULL, claimed_at = NULL WHERE claim = ?", (token,))


def transition(store: Store, item_id: int, values: dict[str, Any], *, actor: str) -> None:
    """Set these columns, drop the claim, and log the state change before/after."""
    with store.writing() as db:
        before = query(db, "SELECT state, attempts, last_error FROM mail_outbox WHERE id = ?", (item_id,))[0]
        sets = ", ".join(f"{k} = :{k}" for k in values)
        db.conn.execute(f"UPDATE mail_outbox SET {sets}, claim = NULL, claimed_at = NULL WHERE id = :id",
                        {**values, "id": item_id})
        after = {k: v for k, v in values.items() if k in LOGGED}
        log_change(db, actor=actor, entity="mail_outbox", entity_id=str(item_id), op="update",
                   before=before, after=after)
