"""Lịch sử: the change log read back as "who changed what, when", optionally for one task.

Each entry is put in words by domain/history_words.py. One act the officer did once is one
entry: a task update writes the task row and an update row, an incident status change the
incident row and an event row (same transaction, neighbouring seqs); the pair is shown once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..domain.history_words import Lookups, describe, line
from ..domain.vntext import clean_line
from .changelog import synced_entities
from .db import Store
from .rows import query
from .tasks import plan_id

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    seq: int
    at: str          # UTC ISO
    actor: str
    entity: str
    subject: str     # the short reference: "1.1", "CT4", "Sự cố #1"…
    op: str
    summary: str
    what: str = ""   # the reference in full: "Nhiệm vụ 1.1"

    def line(self) -> str:
        """"Nguyễn Thị Hoa · 06/11/2025 10:20 · Sự cố #1: Đang xử lý → Đã khắc phục"."""
        return line(self.actor, self.at, self.what or self.subject, self.summary)


def _lookups(store: Store) -> Lookups:
    from .incidents import catalog

    numbers = dict(store.conn.execute("SELECT id, number FROM incidents").fetchall())
    cat = catalog(store)
    return Lookups(incident_numbers=numbers, categories={c.code: c.label() for c in cat.categories},
                   severities={c.code: c.label() for c in cat.severities},
                   channels={c.code: c.label() for c in cat.channels})


# (companion entity, main entity, the companion's column naming the main row's id)
_PAIRS = {"task_updates": ("tasks", "task_id"), "incident_events": ("incidents", "incident_id")}


def _merge_pairs(raw: list[tuple]) -> list[tuple]:
    """Drop the second half of each act written as two rows (see the module docstring).

    A task update keeps its update row (it says status, progress, note and evidence) under
    the task; an incident change keeps its incident row, with the event's note added."""
    by_seq = {r[0]: r for r in raw}
    dropped: set[int] = set()
    notes: dict[int, str] = {}
    for seq, _at, actor, entity, _eid, op, _before, after in raw:
        pair = _PAIRS.get(entity)
        if pair is None or op != "insert" or not after:
            continue
        main_entity, column = pair
        main_id = after.get(column)
        for other in (seq - 1, seq + 1, seq - 2):
            found = by_seq.get(other)
            if found and found[3] == main_entity and found[4] == main_id and found[2] == actor:
                if entity == "task_updates":
                    dropped.add(other)
                else:
                    dropped.add(seq)
                    if after.get("note"):
                        notes[other] = " ".join(str(after["note"]).split())
                break
    out = []
    for row in raw:
        if row[0] in dropped:
            continue
        if row[3] == "task_updates" and any(r[0] in dropped for r in (by_seq.get(row[0] - 1), by_seq.get(row[0] + 1))
                                            if r and r[3] == "tasks"):
            row = (*row[:3], "tasks", *row[4:])
        out.append((*row, notes.get(row[0], "")))
    return out


def history(store: Store, *, task_code: str | None = None, limit: int = 500) -> list[HistoryEntry]:
    """Newest first. With task_code: changes of that task's row and of its updates."""
    conn = store.conn
    if task_code:
        code = clean_line(task_code)
        task = conn.execute("SELECT id FROM tasks WHERE plan_id = ? AND code = ? AND deleted = 0",
                            (plan_id(store), code)).fetchone()
        if task is None:
            return []
        rows = conn.execute(
            "SELECT seq, at, actor, entity, entity_id, op, before, after FROM changes "
            "WHERE (entity = 'tasks' AND entity_id = ?) OR (entity = 'task_updates' AND entity_id IN "
            "(SELECT id FROM task_updates WHERE task_id = ?)) ORDER BY seq DESC LIMIT ?",
            (task[0], task[0], limit)).fetchall()
    else:
        rows = conn.execute(
            "SELECT seq, at, actor, entity, entity_id, op, before, after FROM changes ORDER BY seq DESC LIMIT ?",
            (limit,)).fetchall()
    return _entries(store, rows)


