"""One definition of every figure the report, Tổng quan, `report figures --json` and the
bundle show. Pure: plain dataclasses in, plain dataclasses out; no SQL, no Textual, no I/O.

The rules, in the words the README repeats for officers:

* **As at the end of the period.** A period is read as it stood at the end of its last day
  (of today, while it is still running): only what had been recorded by then counts. The
  store rebuilds those facts from the change log, so a past period gives the same figures on
  any later day. Something recorded later for the period is listed apart (`LateValue`).
* **Leaves.** A task with sub-items is a heading, not a task: counts are over leaves only.
  A sub-item with no lead unit, partners or deadline of its own takes its parent's
  (`inherit`): the plan writes them once, after the last sub-item.
* **A leaf's status** at the end of the period is the one its last update recorded by then.
  With no update at all it is the plan's own status, and "not started" from the plan reads
  "Chưa cập nhật" (`NO_UPDATE`): nobody has said it has not started.
* **Linked leaves** are carried out by the app's own records: the morning check (3.4.c),
  the incident log (4.5.đ) and the periodic report (4.5.f). With records by the end of the
  period and no update, such a leaf is "in progress"; its result is those records.
* **A heading's status** (`heading_status`), from its applicable leaves ("not applicable"
  left out): none applicable → not applicable; all done → done; any done or in progress →
  in progress; any blocked → blocked; any not started → not started; else not updated. Its
  progress is the mean of the applicable leaves' progress (domain/progress.py).
* **Overdue**: an open leaf (not done, not "not applicable") due before the reference day.
* **Not updated in the period**: open recurring leaves (own or inherited deadline) with no
  update recorded in the period and, for linked ones, no record either.
* **Due next**: open leaves due in the next period, then targets whose date falls in it
  and are not met.
* **Morning check**: working days (the commune's calendar) up to the reference day; a day
  is checked when any item was answered, on time when finished before the late time;
  `items_failed` counts failed answers (item × day).
* **Incidents**: `count` = opened in the period, `interrupting` = those of them that
  interrupted service, `dossiers_delayed` summed over them. Downtime counts only incidents
  that interrupted service, from the times the officer gave: from the occurrence to "Đã khắc
  phục" (or "Đóng"), again from "Mở lại"; inside the period, and for one still down at the
  end, up to the end of the period (up to now while the period is still running).
  `open_at_end`: not yet fixed at the end (new, reported, in progress or reopened).
* **Targets**: the value is the latest month up to the period's last month recorded by the
  end; `previous` is what the previous period's figures give; `met` compares the value
  with the goal (None with no value or no goal).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .inheritance import NO_UPDATE, inherit, inherit_rows, with_inheritance  # noqa: F401  (part of the figures' rules)
from .progress import heading_status, mean_progress  # noqa: F401  (part of the figures' rules)
from .targets import meets
from .task_figures import (  # noqa: F401  (the task half: one module for the figures)
    LEAF_STATUSES,
    LINKED,
    Facts,
    TaskDef,
    TaskFigure,
    UpdateFact,
    Window,
    heading_codes,
    is_recurring,
    leaf_state,
    task_figures,
    window,
)

# Incident statuses in which the service is still down (domain/incidents.py DOWN_STATUSES).
DOWN = frozenset({"new", "reported", "in_progress", "reopened"})
FIXED = frozenset({"resolved", "closed"})

# --- inputs (the task ones: task_figures.py) ---------------------------------------------------
# Named tuples: a report reads thousands (five years of target values), quicker made than dataclasses.

class TargetDef(NamedTuple):
    code: str
    label: str
    unit: str
    goal: float | None
    comparison: str
    target_date: dt.date | None


class TargetValueFact(NamedTuple):
    target_code: str
    month: str         # "YYYY-MM"
    value: float
    note: str
    recorded_at: dt.datetime  # aware: when this value (or its last correction) was recorded


class CheckDayFact(NamedTuple):
    day: dt.date
    finished: bool
    late: bool


class CheckMarkFact(NamedTuple):
    day: dt.date
    item_code: str
    item_title: str
    state: str         # ok / fail / na / unchecked


class IncidentFact(NamedTuple):
    number: int
    title: str
    category: str      # display name
    severity: str      # display name
    interrupted: bool
    dossiers: int
    opened_at: dt.datetime          # aware, as the officer gave it
    moves: tuple[tuple[dt.datetime, str], ...]  # (time given, new status), oldest first
    resolution: str = ""
    description: str = ""


class ReportRunFact(NamedTuple):
    period_start: dt.date
    period_end: dt.date
    made_on: dt.date
    sent: bool


@dataclass(frozen=True, slots=True)
class TaskCounts:
    total: int
    done: int
    in_progress: int
    not_started: int
    no_update: int
    blocked: int
    not_applicable: int
    overdue: int
    progress: int     # mean over top-level tasks, headings derived (domain/progress.py)
    updates: int      # updates recorded in the period


def count_tasks(figures: Sequence[TaskFigure]) -> TaskCounts:
    leaves = [f for f in figures if not f.heading]
    counts = Counter(f.status for f in leaves)
    top = [f for f in figures if not f.task.parent_code]
    return TaskCounts(
        total=len(leaves), done=counts["done"], in_progress=counts["in_progress"],
        not_started=counts["not_started"], no_update=counts[NO_UPDATE], blocked=counts["blocked"],
        not_applicable=counts["not_applicable"], overdue=sum(1 for f in leaves if f.overdue),
        progress=mean_progress((f.status, f.progress) for f in top),
        updates=sum(f.updates_in_period for f in leaves),
    )


# --- morning check -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ItemTally:
    code: str
    title: str
    ok: int
    fail: int
    na: int


@dataclass(frozen=True)
class ChecklistFigures:
    working_days: int
    days_checked: int
    days_on_time: int
    items_failed: int
    items: tuple[ItemTally, ...] = ()   # items answered at least once, first-seen order


def checklist_figures(workdays: Sequence[dt.date], days: Sequence[CheckDayFact],
                      marks: Sequence[CheckMarkFact]) -> ChecklistFigures:
    """Compliance over the working days given (those up to the reference day)."""
    work = set(workdays)
    answered = {m.day for m in marks if m.state in ("ok", "fail", "na")}
    checked = answered & work
    late = {d.day: d.late for d in days if d.finished}
    tallies: dict[str, list] = {}
    for mark in sorted(marks, key=lambda m: m.day):
        if mark.state not in ("ok", "fail", "na"):
            continue
        row = tallies.setdefault(mark.item_code, [mark.item_title, 0, 0, 0])
        row[{"ok": 1, "fail": 2, "na": 3}[mark.state]] += 1
    items = tuple(ItemTally(code, title, ok, fail, na) for code, (title, ok, fail, na) in tallies.items())
    return ChecklistFigures(
        working_days=len(work), days_checked=len(checked),
        days_on_time=sum(1 for d in checked if d in late and not late[d]),
        items_failed=sum(1 for m in marks if m.state == "fail" and m.day in work),
        items=items,
    )


# --- incidents -----------------------------------------------------------------------------------

def down_intervals(opened_at: dt.datetime, moves: Iterable[tuple[dt.datetime, str]]) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """The stretches the service was down: from the occurrence to the first fix, then from
    each reopening to the next fix; the last one open (None) while still down."""
    spans: list[tuple[dt.datetime, dt.datetime | None]] = []
    since: dt.datetime | None = opened_at
    for at, status in sorted(moves, key=lambda m: m[0]):
        if status in FIXED and since is not None:
            spans.append((since, max(at, since)))
            since = None
        elif status in DOWN and since is None:
            since = at
    if since is not None:
        spans.append((since, None))
    return spans


def minutes_within(spans: Sequence[tuple[dt.datetime, dt.datetime | None]], start: dt.datetime,
                   end: dt.datetime, open_until: dt.datetime) -> int:
    """Whole minutes of the spans inside [start, end); an open span runs to open_until."""
    total = dt.timedelta()
    for since, until in spans:
        stop = min(until or open_until, end)
        begin = max(since, start)
        if stop > begin:
            total += stop - begin
    return int(total.total_seconds() // 60)


def status_at(fact: IncidentFact, moment: dt.datetime) -> str:
    moves = [status for at, status in fact.moves if at < moment]
    return moves[-1] if moves else "new"


@dataclass(frozen=True, slots=True)
class IncidentFigure:
    fact: IncidentFact
    downtime_minutes: int     # inside the period
    opened_in_period: bool
    status_at_end: str
    fixed_at: dt.datetime | None  # the last fix before the end, while fixed at the end


@dataclass(frozen=True)
class IncidentFigures:
    count: int
    interrupting: int
    downtime_minutes: int
    dossiers_delayed: int
    open_at_end: int
    lines: tuple[IncidentFigure, ...] = ()


def incident_figures(facts: Sequence[IncidentFact], win: Window) -> IncidentFigures:
    """Incidents that touch the period (opened before its end, not fixed before its start)."""
    lines = []
    for fact in sorted(facts, key=lambda f: (f.opened_at, f.number)):
        if fact.opened_at >= win.end:
            continue
        start_status = status_at(fact, win.start)
        if fact.opened_at < win.start and start_status in FIXED and not any(
                win.start <= at < win.end for at, _ in fact.moves):
            continue
        end_status = status_at(fact, win.end)
        fixes = [at for at, status in fact.moves if status in FIXED and at < win.end]
        spans = down_intervals(fact.opened_at, [m for m in fact.moves if m[0] < win.end])
        lines.append(IncidentFigure(
            fact=fact,
            downtime_minutes=minutes_within(spans, win.start, win.end, win.down_until) if fact.interrupted else 0,
            opened_in_period=fact.opened_at >= win.start, status_at_end=end_status,
            fixed_at=fixes[-1] if fixes and end_status in FIXED else None,
        ))
    counted = [line for line in lines if line.opened_in_period]
    return IncidentFigures(
        count=len(counted), interrupting=sum(1 for line in counted if line.fact.interrupted),
        downtime_minutes=sum(line.downtime_minutes for line in lines),
        dossiers_delayed=sum(line.fact.dossiers for line in counted),
        open_at_end=sum(1 for line in lines if line.status_at_end in DOWN), lines=tuple(lines),
    )


# --- targets -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TargetFigure:
    target: TargetDef
    value: float | None
    month: str               # "YYYY-MM" of the value, "" without one
    previous: float | None
    previous_month: str
    note: str
    met: bool | None

    @property
    def code(self) -> str:
        return self.target.code


@dataclass(frozen=True, slots=True)
class LateValue:
    """A value recorded after the period's end for a month that had ended by then."""

    code: str
    month: str
    value: float
    recorded_on: dt.date
    known: float | None      # what the period's figures hold for that month (None: nothing)


