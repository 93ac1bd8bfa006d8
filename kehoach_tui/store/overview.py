"""What Tổng quan shows, gathered from each module that has data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..domain.progress import derived_progress, mean_progress
from ..domain.statuses import is_finished
from .db import Store
from .incident_summary import open_summary as open_incidents_text
from .plans import active_plan, list_groups, list_tasks


@dataclass
class GroupLine:
    code: str
    title: str
    tasks: int
    done: int
    overdue: int
    progress: int


@dataclass
class OverviewSummary:
    plan_title: str
    groups: list[GroupLine] = field(default_factory=list)
    check_text: str | None = None      # None: module has no data yet
    incidents_text: str | None = None
    report_text: str | None = None


def overview_summary(store: Store, today: dt.date) -> OverviewSummary:
    plan = active_plan(store)
    if plan is None:
        return OverviewSummary(plan_title="")
    tasks = list_tasks(store, plan.id)
    progress = derived_progress(tasks)
    lines = []
    for group in list_groups(store, plan.id):
        members = [task for task in tasks if task.group_code == group.code]
        top = [task for task in members if not task.parent_code]
        lines.append(GroupLine(
            code=group.code, title=group.title, tasks=len(members),
            done=sum(1 for task in members if task.status == "done"),
            overdue=sum(1 for task in members if is_overdue(task, today)),
            progress=mean_progress((task.status, progress[task.code]) for task in top),
        ))
    from .checklist import check_summary
    from .report_due import next_due_text

    summary = OverviewSummary(plan_title=plan.title, groups=lines)
    summary.check_text = check_summary(store, today)
    summary.incidents_text = open_incidents_text(store)
    summary.report_text = next_due_text(store)
    return summary


def is_overdue(task, today: dt.date) -> bool:
    return bool(task.due_date and task.due_date < today and not is_finished(task.status))
