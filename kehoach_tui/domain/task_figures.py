"""The task half of the figures (domain/figures.py, whose docstring states the rules): every
task as at the end of a period. Its own module so the task list and Tổng quan, which need
only this half, do not build the fifteen other classes of the figures at start-up. Its
records are named tuples: a frozen dataclass costs about a millisecond to define on a slow
PC and Tổng quan's first frame waits for these, and a tuple is quicker to make by the
thousand (every update of five years). domain/figures.py re-exports every name; outside the
domain only store/task_facts.py reads them here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .deadlines import DeadlineKind, parse_deadline
from .inheritance import NO_UPDATE, with_inheritance
from .milestones import Milestone
from .milestones import as_of as milestones_as_of
from .progress import heading_status, mean_progress
from .statuses import is_finished

if TYPE_CHECKING:
    from .figures import (
        CheckDayFact,
        CheckMarkFact,
        IncidentFact,
        ReportRunFact,
        TargetDef,
        TargetValueFact,
    )

# Statuses of a leaf, in the order figures list them.
LEAF_STATUSES = ("done", "in_progress", "not_started", NO_UPDATE, "blocked", "not_applicable")

# Leaves carried out by the app's own records, per plan code: task code → record kind.
LINKED: dict[str, dict[str, str]] = {
    "nghia-tho": {"3.4.c": "checklist", "4.5.đ": "incidents", "4.5.f": "reports"},
}


# --- inputs ----------------------------------------------------------------------------------

class TaskDef(NamedTuple):
    code: str
    parent_code: str
    group_code: str
    title: str
    lead_units: tuple[str, ...]
    partner_units: tuple[str, ...]
    deadline_text: str
    deadline_kind: str
    due_date: dt.date | None
    trigger_date: dt.date | None
    status: str        # the row's status now (the plan's, where no update changed it)
    progress: int
    position: int = 0


class UpdateFact(NamedTuple):
    task_code: str
    at: dt.datetime    # aware: when it was recorded
    status_before: str
    status_after: str
    progress_before: int
    progress_after: int
    note: str = ""
    evidence: str = ""
    officer: str = ""


@dataclass(frozen=True)
class Facts:
    """Everything recorded by the end of a period, as the store rebuilt it."""

    plan_code: str
    tasks: Sequence[TaskDef]
    updates: Sequence[UpdateFact]          # recorded by the end (and, per task, the first after)
    targets: Sequence[TargetDef]
    values: Sequence[TargetValueFact]      # as known at the end
    previous_values: Sequence[TargetValueFact]  # as known at the previous period's end
    current_values: Sequence[TargetValueFact]   # as known now (for late values)
    workdays: Sequence[dt.date] | None     # None: no morning check ever recorded
    check_days: Sequence[CheckDayFact] = ()
    check_marks: Sequence[CheckMarkFact] = ()
    incidents: Sequence[IncidentFact] | None = None  # None: no incident ever logged
    runs: Sequence[ReportRunFact] = ()
    milestones: dict = field(default_factory=dict)  # task code → [domain.milestones.Milestone]


class Window(NamedTuple):
    """The period's bounds as moments (aware): start, end (the end of its last day) and
    `as_of`, before which a record counts (the end, or the end of today while running);
    `down_until` bounds the downtime of an incident still down (the end, or now)."""

    start_day: dt.date
    end_day: dt.date
    reference_day: dt.date
    start: dt.datetime
    end: dt.datetime
    as_of: dt.datetime
    down_until: dt.datetime
    next_start: dt.date
    next_end: dt.date


def window(start: dt.date, end: dt.date, next_start: dt.date, next_end: dt.date, *, today: dt.date,
           now: dt.datetime, tz: dt.tzinfo) -> Window:
    reference = min(end, today)
    begin = dt.datetime.combine(start, dt.time(), tzinfo=tz)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    as_of = dt.datetime.combine(reference + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return Window(start_day=start, end_day=end, reference_day=reference, start=begin, end=finish,
                  as_of=max(as_of, begin), down_until=max(begin, min(finish, now)),
                  next_start=next_start, next_end=next_end)


# --- inheritance -------------------------------------------------------------------------------

def heading_codes(tasks: Iterable) -> set[str]:
    return {t.parent_code for t in tasks if t.parent_code}


def is_recurring(task) -> bool:
    return task.deadline_kind == DeadlineKind.RECURRING or parse_deadline(task.deadline_text).recurring


# --- task states -------------------------------------------------------------------------------

class TaskFigure(NamedTuple):
    """One task as at the end of the period (inherited fields filled in)."""

    task: TaskDef
    heading: bool
    status: str
    progress: int
    status_at_start: str
    updates_in_period: int
    last_note: str
    last_evidence: str
    linked: str           # "", "checklist", "incidents" or "reports"
    overdue: bool
    recurring: bool
    next_milestone: Milestone | None = None  # the next open one, as at the end
    milestone_count: int = 0
    asks_note: bool = False  # "Đã hoàn thành và thực hiện thường xuyên": done, still noted each period

    @property
    def code(self) -> str:
        return self.task.code

    @property
    def open(self) -> bool:
        return not is_finished(self.status)


def _plain(status: str, progress: int) -> str:
    return NO_UPDATE if status == "not_started" and not progress else status


def leaf_state(task: TaskDef, history: Sequence[UpdateFact], moment: dt.datetime) -> tuple[str, int, bool]:
    """(status, progress, updated) just before `moment`: the last update recorded before it;
    else the state before the first later update, or the row's own (the plan's)."""
    before = [u for u in history if u.at < moment]
    if before:
        last = before[-1]
        return last.status_after, last.progress_after, True
    later = [u for u in history if u.at >= moment]
    if later:
        return _plain(later[0].status_before, later[0].progress_before), later[0].progress_before, False
    return _plain(task.status, task.progress), task.progress, False


def task_figures(facts: Facts, win: Window, linked_records: dict[str, bool]) -> list[TaskFigure]:
    """Every task (plan order) as at the end of the period; headings from their leaves.
    linked_records: record kind → whether any such record exists by the end."""
    tasks = with_inheritance(sorted(facts.tasks, key=lambda t: t.position))
    headings = heading_codes(tasks)
    links = LINKED.get(facts.plan_code, {})
    by_task: dict[str, list[UpdateFact]] = {}
    for update in sorted(facts.updates, key=lambda u: u.at):
        by_task.setdefault(update.task_code, []).append(update)
    leaves: dict[str, TaskFigure] = {}
    for task in tasks:
        if task.code in headings:
            continue
        history = by_task.get(task.code, [])
        status, progress, updated = leaf_state(task, history, win.as_of)
        start_status, _, _ = leaf_state(task, history, win.start)
        linked = links.get(task.code, "")
        if linked and not updated and status == NO_UPDATE and linked_records.get(linked):
            status = "in_progress"
        inside = [u for u in history if win.start <= u.at < win.as_of]
        steps = facts.milestones.get(task.code, [])
        late, step = milestones_as_of(steps, status, win.reference_day) if steps else (False, None)
        due_late = bool(task.due_date and task.due_date < win.reference_day)
        deadline = parse_deadline(task.deadline_text)
        leaves[task.code] = TaskFigure(
            task=task, heading=False, status=status, progress=progress, status_at_start=start_status,
            updates_in_period=len(inside), last_note=next((u.note for u in reversed(inside) if u.note), ""),
            last_evidence=next((u.evidence for u in reversed(inside) if u.evidence), ""), linked=linked,
            overdue=bool(not is_finished(status) and (late if steps else due_late)),
            recurring=is_recurring(task), next_milestone=step, milestone_count=len(steps),
            asks_note=status == "done" and deadline.kind == DeadlineKind.DONE and deadline.recurring,
        )
    out = []
    for task in tasks:
        if task.code not in headings:
            out.append(leaves[task.code])
            continue
        kids = [f for f in leaves.values() if f.task.parent_code == task.code]
        pairs = [(k.status, k.progress) for k in kids]
        status = heading_status(pairs)
        out.append(TaskFigure(
            task=task, heading=True, status=status, progress=mean_progress(pairs),
            status_at_start=heading_status([(k.status_at_start, 0) for k in kids]),
            updates_in_period=sum(k.updates_in_period for k in kids), last_note="", last_evidence="",
            linked="", overdue=any(k.overdue for k in kids), recurring=is_recurring(task),
        ))
    return out
