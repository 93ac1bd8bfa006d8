"""The report model: everything one period's report contains.

The figures come from domain/figures.py, as at the end of the period (store/figures_source.py
rebuilds them from the change log); this module only arranges them for the writers (docx,
xlsx, csv, md, txt) and the preview, which all render the same model. Sections whose module
has not recorded anything by the end of the period are None.

Named tuples, not validating models: every value is made here from typed figures, and the
Báo cáo screen does not wait for a validation library to load (numbers that may be whole are
made floats here, as the writers expect). Not frozen dataclasses either: eleven of them were
about 28 ms of every report made in a new process on a slow PC, to define.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple

from ..domain import figures as fig
from ..domain.deadlines import describe, parse_deadline
from ..domain.periods import Period
from ..domain.progress import mean_progress
from ..domain.vntext import sort_key
from ..store.reports import ReportSettings, ReportTexts


class TaskLine(NamedTuple):
    code: str
    title: str
    group_code: str
    parent_code: str
    lead_units: list[str]  # the parent's when the sub-item has none (domain/figures.py)
    deadline: str          # due date dd/mm/yyyy or the deadline described in words
    due_date: dt.date | None
    status: str            # as at the end of the period; "no_update" when none recorded
    progress: int          # headings derived from their sub-items
    updates: int           # updates recorded during the period
    last_note: str
    overdue: bool
    partner_units: list[str] = []  # never changed in place
    heading: bool = False  # a task with sub-items: not counted, derived
    status_at_start: str = ""
    evidence: str = ""
    result: str = ""       # linked tasks: what their records show (morning check, incidents, reports)
    due_assumed: bool = False  # the date is the commune's setting: `deadline` says so


class GroupSection(NamedTuple):
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
    no_update: int = 0


class UpdateLine(NamedTuple):
    at: dt.datetime
    task_code: str
    task_title: str
    officer: str
    status_before: str
    status_after: str
    progress: int | None
    note: str
    evidence: str


class TargetLine(NamedTuple):
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
    previous: float | None = None   # what the previous period's figures give
    previous_period: str = ""


class ItemAvailability(NamedTuple):
    item: str
    label: str
    ok: int
    failed: int
    not_applicable: int
    availability: int | None  # % of checked days the item was OK (N/A left out)


class ChecklistSection(NamedTuple):
    working_days: int
    days_checked: int
    days_on_time: int
    items: list[ItemAvailability]
    failing: list[ItemAvailability]
    items_failed: int = 0
    previous_days_checked: int | None = None
    previous_working_days: int | None = None


class IncidentLine(NamedTuple):
    title: str
    category: str
    severity: str
    status: str
    opened: dt.datetime
    resolved: dt.datetime | None
    downtime_minutes: int
    interrupted: bool = False
    dossiers: int = 0
    resolution: str = ""
    number: int = 0


class IncidentSection(NamedTuple):
    opened: int
    resolved: int
    still_open: int        # not fixed at the end of the period
    by_category: list[tuple[str, int]]
    downtime_minutes: int  # incidents that interrupted service only
    lines: list[IncidentLine]
    interrupting: int = 0
    dossiers_delayed: int = 0


class Totals(NamedTuple):
    total: int
    done: int
    in_progress: int
    not_started: int
    blocked: int
    not_applicable: int
    overdue: int
    progress: int
    updates: int
    no_update: int = 0


class LateLine(NamedTuple):
    """A value recorded after the period for a month it covers: shown with a note."""

    code: str
    label: str
    month: str             # "11/2025"
    value: float
    recorded_on: dt.date
    known: float | None


class ReportModel(NamedTuple):
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
    recurring_silent: list[TaskLine]  # "thường xuyên" leaves with no update in the period
    as_of: dt.date | None = None      # figures as at the end of this day
    running: bool = False             # the period had not ended when the report was made
    due_next_targets: list[TargetLine] = []  # never changed in place
    late_values: list[LateLine] = []  # never changed in place
    changed: list[TaskLine] = []  # leaves whose status changed in the period (never changed in place)
    reports_made: int = 0
    reports_sent: int = 0


def subject_for(period: Period) -> str:
    """The bold subject line; a week is named by its days, as commune reports write it."""
    if period.kind == "week":
        return (f"Kết quả thực hiện nhiệm vụ chuyển đổi số tuần từ ngày {period.start:%d/%m/%Y} "
                f"đến ngày {period.end:%d/%m/%Y}")
    return f"Kết quả thực hiện nhiệm vụ chuyển đổi số {period.label()}"


def build_report(store, period: Period, today: dt.date, now: dt.datetime | None = None) -> ReportModel:
    """Gather the report for a period as at its end (the end of `today` while it runs);
    `now` (aware; the current time by default) bounds the downtime of incidents still down
    in a period that has not ended."""
    from ..store.figures_source import period_figures
    from ..store.plans import active_plan, list_groups
    from ..store.reports import get_texts, report_settings

    plan = active_plan(store)
    found = period_figures(store, period, today=today, now=now)
    results = _linked_results(found)
    lines = [_task_line(f, results.get(f.linked, "")) for f in found.tasks]
    groups = []
    for group in list_groups(store):
        members = [line for line in lines if line.group_code == group.code]
        groups.append(GroupSection(
            code=group.code, title=group.title, tasks=members, **_counts(members),
            progress=mean_progress((m.status, m.progress) for m in members if not m.parent_code),
        ))
    counts = found.counts
    totals = Totals(total=counts.total, done=counts.done, in_progress=counts.in_progress,
                    not_started=counts.not_started, blocked=counts.blocked, not_applicable=counts.not_applicable,
                    overdue=counts.overdue, progress=counts.progress, updates=counts.updates,
                    no_update=counts.no_update)
    titles = {f.code: f.task.title for f in found.tasks}
    update_lines = None
    if found.updates_recorded:
        update_lines = [
            UpdateLine(at=u.at.astimezone(_tz()).replace(tzinfo=None), task_code=u.task_code,
                       task_title=titles.get(u.task_code, ""), officer=u.officer, status_before=u.status_before,
                       status_after=u.status_after, progress=u.progress_after, note=u.note, evidence=u.evidence)
            for u in found.updates
        ]
    targets = [_target_line(t) for t in found.targets]
    by_code = {line.code: line for line in lines}
    leaves = [line for line in lines if not line.heading]
    labels = {t.code: t.label for t in targets}
    return ReportModel(
        period=period, next_period=period.following(), generated_on=today,
        plan_title=plan.title if plan else "", subject=subject_for(period),
        settings=report_settings(store), texts=get_texts(store, period), totals=totals, groups=groups,
        updates=update_lines, targets=targets,
        target_values_recorded=any(t.value is not None for t in found.targets) or bool(found.late),
        checklist=_checklist(store, found, period, today), incidents=_incidents(found),
        overdue_tasks=[line for line in leaves if line.overdue],
        due_next=[by_code[f.code] for f in found.due_tasks_next],
        recurring_silent=[by_code[f.code] for f in found.not_updated],
        as_of=found.window.reference_day, running=found.running,
        due_next_targets=[_target_line(t) for t in found.due_targets_next],
        late_values=[LateLine(code=v.code, label=labels.get(v.code, ""), month=_month(v.month), value=float(v.value),
                              recorded_on=v.recorded_on, known=_float(v.known)) for v in found.late],
        changed=[line for line in leaves if line.status != line.status_at_start],
        reports_made=len(found.runs_in_period), reports_sent=sum(1 for r in found.runs_in_period if r.sent),
    )


def _tz():
    from ..config import TZ

    return TZ


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _month(month: str) -> str:
    year, _, mon = month.partition("-")
    return f"{mon}/{year}" if mon else month


def _task_line(f: fig.TaskFigure, result: str) -> TaskLine:
    from ..i18n import t

    task = f.task
    deadline = task.due_date.strftime("%d/%m/%Y") if task.due_date else describe(parse_deadline(task.deadline_text))
    step = f.next_milestone  # several dated steps: the next open one, as at the period's end
    if step is not None:
        deadline = f"{step.due:%d/%m/%Y} ({step.number}/{f.milestone_count})" + (
            f" ({t('due.assumed')})" if step.assumed else "")
    return TaskLine(
        code=task.code, title=task.title, group_code=task.group_code, parent_code=task.parent_code,
        lead_units=list(task.lead_units), partner_units=list(task.partner_units), deadline=deadline,
        due_date=step.due if step else task.due_date, status=f.status, progress=f.progress, updates=f.updates_in_period,
        last_note=f.last_note or result, overdue=f.overdue, heading=f.heading, status_at_start=f.status_at_start,
        evidence=f.last_evidence, result=result, due_assumed=bool(step and step.assumed),
    )


def _linked_results(found: fig.Figures) -> dict[str, str]:
    """What the linked tasks' records show for the period, as the report words it."""
    from .layout import duration

    out: dict[str, str] = {}
    check = found.checklist
    if check and check.working_days:
        out["checklist"] = (f"Kiểm tra đầu giờ {check.days_checked}/{check.working_days} ngày làm việc, "
                            f"đúng giờ {check.days_on_time} ngày")
    inc = found.incidents
    if inc and inc.lines:
        fixed = sum(1 for line in inc.lines if line.status_at_end in fig.FIXED)
        text = f"Ghi nhận, báo cáo {inc.count} sự cố trong kỳ"
        if inc.interrupting:
            text += f" ({inc.interrupting} sự cố gây gián đoạn, tổng {duration(inc.downtime_minutes)})"
        out["incidents"] = f"{text}; đã khắc phục {fixed}/{len(inc.lines)}"
    runs = found.runs_in_period
    if runs:
        sent = sum(1 for r in runs if r.sent)
        out["reports"] = f"Đã lập {len(runs)} báo cáo trong kỳ" + (f", đã gửi {sent}" if sent else "")
    return out


