"""Plans, groups, tasks, targets and report schedules: installing a plan and reading it."""

from __future__ import annotations

import datetime as dt
import json
import re
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
        fit = _fitter(db)
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
        # Before the tasks: the change log's latest entries stay the plan's tasks and targets.
        for table, rows in (("task_milestones", milestone_values(plan)),
                            ("plan_responsibilities", responsibility_values(plan))):
            for code, values in rows.items():
                if fit(table, values) is not None:
                    insert_row(db, table, {"plan_id": plan_id, "code": code, **values},
                               actor=actor, commune_code=commune_code)
        for position, task in enumerate(plan.tasks):
            insert_row(db, "tasks", task_row(task, plan_id, position), actor=actor, commune_code=commune_code)
        for position, target in enumerate(plan.targets):
            insert_row(db, "targets", {"plan_id": plan_id, "code": target.code,
                                       **fit("targets", target_values(target, position))},
                       actor=actor, commune_code=commune_code)
        for schedule in plan.reporting:
            insert_row(db, "report_schedules", {"plan_id": plan_id, "code": schedule.code,
                                                **fit("report_schedules", schedule_values(schedule))},
                       actor=actor, commune_code=commune_code)
        if activate:
            _put(db, {"plan_id": plan_id, "plan_code": meta.code}, actor=actor)
    return plan_id


def _fitter(db):
    """Values cut to the columns a table has: the migration tests build a database at each
    earlier schema version with this code (None: no such table there yet)."""
    known: dict[str, set[str]] = {}

    def fit(table: str, values: dict) -> dict | None:
        if table not in known:
            known[table] = {row[1] for row in db.conn.execute(f"PRAGMA table_info([{table}])")}
        if not known[table]:
            return None
        return {k: v for k, v in values.items() if k in known[table]}

    return fit


def target_values(target, position: int) -> dict:
    """Columns of a target row from a plan-file target (its code aside)."""
    return {
        "label": target.label, "unit": target.unit, "target_value": target.target_value,
        "comparison": target.comparison, "kind": target.kind, "assumed": target.assumed,
        "target_date": target.target_date.isoformat() if target.target_date else None,
        "source_text": target.source_text, "position": position,
        "search_key": fold(f"{target.code} {target.label}"),
    }


def schedule_values(schedule) -> dict:
    return {
        "label": schedule.label, "period": schedule.period, "rrule": schedule.rrule,
        "due_time": schedule.due_time, "text": schedule.text, "source": schedule.source,
        "assumed": schedule.assumed, "unit": schedule.unit,
    }


def milestone_values(plan: PlanFile) -> dict[str, dict]:
    """Milestone rows by code ("4.1#1": task 4.1, first milestone)."""
    return {
        f"{task.code}#{n}": {
            "task_code": task.code, "position": n, "text": m.text, "due_date": m.due.isoformat(),
            "source": m.source, "assumed": m.assumed,
        }
        for task in plan.tasks for n, m in enumerate(task.milestones, start=1)
    }


def responsibility_values(plan: PlanFile) -> dict[str, dict]:
    """Responsibility rows by code ("V.1#1": first duty quoted from section V.1)."""
    out: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for position, item in enumerate(plan.responsibilities):
        counts[item.section] = counts.get(item.section, 0) + 1
        out[f"{item.section}#{counts[item.section]}"] = {
            "section": item.section, "units": json.dumps(item.units, ensure_ascii=False), "text": item.text,
            "position": position,
        }
    return out


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


# --- the commune's own settings for the plan's report schedules ------------------------------

SCHEDULE_OVERRIDES = "report.schedule_overrides"  # {plan code: {schedule code: {rrule, due_time}}}
OFFICER_UNIT = "officer_unit"  # the unit (đơn vị) of this database's users, for one-unit duties


def schedule_overrides(store: Store) -> dict[str, dict]:
    plan = active_plan(store)
    return (get_setting(store, SCHEDULE_OVERRIDES, {}) or {}).get(plan.code, {}) if plan else {}


def set_schedule_override(store: Store, code: str, *, rrule: str | None, due_time: str | None, actor: str) -> None:
    """The commune's own due rule for one schedule of the active plan (kept across plan
    imports); rrule=None and due_time=None go back to the plan's rule."""
    from ..domain.periods import check_rule
    from ..errors import PlanError
    from ..i18n import t
    from .settings import put_settings

    plan = active_plan(store)
    codes = {row["code"] for row in list_schedules(store)}
    if plan is None or code not in codes:
        raise PlanError(t("settings.no_schedule", code=code, codes=", ".join(sorted(codes)) or "—"))
    if rrule:
        check_rule(rrule)
    if due_time and not re.fullmatch(r"\d{2}:\d{2}", due_time):
        raise PlanError(t("settings.bad_time", value=due_time))
    every = dict(get_setting(store, SCHEDULE_OVERRIDES, {}) or {})
    mine = dict(every.get(plan.code, {}))
    if rrule is None and due_time is None:
        mine.pop(code, None)
    else:
        entry = dict(mine.get(code, {}))
        if rrule is not None:
            entry["rrule"] = rrule
        if due_time is not None:
            entry["due_time"] = due_time
        mine[code] = entry
    every[plan.code] = mine
    put_settings(store, {SCHEDULE_OVERRIDES: every}, actor=actor)


