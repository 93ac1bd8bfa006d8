"""What Tổng quan shows, gathered from each module that has data: the plan's progress by
group (the first frame), then the three cards (drawn a frame later, screens/overview.py).
Named tuples, not dataclasses: quicker to define, and the first frame waits for them."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..domain.progress import mean_progress
from .db import Store
from .plans import active_plan, list_groups
from .task_facts import current_task_figures


class GroupLine(NamedTuple):
    code: str
    title: str
    tasks: int
    done: int
    overdue: int
    progress: int


class OverviewSummary(NamedTuple):
    plan_title: str
    groups: tuple[GroupLine, ...] = ()


class OverviewCards(NamedTuple):
    """The three cards under the table; None: that area has no data yet."""

    check_text: str | None = None
    incidents_text: str | None = None
    report_text: str | None = None


def overview_summary(store: Store, today: dt.date) -> OverviewSummary:
    """The plan's progress by group: the table of Tổng quan."""
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
    return OverviewSummary(plan_title=plan.title, groups=tuple(lines))


def overview_cards(store: Store, today: dt.date) -> OverviewCards:
    """Today's check, the open incidents, the next report due: each area's own summary."""
    from .checklist import check_summary
    from .incident_summary import open_summary
    from .report_due import next_due_text

    return OverviewCards(check_text=check_summary(store, today), incidents_text=open_summary(store),
                         report_text=next_due_text(store))
