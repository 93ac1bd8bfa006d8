"""Task milestones (migration 9): reading them and recording the day one was met."""

from __future__ import annotations

import datetime as dt

from ..domain.milestones import Milestone
from ..domain.updates import UpdateError
from ..domain.vntext import clean_line
from ..i18n import t
from .db import Store
from .rows import query, update_row
from .setup import officer as default_officer
from .tasks import plan_id


def _view(row: dict) -> Milestone:
    return Milestone(
        task_code=row["task_code"], number=row["position"], text=row["text"],
        due=dt.date.fromisoformat(row["due_date"]), source=row["source"], assumed=row["assumed"],
        done_on=dt.date.fromisoformat(row["done_on"]) if row["done_on"] else None,
    )


def milestones_by_task(store: Store) -> dict[str, list[Milestone]]:
    """Every milestone of the active plan, by task code, in the plan's order."""
    out: dict[str, list[Milestone]] = {}
    for row in query(store, "SELECT * FROM task_milestones WHERE plan_id = ? AND deleted = 0 "
                            "ORDER BY task_code, position", (plan_id(store),)):
        out.setdefault(row["task_code"], []).append(_view(row))
    return out


def mark_milestone(store: Store, task_code: str, number: int, done_on: dt.date | None, *,
                   officer: str | None = None) -> Milestone:
    """Record the day a milestone was met (None: not met after all). Logged like every write."""
    actor = clean_line(officer or "") or default_officer(store)
    code = f"{clean_line(task_code)}#{number}"
    with store.writing() as db:
        rows = query(db, "SELECT * FROM task_milestones WHERE plan_id = ? AND code = ? AND deleted = 0",
                     (plan_id(store), code))
        if not rows:
            raise UpdateError(t("milestone.not_found", task=clean_line(task_code), number=number))
        row = update_row(db, "task_milestones", rows[0]["id"],
                         {"done_on": done_on.isoformat() if done_on else None}, actor=actor)
    return _view(row)