def changes_since(store: Store, entity: str, entity_id: str, version: int) -> list[HistoryEntry]:
    """What was written to one record after it had `version` (with the rows written with it:
    a task's updates, an incident's events), newest first: what a stale dialog shows."""
    # (an insert logs no image, store/changelog.py: it made the record's first version)
    start = store.conn.execute(
        "SELECT COALESCE(MAX(seq), 0) FROM changes WHERE entity = ? AND entity_id = ?"
        " AND (op = 'insert' OR json_extract(after, '$.version') <= ?)", (entity, entity_id, version)).fetchone()[0]
    companion = next(((name, column) for name, (main, column) in _PAIRS.items() if main == entity), None)
    # the rows written with it (a task's updates, an incident's events) name it in a column
    # of their own table; _PAIRS holds the only table and column names put in this SQL
    with_it = (f" OR (entity = '{companion[0]}' AND entity_id IN"
               f" (SELECT id FROM [{companion[0]}] WHERE [{companion[1]}] = ?))") if companion else ""
    rows = store.conn.execute(
        "SELECT seq, at, actor, entity, entity_id, op, before, after FROM changes WHERE seq > ? AND"
        f" ((entity = ? AND entity_id = ?){with_it}) ORDER BY seq DESC",
        (start, entity, entity_id, *((entity_id,) if companion else ()))).fetchall()
    return _entries(store, rows)


def _entries(store: Store, rows) -> list[HistoryEntry]:
    # The log keeps only what changed (store/changelog.py): each entry is shown against the
    # whole row before and after it, walked back from the row as it is now.
    images = _images(store.conn, rows)
    raw = []
    for seq, at, actor, entity, entity_id, op, before, after in rows:
        before_d, after_d = images.get(seq) or (json.loads(before) if before else None,
                                                json.loads(after) if after else None)
        raw.append((seq, at, actor, entity, entity_id, op, before_d, after_d))
    look = _lookups(store)
    out = []
    for seq, at, actor, entity, entity_id, op, before, after, note in _merge_pairs(raw):
        shown_as = "task_updates" if entity == "tasks" and after and "status_after" in after else entity
        words = describe(shown_as, op, before, after, entity_id, look)
        if not words.summary:
            continue  # an internal setting (the plan's id) beside the one that says it
        summary = words.summary
        if note and note not in summary:
            summary += f"; {note}"
        summary = _UUID.sub("…", summary)  # internal ids mean nothing to a reader
        out.append(HistoryEntry(seq, at, actor, entity, words.subject, op, summary, words.what))
    return out


def _images(conn, rows: list) -> dict[int, tuple[dict | None, dict]]:
    """seq → (row before, row after) for the entries of synced rows, whose log holds only
    diffs (store/changelog.py): walked back from the row as it is now, undoing each newer
    entry with the old values it kept. `rows` run newest first and hold, for every row they
    name, all its entries newer than the oldest shown, so the walk needs nothing else."""
    synced = set(synced_entities(conn))
    state: dict[tuple[str, str], dict | None] = {}
    for entity in {r[3] for r in rows} & synced:
        ids = list({r[4] for r in rows if r[3] == entity})
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for row in query(conn, f"SELECT * FROM [{entity}] WHERE id IN ({', '.join('?' for _ in chunk)})",
                             tuple(chunk)):
                state[(entity, row["id"])] = row
    images: dict[int, tuple[dict | None, dict]] = {}
    for seq, _at, _actor, entity, entity_id, op, before, _after in rows:
        now = state.get((entity, entity_id))
        if now is None:
            continue
        earlier = None if op == "insert" else {**now, **(json.loads(before) if before else {})}
        images[seq] = (earlier, now)
        state[(entity, entity_id)] = earlier
    return images