def _counts(lines: list[TaskLine]) -> dict:
    leaves = [line for line in lines if not line.heading]
    counts = Counter(line.status for line in leaves)
    return {
        "total": len(leaves),
        "done": counts["done"], "in_progress": counts["in_progress"], "not_started": counts["not_started"],
        "blocked": counts["blocked"], "overdue": sum(1 for line in leaves if line.overdue),
        "no_update": counts[fig.NO_UPDATE],
    }


def _target_line(t: fig.TargetFigure) -> TargetLine:
    target = t.target
    return TargetLine(
        code=target.code, label=target.label, unit=target.unit, target_value=_float(target.goal),
        comparison=target.comparison, target_date=target.target_date, value=_float(t.value),
        value_period=_month(t.month) if t.month else "", note=t.note, met=t.met, previous=_float(t.previous),
        previous_period=_month(t.previous_month) if t.previous_month else "",
    )


def _checklist(store, found: fig.Figures, period: Period, today: dt.date) -> ChecklistSection | None:
    data = found.checklist
    if data is None:
        return None
    items = sorted((ItemAvailability(
        item=i.code, label=i.title, ok=i.ok, failed=i.fail, not_applicable=i.na,
        availability=round(100 * i.ok / (i.ok + i.fail)) if i.ok + i.fail else None,
    ) for i in data.items), key=lambda i: sort_key(i.label))
    from ..store.figures_source import period_checklist

    before = period_checklist(store, period.preceding(), today=today)
    return ChecklistSection(
        working_days=data.working_days, days_checked=data.days_checked, days_on_time=data.days_on_time,
        items=items, items_failed=data.items_failed,
        failing=sorted((i for i in items if i.failed), key=lambda i: (-i.failed, sort_key(i.label)))[:5],
        previous_days_checked=before.days_checked if before else None,
        previous_working_days=before.working_days if before else None,
    )