def is_met(value: float | None, goal: float | None, comparison: str) -> bool | None:
    if value is None or goal is None:
        return None
    return meets(value, comparison, goal)


def _latest(values: Iterable[TargetValueFact], code: str, last_month: str) -> TargetValueFact | None:
    mine = [v for v in values if v.target_code == code and v.month <= last_month]
    return max(mine, key=lambda v: v.month) if mine else None


def target_figures(facts: Facts, end_month: str, previous_end_month: str) -> list[TargetFigure]:
    out = []
    for target in facts.targets:
        now = _latest(facts.values, target.code, end_month)
        before = _latest(facts.previous_values, target.code, previous_end_month)
        out.append(TargetFigure(
            target=target, value=now.value if now else None, month=now.month if now else "",
            previous=before.value if before else None, previous_month=before.month if before else "",
            note=now.note if now else "", met=is_met(now.value if now else None, target.goal, target.comparison),
        ))
    return out


def late_values(facts: Facts, end_day: dt.date, as_of: dt.datetime, tz: dt.tzinfo) -> list[LateValue]:
    # the last month over by end_day: a month's value cannot be late before the month is over
    over = (end_day + dt.timedelta(days=1)).day == 1
    end_month = f"{end_day:%Y-%m}" if over else _month_before(end_day)
    known = {(v.target_code, v.month): v.value for v in facts.values}
    order = {t.code: i for i, t in enumerate(facts.targets)}
    out = [LateValue(code=v.target_code, month=v.month, value=v.value,
                     recorded_on=v.recorded_at.astimezone(tz).date(), known=known.get((v.target_code, v.month)))
           for v in facts.current_values
           if v.month <= end_month and v.recorded_at >= as_of and known.get((v.target_code, v.month)) != v.value]
    return sorted(out, key=lambda v: (order.get(v.code, len(order)), v.month))


