"""The report model: everything one period's report contains, built from the store.

Numbers are computed here once; every writer (docx, xlsx, csv, md, txt) and the preview
render the same model. Sections whose module has not recorded anything yet are None.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pydantic import BaseModel, ConfigDict

from ..domain.deadlines import describe, parse_deadline
from ..domain.periods import Period
from ..domain.progress import derived_progress, mean_progress
from ..domain.vntext import sort_key
from ..store.reports import ReportSettings, ReportTexts
from . import sources

DONE_LIKE = ("done", "not_applicable")


class _M(BaseModel):
    model_config = ConfigDict(frozen=True)


class TaskLine(_M):
    code: str
    title: str
    group_code: str
    parent_code: str
    lead_units: list[str]
    deadline: str          # due date dd/mm/yyyy or the deadline described in words
    due_date: dt.date | None
    status: str            # as at the end of the period (from the updates when recorded)
    progress: int          # parents derived from their sub-items
    updates: int           # updates recorded during the period
    last_note: str
    overdue: bool
    due_assumed: bool = False  # the date is the commune's setting: `deadline` says so


class GroupSection(_M):
    code: str
    title: str
    tasks: list[TaskLine]
    total: int
    done: int
    in_progress: int
    not_started: int
    blocked: int
    overdue: int
    progress: int


class UpdateLine(_M):
    at: dt.datetime
    task_code: str
    task_title: str
    officer: str
    status_before: str
    status_after: str
    progress: int | None
    note: str
    evidence: str


class TargetLine(_M):
    code: str
    label: str
    unit: str
    target_value: float | None
    comparison: str
    target_date: dt.date | None
    value: float | None
    value_period: str      # "11/2025"
    note: str
    met: bool | None


class ItemAvailability(_M):
    item: str
    label: str
    ok: int
    failed: int
    not_applicable: int
    availability: int | None  # % of checked days the item was OK (N/A left out)


class ChecklistSection(_M):
    working_days: int
    days_checked: int
    days_on_time: int
    items: list[ItemAvailability]
    failing: list[ItemAvailability]


class IncidentLine(_M):
    title: str
    category: str
    severity: str
    status: str
    opened: dt.datetime
    resolved: dt.datetime | None
    downtime_minutes: int


class IncidentSection(_M):
    opened: int
    resolved: int
    still_open: int
    by_category: list[tuple[str, int]]
    downtime_minutes: int
    lines: list[IncidentLine]


class Totals(_M):
    total: int
    done: int
    in_progress: int
    not_started: int
    blocked: int
    not_applicable: int
    overdue: int
    progress: int
    updates: int


class ReportModel(_M):
    period: Period
    next_period: Period
    generated_on: dt.date
    plan_title: str
    subject: str
    settings: ReportSettings
    texts: ReportTexts
    totals: Totals
    groups: list[GroupSection]
    updates: list[UpdateLine] | None
    targets: list[TargetLine]
    target_values_recorded: bool
    checklist: ChecklistSection | None
    incidents: IncidentSection | None
    overdue_tasks: list[TaskLine]
    due_next: list[TaskLine]
    recurring_silent: list[TaskLine]  # "thường xuyên" tasks with no update in the period


def subject_for(period: Period) -> str:
    return f"Kết quả thực hiện nhiệm vụ chuyển đổi số {period.label()}"


def build_report(store, period: Period, today: dt.date, now: dt.datetime | None = None) -> ReportModel:
    """Gather the report for a period; `today` bounds what counts as overdue, `now` (aware;
    the current time by default) the downtime of incidents still open."""
    from ..store.plans import active_plan, list_groups, list_targets, list_tasks
    from ..store.reports import get_texts, report_settings

    plan = active_plan(store)
    tasks = list_tasks(store)
    reference = min(period.end, today)
    # The period's updates and those just around it: a past period's state is rebuilt.
    updates = sources.task_updates(store, period.start, period.end)
    by_task: dict[str, list[sources.TaskUpdate]] = {}
    for update in updates or []:
        by_task.setdefault(update.task_code, []).append(update)

    from ..domain.milestones import as_of
    from ..i18n import t
    from ..store.milestones import milestones_by_task

    steps = milestones_by_task(store)
    lines: list[TaskLine] = []
    for task in tasks:
        history = by_task.get(task.code, [])
        status, progress = _state_at(task, history, updates is not None, period.end)
        in_period = [u for u in history if period.start <= u.at.date() <= period.end]
        deadline = task.due_date.strftime("%d/%m/%Y") if task.due_date else describe(parse_deadline(task.deadline_text))
        late, step = as_of(steps.get(task.code, []), status, reference)  # several dated steps
        if step is not None:
            deadline = f"{step.due:%d/%m/%Y} ({step.number}/{len(steps[task.code])})" + (
                f" ({t('due.assumed')})" if step.assumed else "")
        lines.append(TaskLine(
            code=task.code, title=task.title, group_code=task.group_code, parent_code=task.parent_code,
            lead_units=task.lead_units, deadline=deadline,
            due_date=step.due if step else task.due_date, status=status, progress=progress, updates=len(in_period),
            last_note=next((u.note for u in reversed(in_period) if u.note), ""),
            overdue=bool((late if task.code in steps else task.due_date and task.due_date < reference)
                         and status not in DONE_LIKE),
            due_assumed=bool(step and step.assumed),
        ))
    derived = derived_progress(lines)
    lines = [line.model_copy(update={"progress": derived[line.code]}) for line in lines]

    groups = []
    for group in list_groups(store):
        members = [line for line in lines if line.group_code == group.code]
        groups.append(GroupSection(
            code=group.code, title=group.title, tasks=members, **_counts(members),
            progress=mean_progress((m.status, m.progress) for m in members if not m.parent_code),
        ))
    top = [line for line in lines if not line.parent_code]
    totals = Totals(**_counts(lines), not_applicable=sum(1 for x in lines if x.status == "not_applicable"),
                    progress=mean_progress((m.status, m.progress) for m in top),
                    updates=sum(line.updates for line in lines))

    next_period = period.following()
    titles = {task.code: task.title for task in tasks}
    update_lines = None
    if updates is not None:
        update_lines = [
            UpdateLine(at=u.at, task_code=u.task_code, task_title=titles.get(u.task_code, ""), officer=u.officer,
                       status_before=u.status_before, status_after=u.status_after, progress=u.progress,
                       note=u.note, evidence=u.evidence)
            for u in updates if period.start <= u.at.date() <= period.end
        ]
    targets, recorded = _targets(store, list_targets(store), period)
    recurring = {task.code for task in tasks if task.deadline_kind == "recurring"}
    done_recurring = {task.code for task in tasks if (d := parse_deadline(task.deadline_text)).kind == "done" and d.recurring}
    return ReportModel(
        period=period, next_period=next_period, generated_on=today,
        plan_title=plan.title if plan else "", subject=subject_for(period),
        settings=report_settings(store), texts=get_texts(store, period), totals=totals, groups=groups,
        updates=update_lines, targets=targets, target_values_recorded=recorded,
        checklist=_checklist(store, period, today), incidents=_incidents(store, period, now),
        overdue_tasks=[line for line in lines if line.overdue],
        due_next=[line for line in lines if line.due_date and next_period.contains(line.due_date)
                  and line.status not in DONE_LIKE],
        recurring_silent=[line for line in lines if (line.code in recurring and line.status not in DONE_LIKE
                                                      or line.code in done_recurring) and not line.updates]
        if updates is not None else [],
    )


def _state_at(task, history: list, tracked: bool, end: dt.date) -> tuple[str, int]:
    """Status and progress at the end of the period: the last update up to then; with
    updates recorded only later, the status before the first of them."""
    if not tracked or not history:
        return task.status, task.progress
    upto = [u for u in history if u.at.date() <= end]
    if upto:
        last = upto[-1]
        return last.status_after, last.progress
    first = history[0]
    return first.status_before, first.progress_before


def _counts(lines: list[TaskLine]) -> dict:
    counts = Counter(line.status for line in lines)
    return {
        "total": len(lines),
        "done": counts["done"], "in_progress": counts["in_progress"], "not_started": counts["not_started"],
        "blocked": counts["blocked"], "overdue": sum(1 for line in lines if line.overdue),
    }


def _met(value: float | None, target: float | None, comparison: str) -> bool | None:
    if value is None or target is None:
        return None
    if comparison == "<=":
        return value <= target
    if comparison == "=":
        return value == target
    return value >= target


def _targets(store, targets, period: Period) -> tuple[list[TargetLine], bool]:
    values = sources.target_values(store, f"{period.end:%Y-%m}")
    latest: dict[str, sources.TargetValue] = {}
    for value in values or []:
        latest[value.target_code] = value  # oldest first, so the last one wins
    lines = []
    for target in targets:
        found = latest.get(target.code)
        month = ""
        if found:
            year, _, mon = found.period.partition("-")
            month = f"{mon}/{year}" if mon else found.period
        lines.append(TargetLine(
            code=target.code, label=target.label, unit=target.unit, target_value=target.target_value,
            comparison=target.comparison, target_date=target.target_date,
            value=found.value if found else None, value_period=month, note=found.note if found else "",
            met=_met(found.value if found else None, target.target_value, target.comparison),
        ))
    return lines, values is not None


def _checklist(store, period: Period, today: dt.date) -> ChecklistSection | None:
    data = sources.checklist(store, period.start, min(period.end, today))
    if data is None:
        return None
    items = sorted((ItemAvailability(
        item=i.code, label=i.title, ok=i.ok, failed=i.fail, not_applicable=i.na,
        availability=round(100 * i.ok / (i.ok + i.fail)) if i.ok + i.fail else None,
    ) for i in data.items), key=lambda i: sort_key(i.label))
    return ChecklistSection(
        working_days=data.working_days, days_checked=data.days_checked, days_on_time=data.days_on_time,
        items=items,
        failing=sorted((i for i in items if i.failed), key=lambda i: (-i.failed, sort_key(i.label)))[:5],
    )


def _incidents(store, period: Period, now: dt.datetime | None) -> IncidentSection | None:
    found = sources.incidents(store, period.start, period.end, now)
    if found is None:
        return None
    lines = [IncidentLine(title=i.title, category=i.category, severity=i.severity, status=i.status,
                          opened=i.opened, resolved=i.resolved, downtime_minutes=i.downtime_minutes)
             for i in found]
    opened = [i for i in lines if period.contains(i.opened.date())]
    resolved = [i for i in lines if i.resolved and period.contains(i.resolved.date())]
    end_moment = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    still_open = [i for i in lines if i.resolved is None or i.resolved >= end_moment]
    categories = Counter(i.category for i in opened)
    return IncidentSection(
        opened=len(opened), resolved=len(resolved), still_open=len(still_open),
        by_category=sorted(categories.items(), key=lambda kv: (-kv[1], sort_key(kv[0]))),
        downtime_minutes=sum(i.downtime_minutes for i in lines), lines=lines,
    )
