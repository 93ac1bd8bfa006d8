"""What Tổng quan shows, gathered from each module that has data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..domain.progress import mean_progress
from .db import Store
from .incident_summary import open_summary as open_incidents_text
from .plans import active_plan, list_groups
from .task_facts import current_task_figures


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
    # The figures' definitions (domain/figures.py): leaves counted, headings derived.
    figures = current_task_figures(store, today)
    lines = []
    for group in list_groups(store, plan.id):
        members = [f for f in figures if f.task.group_code == group.code]
        leaves = [f for f in members if not f.heading]
        lines.append(GroupLine(
            code=group.code, title=group.title, tasks=len(leaves),
            done=sum(1 for f in leaves if f.status == "done"),
            overdue=sum(1 for f in leaves if f.overdue),
            progress=mean_progress((f.status, f.progress) for f in members if not f.task.parent_code),
        ))
    from .checklist import check_summary
    from .report_due import next_due_text

    summary = OverviewSummary(plan_title=plan.title, groups=lines)
    summary.check_text = check_summary(store, today)
    summary.incidents_text = open_incidents_text(store)
    summary.report_text = next_due_text(store)
    return summary