def _month_before(day: dt.date) -> str:
    first = day.replace(day=1) - dt.timedelta(days=1)
    return f"{first:%Y-%m}"


# --- the whole ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figures:
    window: Window
    tasks: list[TaskFigure]
    counts: TaskCounts
    checklist: ChecklistFigures | None
    incidents: IncidentFigures | None
    targets: list[TargetFigure]
    late: list[LateValue]
    runs: tuple[ReportRunFact, ...] = field(default=())
    updates: tuple[UpdateFact, ...] = ()   # recorded in the period, oldest first
    updates_recorded: bool = False         # any update recorded by the end

    @property
    def running(self) -> bool:
        """The period has not ended yet: figures are as at the end of today."""
        return self.window.reference_day < self.window.end_day

    @property
    def runs_in_period(self) -> list[ReportRunFact]:
        w = self.window
        return [r for r in self.runs if w.start_day <= r.made_on <= w.reference_day]

    @property
    def leaves(self) -> list[TaskFigure]:
        return [f for f in self.tasks if not f.heading]

    @property
    def not_updated(self) -> list[TaskFigure]:
        linked_here = self.linked_in_period()
        return [f for f in self.leaves if f.recurring and (f.open or f.asks_note) and not f.updates_in_period
                and not (f.linked and linked_here.get(f.linked))]

    @property
    def due_tasks_next(self) -> list[TaskFigure]:
        w = self.window
        return [f for f in self.leaves if f.open and f.task.due_date and w.next_start <= f.task.due_date <= w.next_end]

    @property
    def due_targets_next(self) -> list[TargetFigure]:
        w = self.window
        return [t for t in self.targets if t.target.target_date and w.next_start <= t.target.target_date <= w.next_end
                and t.met is not True]

    def linked_in_period(self) -> dict[str, bool]:
        """Whether each kind of linked record has an entry inside the period."""
        check = self.checklist
        return {
            "checklist": bool(check and check.days_checked),
            "incidents": bool(self.incidents and self.incidents.lines),
            "reports": bool(self.runs_in_period),
        }


