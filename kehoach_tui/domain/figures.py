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

from .deadlines import DeadlineKind, parse_deadline
from .inheritance import NO_UPDATE, inherit, inherit_rows, with_inheritance  # noqa: F401  (part of the figures' rules)
from .milestones import Milestone
from .milestones import as_of as milestones_as_of
from .progress import heading_status, mean_progress
from .statuses import is_finished
from .targets import meets

# Statuses of a leaf, in the order figures list them.
LEAF_STATUSES = ("done", "in_progress", "not_started", NO_UPDATE, "blocked", "not_applicable")
# Incident statuses in which the service is still down (domain/incidents.py DOWN_STATUSES).
DOWN = frozenset({"new", "reported", "in_progress", "reopened"})
FIXED = frozenset({"resolved", "closed"})

# Leaves carried out by the app's own records, per plan code: task code → record kind.
LINKED: dict[str, dict[str, str]] = {
    "nghia-tho": {"3.4.c": "checklist", "4.5.đ": "incidents", "4.5.f": "reports"},
}


# --- inputs ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TaskDef:
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


@dataclass(frozen=True, slots=True)
class UpdateFact:
    task_code: str
    at: dt.datetime    # aware: when it was recorded
    status_before: str
    status_after: str
    progress_before: int
    progress_after: int
    note: str = ""
    evidence: str = ""
    officer: str = ""


@dataclass(frozen=True, slots=True)
class TargetDef:
    code: str
    label: str
    unit: str
    goal: float | None
    comparison: str
    target_date: dt.date | None


@dataclass(frozen=True, slots=True)
class TargetValueFact:
    target_code: str
    month: str         # "YYYY-MM"
    value: float
    note: str
    recorded_at: dt.datetime  # aware: when this value (or its last correction) was recorded


@dataclass(frozen=True, slots=True)
class CheckDayFact:
    day: dt.date
    finished: bool
    late: bool


@dataclass(frozen=True, slots=True)
class CheckMarkFact:
    day: dt.date
    item_code: str
    item_title: str
    state: str         # ok / fail / na / unchecked


@dataclass(frozen=True, slots=True)
class IncidentFact:
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


@dataclass(frozen=True, slots=True)
class ReportRunFact:
    period_start: dt.date
    period_end: dt.date
    made_on: dt.date
    sent: bool


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


@dataclass(frozen=True)
class Window:
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

@dataclass(frozen=True, slots=True)
class TaskFigure:
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
