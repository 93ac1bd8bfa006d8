"""Derived progress.

Rule: a task with sub-items takes its progress from them — the mean of the sub-items'
progress, leaving out those marked "not applicable"; it is done when every applicable
sub-item is done. A group's progress is the mean over its top-level tasks (derived the
same way), again leaving out "not applicable". No applicable items → 0.

The parent's status follows the same sub-items (`heading_status`, the rule of
domain/figures.py): every sub-item "not applicable" → not applicable; every applicable one
done → done; any done or in progress → in progress (a blocked sub-item beside a finished
one does not make the whole "Tạm dừng"); any blocked → blocked; any not started → not
started; else "no_update" (nobody has updated any; stored rows say not started). The store writes the derived
status and progress onto the parent row whenever a sub-item changes, so every reader of
the tasks table (reports, export) sees the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class _HasProgress(Protocol):
    """Read-only attributes, so frozen dataclasses qualify."""

    @property
    def code(self) -> str: ...
    @property
    def parent_code(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def progress(self) -> int: ...


def mean_progress(items: Iterable[tuple[str, int]]) -> int:
    values = [progress for status, progress in items if status != "not_applicable"]
    return round(sum(values) / len(values)) if values else 0


def derived_progress(tasks: Sequence[_HasProgress]) -> dict[str, int]:
    """Progress per task code, parents derived from their sub-items."""
    children: dict[str, list[_HasProgress]] = {}
    for task in tasks:
        if task.parent_code:
            children.setdefault(task.parent_code, []).append(task)
    result: dict[str, int] = {}
    for task in tasks:
        kids = children.get(task.code)
        if kids:
            result[task.code] = mean_progress((k.status, k.progress) for k in kids)
        else:
            result[task.code] = task.progress
    return result


def group_progress(tasks: Sequence[_HasProgress]) -> int:
    derived = derived_progress(tasks)
    return mean_progress((t.status, derived[t.code]) for t in tasks if not t.parent_code)


def heading_status(leaves: Sequence[tuple[str, int]]) -> str:
    """A heading's status from its leaves' (status, progress); see the module docstring."""
    applicable = [s for s, _ in leaves if s != "not_applicable"]
    if not applicable:
        return "not_applicable"
    if all(s == "done" for s in applicable):
        return "done"
    if any(s in ("done", "in_progress") for s in applicable):
        return "in_progress"
    if "blocked" in applicable:
        return "blocked"
    if "not_started" in applicable:
        return "not_started"
    return "no_update"


def derived_status(kids: Sequence[_HasProgress]) -> str:
    """Status of a parent row from its sub-items (see the module docstring). A stored row
    knows no "no_update": a sub-item not started with progress under way is in progress."""
    leaves = [("in_progress" if k.status == "not_started" and k.progress else k.status, k.progress) for k in kids]
    status = heading_status(leaves)
    return "not_started" if status == "no_update" else status
