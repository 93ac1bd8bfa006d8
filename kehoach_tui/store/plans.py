"""Plans, groups, tasks, targets and report schedules: installing a plan and reading it."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from ..domain.deadlines import DeadlineKind, parse_deadline
from ..domain.models import GroupInfo, PlanInfo, TargetView, TaskView
from ..domain.vntext import fold
from .db import Store
from .rows import insert_row, query
from .settings import _put, get_setting

if TYPE_CHECKING:
    from ..domain.plan import PlanFile  # pydantic: only installing a plan needs it


def task_search_key(code: str, title: str, description: str, notes: str = "") -> str:
    return fold(" ".join(part for part in (code, title, description, notes) if part))


def install_plan(store: Store, plan: PlanFile, *, actor: str, commune_code: str, activate: bool = True) -> str:
    """Insert a plan with its groups, tasks, targets and schedules; make it the active plan
    (unless activate=False: a plan added beside the active one).

    One transaction: a failure anywhere leaves no part of the plan behind.
    """
    with store.writing() as db:
        meta = plan.plan
        plan_row = insert_row(db, "plans", {
            "code": meta.code, "title": meta.title, "issuer": meta.issuer, "level": meta.level,
            "plan_commune_code": meta.commune_code, "commune_name": meta.commune_name,
            "province_code": meta.province_code, "province_name": meta.province_name,
            "source_document": meta.source_document,
            "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
            "notes": json.dumps(meta.notes, ensure_ascii=False),
        }, actor=actor, commune_code=commune_code)
        plan_id = plan_row["id"]
        for position, group in enumerate(plan.groups):
            insert_row(db, "plan_groups", {
                "plan_id": plan_id, "code": group.code, "title": group.title, "gap": group.gap,
                "position": position,
            }, actor=actor, commune_code=commune_code)
        for position, task in enumerate(plan.tasks):
            insert_row(db, "tasks", task_row(task, plan_id, position), actor=actor, commune_code=commune_code)
        for position, target in enumerate(plan.targets):
            insert_row(db, "targets", {
                "plan_id": plan_id, "code": target.code, "label": target.label, "unit": target.unit,
                "target_value": target.target_value, "comparison": target.comparison,
                "target_date": target.target_date.isoformat() if target.target_date else None,
                "source_text": target.source_text, "position": position,
                "search_key": fold(f"{target.code} {target.label}"),
            }, actor=actor, commune_code=commune_code)
        for schedule in plan.reporting:
            insert_row(db, "report_schedules", {
                "plan_id": plan_id, "code": schedule.code, "label": schedule.label,
                "period": schedule.period, "rrule": schedule.rrule, "due_time": schedule.due_time,
                "text": schedule.text,
            }, actor=actor, commune_code=commune_code)
        if activate:
            _put(db, {"plan_id": plan_id, "plan_code": meta.code}, actor=actor)
    return plan_id


def task_row(task, plan_id: str, position: int) -> dict:
    """Columns of a task row from a plan-file task (deadline parsed, status from the plan)."""
    deadline = parse_deadline(task.deadline)
    done = task.status == "done" or deadline.kind == DeadlineKind.DONE
    return {
        "plan_id": plan_id, "code": task.code, "group_code": task.group, "parent_code": task.parent,
        "title": task.title, "description": task.description,
        "lead_units": json.dumps(task.lead_units, ensure_ascii=False),
        "partner_units": json.dumps(task.partner_units, ensure_ascii=False),
        "deadline_text": task.deadline, "deadline_kind": str(deadline.kind),
        "due_date": deadline.due.isoformat() if deadline.due else None,
        "status": "done" if done else "not_started", "progress": 100 if done else 0,
        "gap": task.gap, "position": position,
        "search_key": task_search_key(task.code, task.title, task.description),
    }


def active_plan(store: Store) -> PlanInfo | None:
    plan_id = get_setting(store, "plan_id")
    if not plan_id:
        return None
    rows = query(store, "SELECT * FROM plans WHERE id = ? AND deleted = 0", (plan_id,))
    if not rows:
        return None
    row = rows[0]
    return PlanInfo(
        id=row["id"], code=row["code"], title=row["title"], issuer=row["issuer"], level=row["level"],
        commune_name=row["commune_name"], province_name=row["province_name"],
        source_document=row["source_document"],
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _task_view(row: dict) -> TaskView:
    return TaskView(
        id=row["id"], code=row["code"], group_code=row["group_code"], parent_code=row["parent_code"],
        title=row["title"], description=row["description"],
        lead_units=json.loads(row["lead_units"]), partner_units=json.loads(row["partner_units"]),
        deadline_text=row["deadline_text"], deadline_kind=row["deadline_kind"],
        due_date=_date(row["due_date"]), trigger_date=_date(row["trigger_date"]),
        status=row["status"], progress=row["progress"], gap=row["gap"], position=row["position"],
        updated_at=row["updated_at"], updated_by=row["updated_by"], version=row["version"],
    )


def list_tasks(store: Store, plan_id: str | None = None) -> list[TaskView]:
    """Tasks of the active plan (or plan_id) in document order."""
    plan_id = plan_id or get_setting(store, "plan_id")
    rows = query(store, "SELECT * FROM tasks WHERE plan_id = ? AND deleted = 0 ORDER BY position", (plan_id,))
    return [_task_view(r) for r in rows]


def get_task(store: Store, code: str, plan_id: str | None = None) -> TaskView | None:
    plan_id = plan_id or get_setting(store, "plan_id")
    rows = query(store, "SELECT * FROM tasks WHERE plan_id = ? AND code = ? AND deleted = 0", (plan_id, code))
    return _task_view(rows[0]) if rows else None


def list_groups(store: Store, plan_id: str | None = None) -> list[GroupInfo]:
    plan_id = plan_id or get_setting(store, "plan_id")
    rows = query(store, "SELECT code, title, gap FROM plan_groups WHERE plan_id = ? AND deleted = 0 ORDER BY position", (plan_id,))
    return [GroupInfo(**r) for r in rows]


def list_targets(store: Store, plan_id: str | None = None) -> list[TargetView]:
    plan_id = plan_id or get_setting(store, "plan_id")
    rows = query(store, "SELECT * FROM targets WHERE plan_id = ? AND deleted = 0 ORDER BY position", (plan_id,))
    return [
        TargetView(
            id=r["id"], code=r["code"], label=r["label"], unit=r["unit"], target_value=r["target_value"],
            comparison=r["comparison"], target_date=_date(r["target_date"]), source_text=r["source_text"],
        )
        for r in rows
    ]


def list_schedules(store: Store, plan_id: str | None = None) -> list[dict]:
    plan_id = plan_id or get_setting(store, "plan_id")
    return query(store, "SELECT * FROM report_schedules WHERE plan_id = ? AND deleted = 0", (plan_id,))
