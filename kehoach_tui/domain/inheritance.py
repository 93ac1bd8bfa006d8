"""The rules the task list shares with the figures (domain/figures.py, which re-exports them),
kept apart so that listing tasks does not load the figures' dozens of dataclasses:

- a sub-item with no lead units, partners or deadline of its own takes its parent's;
- a task no update has reached is "no_update" (Chưa cập nhật), a status of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .deadlines import DeadlineKind

NO_UPDATE = "no_update"


def inherit(task, parent):
    """The task with its parent's lead units, partners and deadline where its own are empty
    (any dataclass, named tuple or pydantic model with those fields; returns the same type)."""
    if parent is None:
        return task
    changes: dict = {}
    if not task.lead_units and parent.lead_units:
        changes["lead_units"] = parent.lead_units
    if not task.partner_units and parent.partner_units:
        changes["partner_units"] = parent.partner_units
    own_deadline = task.deadline_text.strip() or task.deadline_kind != DeadlineKind.NONE or task.due_date
    if not own_deadline and (parent.deadline_text or parent.due_date):
        changes.update(deadline_text=parent.deadline_text, deadline_kind=parent.deadline_kind,
                       due_date=parent.due_date, trigger_date=parent.trigger_date)
    if not changes:
        return task
    if hasattr(task, "model_copy"):
        return task.model_copy(update=changes)
    if hasattr(task, "_replace"):
        return task._replace(**changes)
    return replace(task, **changes)


def with_inheritance(tasks: Sequence) -> list:
    """Every task, inherited fields filled in (plan order kept)."""
    by_code = {t.code: t for t in tasks}
    return [inherit(t, by_code.get(t.parent_code)) if t.parent_code else t for t in tasks]


def inherit_rows(rows: Sequence[dict]) -> list[dict]:
    """Task rows as plain dicts (a bundle's, the province's): the same inheritance, and a
    "heading" key telling the rows with sub-items, which are not counted."""
    by_code = {r.get("code"): r for r in rows}
    headings = {r.get("parent_code") for r in rows if r.get("parent_code")}
    out = []
    for row in rows:
        parent = by_code.get(row.get("parent_code")) if row.get("parent_code") else None
        merged = dict(row)
        if parent is not None:
            for key in ("lead_units", "partner_units"):
                if not merged.get(key) or merged.get(key) == "[]":
                    merged[key] = parent.get(key, merged.get(key))
            if not (str(merged.get("deadline_text") or "").strip() or merged.get("due_date")
                    or merged.get("deadline_kind") not in (None, "", DeadlineKind.NONE)):
                for key in ("deadline_text", "deadline_kind", "due_date", "trigger_date"):
                    merged[key] = parent.get(key)
        merged["heading"] = row.get("code") in headings
        out.append(merged)
    return out