def _incidents(found: fig.Figures) -> IncidentSection | None:
    data = found.incidents
    if data is None:
        return None
    tz = _tz()

    def local(moment: dt.datetime | None) -> dt.datetime | None:
        return moment.astimezone(tz).replace(tzinfo=None) if moment else None

    lines = [IncidentLine(title=i.fact.title, category=i.fact.category, severity=i.fact.severity,
                          status=i.status_at_end, opened=local(i.fact.opened_at), resolved=local(i.fixed_at),
                          downtime_minutes=i.downtime_minutes, interrupted=i.fact.interrupted,
                          dossiers=i.fact.dossiers, resolution=i.fact.resolution, number=i.fact.number)
             for i in data.lines]
    w = found.window
    resolved = [i for i in data.lines if any(status in fig.FIXED and w.start <= at < w.end for at, status in i.fact.moves)
                and i.status_at_end in fig.FIXED]
    categories = Counter(i.fact.category for i in data.lines if i.opened_in_period)
    return IncidentSection(
        opened=data.count, resolved=len(resolved), still_open=data.open_at_end,
        by_category=sorted(categories.items(), key=lambda kv: (-kv[1], sort_key(kv[0]))),
        downtime_minutes=data.downtime_minutes, lines=lines, interrupting=data.interrupting,
        dossiers_delayed=data.dossiers_delayed,
    )