def effective_schedule(row: dict, overrides: dict[str, dict]):
    """A schedule row as the app follows it: the plan's rule, or the commune's own. Either an
    assumed rule or a commune's change makes it "hạn theo thiết lập của xã"."""
    from ..domain.periods import Schedule

    mine = overrides.get(row["code"], {})
    assumed = row.get("assumed") or ""
    if mine:
        assumed = assumed or "xã đặt lại"
    if not assumed and not row.get("source"):
        # A schedule stored before its origin was kept (or set by hand): not the plan's words.
        assumed = "không rõ nguồn; nhập lại tệp kế hoạch để biết"
    return Schedule(
        code=row["code"], label=row["label"], period=row["period"], rrule=mine.get("rrule", row["rrule"]),
        due_time=mine.get("due_time", row["due_time"] or ""), text=row["text"],
        source="" if mine else (row.get("source") or ""), assumed=assumed, unit=row.get("unit") or "",
    )


def task_schedules(store: Store, task) -> list[tuple]:
    """The report schedules a task asks for (its own words are their quoted text: Nghĩa Thọ
    4.5.f "báo cáo định kỳ (tuần, tháng)"), each with its next due item (or None)."""
    from .report_due import due_overview, schedules

    lines = [line for line in task.description.split("\n") if len(line.split()) >= 5]
    mine = [s for s, _ in schedules(store)
            if any(line in s.text for line in lines) or s.source.endswith(f"§{task.code}")]
    due = {status.next_due.schedule_code: status.next_due for status in due_overview(store) if status.next_due}
    return [(schedule, due.get(schedule.code)) for schedule in mine]


def describe_schedule(schedule, item) -> str:
    """One line: "Báo cáo tuần: hạn 07/11/2025 — hạn theo thiết lập của xã"."""
    from ..i18n import t

    when = "—"
    if item is not None:
        when = item.due.strftime("%d/%m/%Y" if item.due.time() == dt.time(23, 59, 59) else "%d/%m/%Y %H:%M")
    origin = t("due.assumed") if schedule.assumed else t("settings.from_plan", source=schedule.source)
    return f"{schedule.label}: {when} — {origin}"


# --- organisation duties (V. Tổ chức thực hiện) ----------------------------------------------

def _unit_matches(wanted: str, units: list[str]) -> bool:
    """A unit named in a plan matches a name when either contains the other (folded):
    "Văn phòng Tỉnh ủy" matches "Văn phòng Tỉnh uỷ (Cơ quan thường trực …)"."""
    key = fold(wanted)
    return bool(key) and any(key in fold(u) or fold(u) in key for u in units)


def responsibilities(store: Store, unit: str | None = None, plan_id: str | None = None) -> list[dict]:
    """The organisation section's duties of the active plan in document order — all of them,
    or those of one unit. Each: section, units, text. The report's section I (Công tác chỉ đạo,
    điều hành) can list them."""
    plan_id = plan_id or get_setting(store, "plan_id")
    rows = query(store, "SELECT section, units, text FROM plan_responsibilities WHERE plan_id = ? AND deleted = 0 "
                        "ORDER BY position", (plan_id,))
    out = [{"section": r["section"], "units": json.loads(r["units"]), "text": r["text"]} for r in rows]
    return [r for r in out if unit is None or _unit_matches(unit, r["units"])]


def unit_names(store: Store) -> list[str]:
    """Every unit the active plan names: lead units of its tasks and units of its duties."""
    from ..domain.vntext import sort_key

    seen: dict[str, str] = {}
    for task in list_tasks(store):
        for name in task.lead_units:
            seen.setdefault(fold(name), name)
    for duty in responsibilities(store):
        for name in duty["units"]:
            seen.setdefault(fold(name), name)
    return sorted(seen.values(), key=sort_key)


def applies_here(store: Store, schedule) -> bool:
    """A schedule of one named unit (Thanh Hóa's final report, Văn phòng Tỉnh ủy) holds only
    the users of that unit (`kehoach settings unit NAME`); every other one holds everyone."""
    if not schedule.unit:
        return True
    return _unit_matches(get_setting(store, OFFICER_UNIT, "") or "", [schedule.unit])


def set_officer_unit(store: Store, unit: str, *, actor: str) -> str:
    from ..domain.vntext import clean_line
    from .settings import put_settings

    unit = clean_line(unit)
    put_settings(store, {OFFICER_UNIT: unit}, actor=actor)
    return unit
