"""Lịch sử: the change log read back as "who changed what, when", optionally for one task."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..domain.targets import fmt_period
from ..domain.vntext import clean_line
from ..i18n import known, t
from .changelog import synced_entities
from .db import Store
from .rows import query
from .tasks import plan_id

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

# Columns that change on every write or are internal: not worth a line in the history.
_QUIET = {"updated_at", "updated_by", "version", "search_key", "created_at"}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    seq: int
    at: str          # UTC ISO
    actor: str
    entity: str
    subject: str     # "1.1", "CT4", a setting key…
    op: str
    summary: str


def _status(key: object) -> str:
    return t("status." + str(key)) if key else ""


def _entity(name: str) -> str:
    key = "entity." + name
    return t(key) if known(key) else name


def _describe_fields(before: dict, after: dict) -> str:
    parts = []
    for key in sorted(after):
        if key in _QUIET or before.get(key) == after.get(key):
            continue
        old, new = before.get(key), after.get(key)
        if key == "status":
            parts.append(f"{t('col.status')}: {_status(old)} → {_status(new)}")
        elif key == "progress":
            parts.append(f"{t('overview.progress')}: {old}% → {new}%")
        else:
            parts.append(f"{key}: {old if old not in (None, '') else '—'} → {new if new not in (None, '') else '—'}")
    return "; ".join(parts)


def _summary(entity: str, op: str, before: dict | None, after: dict | None) -> tuple[str, str]:
    row = after or before or {}
    if entity == "task_updates" and op == "insert":
        subject = row.get("task_code", "")
        if row.get("kind") == "trigger":
            return subject, t("history.trigger", note=row.get("note", ""))
        if row.get("status_before") == row.get("status_after"):
            text = f"{_status(row.get('status_after'))}, {row.get('progress_after')}%"
        else:
            text = t("history.update", before=_status(row.get("status_before")),
                     after=_status(row.get("status_after")), progress=row.get("progress_after"))
        if row.get("note"):
            text += f"; {row['note']}"
        if row.get("evidence"):
            text += f"; {t('task.evidence')}: {row['evidence']}"
        return subject, text
    if entity == "target_values":
        subject = row.get("target_code", "")
        period = row.get("period", "")
        value = row.get("value")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = t("history.target_value", period=fmt_period(period) if period else "", value=value)
        if row.get("note"):
            text += f"; {row['note']}"
        return subject, text
    if entity == "setting":
        return "", t("history.setting", name=row.get("key", ""), value=json.dumps(
            (after or {}).get("value"), ensure_ascii=False))
    subject = str(row.get("code") or row.get("task_code") or row.get("target_code") or "")
    if op == "insert":
        return subject, t("history.insert", entity=_entity(entity))
    if op == "delete":
        return subject, t("history.delete", entity=_entity(entity))
    return subject, _describe_fields(before or {}, after or {}) or t("history.no_visible_change")


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
    images = _images(conn, rows)
    out = []
    for seq, at, actor, entity, entity_id, op, before, after in rows:
        before_d, after_d = images.get(seq) or (json.loads(before) if before else None,
                                                json.loads(after) if after else None)
        if entity == "setting":
            after_d = {**(after_d or {}), "key": entity_id}
        subject, summary = _summary(entity, op, before_d, after_d)
        summary = _UUID.sub("…", summary)  # internal ids mean nothing to a reader
        out.append(HistoryEntry(seq, at, actor, entity, subject, op, summary))
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
