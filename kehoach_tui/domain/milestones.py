"""Milestones: a task's several dated steps ("giai đoạn 1 hoàn thành 30/9/2025; giai đoạn 2
hoàn thành 31/12/2025"). Each is met on the day the officer records, or overdue once its day
has passed while it is not met and the task not done. The task shows its next open one."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .statuses import is_finished


class Milestone(NamedTuple):
    task_code: str
    number: int              # 1, 2, … in the plan's order
    text: str                # the plan's words naming it
    due: dt.date
    source: str = ""         # "003 §III.4"
    assumed: str = ""        # why the date is the commune's reading, not the plan's words
    done_on: dt.date | None = None

    @property
    def code(self) -> str:
        return f"{self.task_code}#{self.number}"


def state(milestone: Milestone, task_status: str, today: dt.date) -> str:
    """"met", "overdue" or "open"."""
    if milestone.done_on is not None or is_finished(task_status):
        return "met"
    return "overdue" if milestone.due < today else "open"


def next_open(milestones: list[Milestone], task_status: str, today: dt.date) -> Milestone | None:
    """The earliest milestone not met (an overdue one first): what the task is due for now."""
    left = [m for m in milestones if state(m, task_status, today) != "met"]
    return min(left, key=lambda m: (m.due, m.number)) if left else None


def as_of(milestones: list[Milestone], task_status: str, day: dt.date) -> tuple[bool, Milestone | None]:
    """For a report as of `day`: is a milestone overdue then, and which one is next (a step
    met after `day` counts as not met yet, so a past report does not change)."""
    then = [m if m.done_on is None or m.done_on <= day else Milestone(
        m.task_code, m.number, m.text, m.due, m.source, m.assumed, None) for m in milestones]
    late = any(state(m, task_status, day) == "overdue" for m in then)
    return late, next_open(then, task_status, day)