def linked_records(facts: Facts) -> dict[str, bool]:
    """Whether each kind of linked record exists at all by the end of the period."""
    return {"checklist": bool(facts.check_days or facts.check_marks), "incidents": bool(facts.incidents),
            "reports": bool(facts.runs)}


def compute(facts: Facts, win: Window, *, end_month: str, previous_end_month: str, tz: dt.tzinfo) -> Figures:
    tasks = task_figures(facts, win, linked_records(facts))
    checklist = None
    if facts.workdays is not None:
        checklist = checklist_figures(facts.workdays, facts.check_days, facts.check_marks)
    return Figures(
        window=win, tasks=tasks, counts=count_tasks(tasks), checklist=checklist,
        incidents=incident_figures(facts.incidents, win) if facts.incidents is not None else None,
        targets=target_figures(facts, end_month, previous_end_month),
        late=late_values(facts, win.end_day, win.as_of, tz), runs=tuple(facts.runs),
        updates=tuple(sorted((u for u in facts.updates if win.start <= u.at < win.as_of), key=lambda u: u.at)),
        updates_recorded=any(u.at < win.as_of for u in facts.updates),
    )


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def figures_json(fig: Figures) -> dict:
    """The `kehoach report figures --json` document (README, "Số liệu cho script")."""
    counts, check, inc = fig.counts, fig.checklist, fig.incidents
    return {
        "period": {"start": fig.window.start_day.isoformat(), "end": fig.window.end_day.isoformat()},
        "as_of": fig.window.reference_day.isoformat(),
        "tasks": {key: getattr(counts, key) for key in (
            "total", "done", "in_progress", "not_started", "no_update", "blocked", "not_applicable", "overdue")},
        "checklist": {
            "working_days": check.working_days if check else 0, "days_checked": check.days_checked if check else 0,
            "days_on_time": check.days_on_time if check else 0, "items_failed": check.items_failed if check else 0,
        },
        "incidents": {
            "count": inc.count if inc else 0, "interrupting": inc.interrupting if inc else 0,
            "downtime_minutes": inc.downtime_minutes if inc else 0,
            "dossiers_delayed": inc.dossiers_delayed if inc else 0, "open_at_end": inc.open_at_end if inc else 0,
        },
        "targets": [{"code": t.code, "value": _num(t.value), "previous": _num(t.previous),
                     "goal": _num(t.target.goal), "met": t.met} for t in fig.targets],
        "not_updated": [f.code for f in fig.not_updated],
        "not_updated_titles": {f.code: f.task.title for f in fig.not_updated},
        "due_next": [f.code for f in fig.due_tasks_next] + [t.code for t in fig.due_targets_next],
        "recorded_later": [{"code": v.code, "month": v.month, "value": _num(v.value),
                            "recorded_on": v.recorded_on.isoformat()} for v in fig.late],
    }
