"""The task list as the Nhiệm vụ screen and `kehoach tasks` show it: rows built once from
the store, then filtered in memory on every keystroke (folded search keys, no SQL).

Sub-items sit under their parent; a sub-item with no deadline, lead unit or partners of its
own takes its parent's (domain/figures.py `inherit`: the plan writes them once, after the
last sub-item). Statuses are the figures' (`states`): "Chưa cập nhật" for a leaf nobody has
updated, headings derived from their sub-items, linked tasks carried by their records. Rows can be ordered
by the plan (default), by title in Vietnamese order, or by due date; sub-items always stay
under their parent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .deadlines import DeadlineKind, describe, parse_deadline
from .inheritance import inherit
from .progress import derived_progress, derived_status
from .recurring import needs_note
from .statuses import is_finished
from .vntext import fold, sort_key

DUE_SOON_DAYS = 7
SORTS = ("plan", "title", "due")

# The mark of a row that needs attention, in the order they win: a symbol, so the list reads
# without colour (a printout, a washed-out screen), explained by a legend wherever shown.
ROW_MARKS = (("overdue", "!"), ("due_soon", "~"), ("needs_note", "?"))
MARK = dict(ROW_MARKS)


def row_mark(row: TaskRow) -> str:
    """"!" overdue, "~" due soon, "?" a recurring task without a note this period, else " "."""
    return next((symbol for flag, symbol in ROW_MARKS if getattr(row, flag)), " ")


@dataclass(slots=True)
class TaskRow:
    id: str
    code: str
    title: str
    group_code: str
    parent_code: str
    lead_units: tuple[str, ...]
    status: str
    progress: int
    deadline_text: str          # as written (the parent's when inherited)
    deadline_kind: str
    due_date: dt.date | None
    due_text: str               # "31/12/2025", "thường xuyên", "chờ Trung ương ban hành", …
    recurring: bool
    last_update: dt.date | None
    needs_note: bool
    overdue: bool
    due_soon: bool
    has_children: bool
    search_key: str
    position: int
    lead_keys: tuple[str, ...] = field(default=())
    partner_units: tuple[str, ...] = field(default=())
    milestones: tuple = ()        # domain.milestones.Milestone, plan order
    due_assumed: bool = False     # the date shown is the commune's reading, not the plan's words


@dataclass
class TaskFilter:
    status: str | None = None
    group: str | None = None
    lead: str | None = None      # a lead unit name, matched folded
    overdue: bool = False
    due_soon: bool = False
    due_within: int | None = None  # days, for the CLI's --due-within
    query: str = ""

    def active(self) -> bool:
        return bool(self.status or self.group or self.lead or self.overdue or self.due_soon
                    or self.due_within is not None or self.query.strip())


@lru_cache(maxsize=4096)
def _parsed(text: str):
    return parse_deadline(text)


def build_rows(
    tasks: Sequence, last_updates: dict[str, dt.date], period_start: dt.date, today: dt.date,
    *, lang: str = "vi", states: dict[str, tuple[str, int]] | None = None,
    milestones: dict[str, list] | None = None,
) -> list[TaskRow]:
    """TaskViews (plan order) → display rows with derived parent progress and status;
    states (code → status, progress) from the figures win where given.

    A task with milestones is due for its next open one (shown "31/08/2025 (1/2)") and is
    overdue when any of them is."""
    by_code = {t.code: t for t in tasks}
    kids: dict[str, list] = {}
    for task in tasks:
        if task.parent_code:
            kids.setdefault(task.parent_code, []).append(task)
    progress = derived_progress(tasks)
    rows = []
    for task in tasks:
        parent = by_code.get(task.parent_code)
        own = inherit(task, parent)
        text, kind, due = own.deadline_text, own.deadline_kind, own.due_date
        deadline = _parsed(text)
        recurring = kind == DeadlineKind.RECURRING or deadline.recurring
        status = derived_status(kids[task.code]) if task.code in kids else task.status
        shown_progress = progress[task.code]
        if states and task.code in states:
            status, shown_progress = states[task.code]
        open_ = not is_finished(status)
        if due and kind in (DeadlineKind.DATE, DeadlineKind.TRIGGER):
            due_text = due.strftime("%d/%m/%Y")
        else:
            due_text = describe(deadline, lang)
            if kind == DeadlineKind.ONGOING and due is None:
                due_text = "đang tiếp diễn" if lang == "vi" else "ongoing"
        last = last_updates.get(task.code)
        leaf = task.code not in kids
        # "Đã hoàn thành và thực hiện thường xuyên": done, and its recurring part still asks
        # for a note every period.
        held = "in_progress" if status == "done" and deadline.kind == DeadlineKind.DONE and deadline.recurring else status
        rows.append(TaskRow(
            id=task.id, code=task.code, title=task.title, group_code=task.group_code,
            parent_code=task.parent_code,
            lead_units=tuple(own.lead_units), partner_units=tuple(own.partner_units),
            status=status, progress=shown_progress,
            deadline_text=text, deadline_kind=str(kind), due_date=due, due_text=due_text,
            recurring=recurring, last_update=last,
            needs_note=recurring and leaf and needs_note(last, period_start, held),
            overdue=bool(open_ and due and due < today),
            due_soon=bool(open_ and due and today <= due <= today + dt.timedelta(days=DUE_SOON_DAYS)),
            has_children=not leaf, search_key=task.search_key,
            position=task.position,
        ))
        rows[-1].lead_keys = tuple(fold(u) for u in rows[-1].lead_units)
        _apply_milestones(rows[-1], (milestones or {}).get(task.code, []), today)
    return rows


def _apply_milestones(row: TaskRow, steps: list, today: dt.date) -> None:
    from .milestones import next_open, state

    if not steps:
        return
    row.milestones = tuple(steps)
    open_ = not is_finished(row.status)
    late = any(state(m, row.status, today) == "overdue" for m in steps)
    step = next_open(steps, row.status, today)
    if step is not None:
        row.due_date = step.due
        row.due_text = f"{step.due:%d/%m/%Y} ({step.number}/{len(steps)})"
        row.due_assumed = bool(step.assumed)
    row.overdue = bool(open_ and late)  # the last milestone is the task's own due date
    row.due_soon = bool(open_ and not row.overdue and row.due_date
                        and today <= row.due_date <= today + dt.timedelta(days=DUE_SOON_DAYS))


def order_rows(rows: Sequence[TaskRow], how: str = "plan", group_order: Sequence[str] = ()) -> list[TaskRow]:
    """Group by plan group, sub-items under their parent; `how` orders siblings."""
    rank = {code: i for i, code in enumerate(group_order)}
    far = dt.date.max

    def sibling_key(row: TaskRow):
        if how == "title":
            return (sort_key(row.title), row.position)
        if how == "due":
            return (row.due_date or far, row.position)
        return (row.position,)

    children: dict[str, list[TaskRow]] = {}
    codes = {r.code for r in rows}
    top = []
    for row in rows:
        if row.parent_code and row.parent_code in codes:
            children.setdefault(row.parent_code, []).append(row)
        else:
            top.append(row)
    top.sort(key=lambda r: (rank.get(r.group_code, len(rank)), *sibling_key(r)))
    out: list[TaskRow] = []
    for row in top:
        out.append(row)
        out.extend(sorted(children.get(row.code, ()), key=sibling_key))
    return out


def filter_rows(rows: Iterable[TaskRow], flt: TaskFilter, today: dt.date) -> list[TaskRow]:
    """Rows passing every filter; the search needs every folded query word in the row's key."""
    words = fold(flt.query).split()
    lead = fold(flt.lead) if flt.lead else ""
    horizon = today + dt.timedelta(days=flt.due_within) if flt.due_within is not None else None
    out = []
    # "Chưa bắt đầu" keeps the rows nobody has updated yet ("Chưa cập nhật"): neither has
    # begun; "Chưa cập nhật" alone narrows to those.
    wanted = {flt.status, "no_update"} if flt.status == "not_started" else {flt.status}
    for row in rows:
        if flt.status and row.status not in wanted:
            continue
        if flt.group and row.group_code != flt.group:
            continue
        if lead and lead not in row.lead_keys:
            continue
        if flt.overdue and not row.overdue:
            continue
        if flt.due_soon and not row.due_soon:
            continue
        if horizon is not None and not (
            row.due_date and not is_finished(row.status) and row.due_date <= horizon
        ):
            continue
        if words:
            key = row.search_key
            if not all(w in key for w in words):
                continue
        out.append(row)
    return out


