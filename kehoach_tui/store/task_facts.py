"""The facts of the task half of the figures (domain/task_figures.py): the plan's tasks as
they are now and the updates recorded around a period. Apart from store/figures_source.py,
which re-exports them, so Tổng quan and the task list read only what they show.
"""

from __future__ import annotations

import datetime as dt

from ..config import TZ, parse_utc, utc_iso
from ..domain import task_figures as fig
from .db import Store
from .plans import active_plan, list_tasks
from .settings import get_setting


def task_defs(store: Store) -> list[fig.TaskDef]:
    return [fig.TaskDef(
        code=t.code, parent_code=t.parent_code, group_code=t.group_code, title=t.title,
        lead_units=tuple(t.lead_units), partner_units=tuple(t.partner_units), deadline_text=t.deadline_text,
        deadline_kind=t.deadline_kind, due_date=t.due_date, trigger_date=t.trigger_date, status=t.status,
        progress=t.progress, position=t.position,
    ) for t in list_tasks(store)]


_UPDATE = ("task_code, created_at, status_before, status_after, progress_before, progress_after, note, "
           "evidence, updated_by")


# Each task's last update before the window, those in it, its first one after, by seeks on
# the index (plan_id, task_code, created_at): a grouped MAX()/MIN() read every row of the log.
_BOUNDARY_UPDATES = f"""
WITH codes(code) AS (SELECT DISTINCT task_code FROM task_updates WHERE plan_id = :plan)
SELECT {_UPDATE} FROM task_updates WHERE rowid IN (
    SELECT (SELECT rowid FROM task_updates u WHERE u.plan_id = :plan AND u.task_code = code AND u.deleted = 0
            AND u.created_at < :lower ORDER BY u.created_at DESC, u.rowid DESC LIMIT 1) FROM codes
    UNION ALL
    SELECT (SELECT rowid FROM task_updates u WHERE u.plan_id = :plan AND u.task_code = code AND u.deleted = 0
            AND u.created_at >= :upper ORDER BY u.created_at, u.rowid LIMIT 1) FROM codes
    UNION ALL
    SELECT u.rowid FROM codes JOIN task_updates u ON u.plan_id = :plan AND u.task_code = code
        AND u.created_at >= :lower AND u.created_at < :upper AND u.deleted = 0)
"""


def task_updates(store: Store, start: dt.datetime, end: dt.datetime) -> list[fig.UpdateFact]:
    """Updates recorded in [start, end), plus per task the last one before start and the
    first one from end on: all a task's state at both ends needs, however long the log."""
    plan = get_setting(store, "plan_id", "") or ""
    rows = store.conn.execute(_BOUNDARY_UPDATES, {"plan": plan, "lower": utc_iso(start), "upper": utc_iso(end)})
    return sorted((fig.UpdateFact(task_code=r[0], at=parse_utc(r[1]), status_before=r[2], status_after=r[3],
                                  progress_before=r[4], progress_after=r[5], note=r[6], evidence=r[7],
                                  officer=r[8])
                   for r in rows), key=lambda u: u.at)


def current_task_figures(store: Store, today: dt.date) -> list[fig.TaskFigure]:
    """Every task as it stands at the end of today (Tổng quan, the task list): the same
    definitions as a report, without reading the other areas' records in full."""
    from ..config import now_utc

    # The period is today alone (as domain.periods.day_period has it, not loaded for this).
    win = fig.window(today, today, today, today, today=today, now=now_utc(), tz=TZ)
    plan = active_plan(store)
    facts = fig.Facts(plan_code=plan.code if plan else "", tasks=task_defs(store),
                      updates=task_updates(store, win.start, win.as_of), targets=(), values=(),
                      previous_values=(), current_values=(), workdays=None)
    conn = store.conn

    def any_row(table: str) -> bool:
        return conn.execute(f"SELECT 1 FROM {table} WHERE deleted = 0 LIMIT 1").fetchone() is not None

    linked = {"checklist": any_row("checklist_days"), "incidents": any_row("incidents"),
              "reports": any_row("report_runs")}
    return fig.task_figures(facts, win, linked)