def lead_units(rows: Iterable[TaskRow]) -> list[str]:
    """Every lead unit once, in Vietnamese order."""
    seen: dict[str, str] = {}
    for row in rows:
        for unit in row.lead_units:
            seen.setdefault(fold(unit), unit)
    return sorted(seen.values(), key=sort_key)


# Patterns as text: `re` compiles each the first time it is used and keeps it (no command
# that does not shorten units pays for compiling them).
_SHORT = [
    (r"(?i)Trung tâm Phục vụ (?:hành chính công|HCC)", "TTPVHCC"),
    (r"(?i)Văn phòng ", "VP "),
    (r"(?i)Phòng Văn hóa - Xã hội", "P.VH-XH"),
    (r"(?i)Phòng Kinh tế", "P.KT"),
    (r"(?i)^Phòng ", "P."),
    (r"(?i)Ủy ban nhân dân|Uỷ ban nhân dân", "UBND"),
    (r"\s+xã$", ""),
]


def short_units(units: Sequence[str]) -> str:
    """Lead units in a narrow column: common Vietnamese abbreviations, joined by ", "."""
    parts = []
    for unit in units:
        for pattern, repl in _SHORT:
            unit = re.sub(pattern, repl, unit)
        parts.append(unit.strip())
    return ", ".join(parts)
