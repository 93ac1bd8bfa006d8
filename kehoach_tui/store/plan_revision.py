"""Adding a plan, revising it from a newer file, and switching the active plan.

A province sends a commune a new or revised plan file. Importing it matches the stored plan
by its code and every group, task, target and report schedule by its own code:

- a task whose code is still in the file keeps its row (id), its status, progress, trigger
  date and notes; only the plan's own words (title, description, units, deadline, group,
  gap, order) are rewritten, and a changed wording is reported as "reworded";
- a task code new to the file is added (a code removed earlier and now back gets its old
  row, with its old progress, back from the tombstone);
- a task code no longer in the file is tombstoned (rows.delete_row), never hard-deleted.

Everything happens in one transaction: a bad file changes nothing. ``dry_run`` runs the same
transaction and rolls it back, so what it reports is exactly what an import would do.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from ..domain.deadlines import DeadlineKind, due_from_trigger, parse_deadline
from ..domain.plan import PlanFile
from ..errors import PlanError
from ..i18n import t
from .db import Store
from .plans import (
    install_plan,
    milestone_values,
    responsibility_values,
    schedule_values,
    target_values,
    task_row,
    task_search_key,
)
from .rows import delete_row, insert_row, query, update_row
from .settings import _put, get_setting
from .setup import commune_code as stored_commune_code

# Task columns that hold the plan's words; a change in one of them is a rewording.
WORDED = ("title", "description", "lead_units", "partner_units", "deadline_text", "gap", "group_code", "parent_code")


@dataclass(frozen=True)
class Reworded:
    code: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class PlanRevision:
    """What an import did (or, with dry_run, would do)."""

    plan_code: str
    plan_title: str
    created: bool
    activated: bool
    dry_run: bool
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reworded: tuple[Reworded, ...] = ()
    kept_progress: tuple[str, ...] = ()  # tasks whose officer-entered status/progress was kept
    unchanged: int = 0
    targets_added: tuple[str, ...] = ()
    targets_removed: tuple[str, ...] = ()
    targets_changed: tuple[str, ...] = ()
    groups_added: tuple[str, ...] = ()
    groups_removed: tuple[str, ...] = ()
    groups_changed: tuple[str, ...] = ()
    schedules_changed: tuple[str, ...] = field(default=())
    titles: dict[str, str] = field(default_factory=dict)  # task code → title, for the summary
    warnings: tuple[dict, ...] = ()  # deadlines not understood (kept as written, no due date)

    @property
    def changed(self) -> bool:
        return bool(
            self.created or self.added or self.removed or self.reworded or self.targets_added
            or self.targets_removed or self.targets_changed or self.groups_added or self.groups_removed
            or self.groups_changed or self.schedules_changed
        )

    def to_json(self) -> dict:
        data = asdict(self)
        data["reworded"] = [{"code": r.code, "fields": list(r.fields)} for r in self.reworded]
        data["changed"] = self.changed
        del data["titles"]
        return data


@dataclass(frozen=True)
class InstalledPlan:
    id: str
    code: str
    title: str
    level: str
    commune_name: str
    province_name: str
    tasks: int
    targets: int
    active: bool


class _RollBack(Exception):
    """Raised inside the transaction of a dry run so nothing is kept."""


def installed_plans(store: Store) -> list[InstalledPlan]:
    """Plans in this database (not tombstoned), in the order they were added."""
    active = get_setting(store, "plan_id")
    rows = query(store, """
        SELECT p.id, p.code, p.title, p.level, p.commune_name, p.province_name,
               (SELECT count(*) FROM tasks WHERE plan_id = p.id AND deleted = 0) AS tasks,
               (SELECT count(*) FROM targets WHERE plan_id = p.id AND deleted = 0) AS targets
        FROM plans p WHERE p.deleted = 0 ORDER BY p.created_at, p.code""")
    return [InstalledPlan(**row, active=row["id"] == active) for row in rows]


def find_installed(store: Store, code: str) -> InstalledPlan | None:
    return next((p for p in installed_plans(store) if p.code == code), None)


def activate_plan(store: Store, code: str, *, actor: str) -> InstalledPlan:
    """Make an installed plan the active one (every plan keeps its own tasks and progress)."""
    plan = find_installed(store, code)
    if plan is None:
        raise PlanError(t("plan.not_installed", code=code))
    with store.writing() as db:
        _put(db, {"plan_id": plan.id, "plan_code": plan.code}, actor=actor)
    return find_installed(store, code)


def import_plan(
    store: Store, plan: PlanFile, *, actor: str, activate: bool = False, dry_run: bool = False,
) -> PlanRevision:
    """Add plan, or revise the stored plan with the same code; see the module docstring.

    activate=True also makes it the active plan; a plan is always activated when the
    database has no active plan yet."""
    if not plan.tasks and not plan.targets:
        raise PlanError(t("plan.empty", code=plan.plan.code))
    result: PlanRevision | None = None
    try:
        with store.writing() as db:
            result = _apply(store, db, plan, actor=actor, activate=activate, dry_run=dry_run)
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    assert result is not None
    from dataclasses import replace

    from ..domain.plan import plan_warnings

    return replace(result, warnings=tuple(plan_warnings(plan)))


def _apply(store: Store, db, plan: PlanFile, *, actor: str, activate: bool, dry_run: bool) -> PlanRevision:
    meta = plan.plan
    commune = stored_commune_code(store)
    activate = activate or not get_setting(store, "plan_id")
    existing = query(db, "SELECT * FROM plans WHERE code = ? AND deleted = 0", (meta.code,))
    if not existing:
        install_plan(store, plan, actor=actor, commune_code=commune, activate=activate)
        return PlanRevision(
            plan_code=meta.code, plan_title=meta.title, created=True, activated=activate, dry_run=dry_run,
            added=tuple(task.code for task in plan.tasks),
            targets_added=tuple(target.code for target in plan.targets),
            groups_added=tuple(group.code for group in plan.groups),
            titles={task.code: task.title for task in plan.tasks},
        )
    plan_id = existing[0]["id"]
    update_row(db, "plans", plan_id, _plan_columns(plan), actor=actor)
    groups = _revise_groups(db, plan, plan_id, actor=actor, commune=commune)
    tasks = _revise_tasks(db, plan, plan_id, actor=actor, commune=commune)
    targets = _revise_targets(db, plan, plan_id, actor=actor, commune=commune)
    schedules = _revise_schedules(db, plan, plan_id, actor=actor, commune=commune)
    _revise_milestones(db, plan, plan_id, actor=actor, commune=commune)
    _revise_responsibilities(db, plan, plan_id, actor=actor, commune=commune)
    if activate:
        _put(db, {"plan_id": plan_id, "plan_code": meta.code}, actor=actor)
    return PlanRevision(
        plan_code=meta.code, plan_title=meta.title, created=False, activated=activate, dry_run=dry_run,
        added=tasks["added"], removed=tasks["removed"], reworded=tasks["reworded"],
        kept_progress=tasks["kept"], unchanged=tasks["unchanged"], titles=tasks["titles"],
        targets_added=targets[0], targets_removed=targets[1], targets_changed=targets[2],
        groups_added=groups[0], groups_removed=groups[1], groups_changed=groups[2],
        schedules_changed=tuple(sorted({*schedules[0], *schedules[1], *schedules[2]})),
    )


def _plan_columns(plan: PlanFile) -> dict:
    meta = plan.plan
    return {
        "title": meta.title, "issuer": meta.issuer, "level": meta.level,
        "plan_commune_code": meta.commune_code, "commune_name": meta.commune_name,
        "province_code": meta.province_code, "province_name": meta.province_name,
        "source_document": meta.source_document,
        "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
        "notes": json.dumps(meta.notes, ensure_ascii=False),
    }


def _live_and_dead(db, table: str, plan_id: str) -> tuple[dict[str, dict], dict[str, dict]]:
    """Rows by code: the live ones, and for codes with no live row the latest tombstone."""
    live: dict[str, dict] = {}
    dead: dict[str, dict] = {}
    for row in query(db, f"SELECT * FROM [{table}] WHERE plan_id = ? ORDER BY updated_at", (plan_id,)):
        (dead if row["deleted"] else live)[row["code"]] = row
    return live, {code: row for code, row in dead.items() if code not in live}


def _sync_rows(db, table: str, plan_id: str, wanted: dict[str, dict], *, actor: str, commune: str):
    """Make the plan's rows of table match wanted (code → columns). Returns the codes
    (added, removed, changed). A returning code revives its tombstoned row."""
    live, dead = _live_and_dead(db, table, plan_id)
    added, changed = [], []
    for code, values in wanted.items():
        if code in live:
            row = live[code]
            if any(row.get(k) != v for k, v in values.items()):
                update_row(db, table, row["id"], values, actor=actor)
                if any(row.get(k) != v for k, v in values.items() if k != "position"):
                    changed.append(code)
        elif code in dead:
            update_row(db, table, dead[code]["id"], {**values, "deleted": 0}, actor=actor)
            added.append(code)
        else:
            insert_row(db, table, {"plan_id": plan_id, "code": code, **values}, actor=actor, commune_code=commune)
            added.append(code)
    removed = [code for code in live if code not in wanted]
    for code in removed:
        delete_row(db, table, live[code]["id"], actor=actor)
    return tuple(added), tuple(removed), tuple(changed)


def _revise_groups(db, plan: PlanFile, plan_id: str, *, actor: str, commune: str):
    wanted = {
        group.code: {"title": group.title, "gap": group.gap, "position": position}
        for position, group in enumerate(plan.groups)
    }
    return _sync_rows(db, "plan_groups", plan_id, wanted, actor=actor, commune=commune)


def _revise_targets(db, plan: PlanFile, plan_id: str, *, actor: str, commune: str):
    wanted = {target.code: target_values(target, position) for position, target in enumerate(plan.targets)}
    return _sync_rows(db, "targets", plan_id, wanted, actor=actor, commune=commune)


def _revise_schedules(db, plan: PlanFile, plan_id: str, *, actor: str, commune: str):
    wanted = {schedule.code: schedule_values(schedule) for schedule in plan.reporting}
    return _sync_rows(db, "report_schedules", plan_id, wanted, actor=actor, commune=commune)


def _revise_milestones(db, plan: PlanFile, plan_id: str, *, actor: str, commune: str):
    """Milestones by task and position; a kept one keeps the day the officer marked it met."""
    return _sync_rows(db, "task_milestones", plan_id, milestone_values(plan), actor=actor, commune=commune)


def _revise_responsibilities(db, plan: PlanFile, plan_id: str, *, actor: str, commune: str):
    return _sync_rows(db, "plan_responsibilities", plan_id, responsibility_values(plan), actor=actor, commune=commune)


def _revise_tasks(db, plan: PlanFile, plan_id: str, *, actor: str, commune: str) -> dict:
    live, dead = _live_and_dead(db, "tasks", plan_id)
    added, reworded, kept = [], [], []
    unchanged = 0
    for position, task in enumerate(plan.tasks):
        fresh = task_row(task, plan_id, position)
        old = live.get(task.code) or dead.get(task.code)
        if old is None:
            insert_row(db, "tasks", fresh, actor=actor, commune_code=commune)
            added.append(task.code)
            continue
        values = _revised_task_values(old, fresh)
        if old["deleted"]:
            values["deleted"] = 0
            added.append(task.code)
        else:
            fields = tuple(name for name in WORDED if old[name] != fresh[name])
            if fields:
                reworded.append(Reworded(task.code, fields))
            else:
                unchanged += 1  # same words (its position in the list may have moved)
        set_by_plan = old["status"] == "done" and fresh["status"] == "done"
        if not set_by_plan and (old["status"] != "not_started" or old["progress"] or old["trigger_date"]):
            kept.append(task.code)
        update_row(db, "tasks", old["id"], values, actor=actor)
    wanted = {task.code for task in plan.tasks}
    removed = [code for code in live if code not in wanted]
    for code in removed:
        delete_row(db, "tasks", live[code]["id"], actor=actor)
    titles = {task.code: task.title for task in plan.tasks}
    titles.update({code: live[code]["title"] for code in removed})
    return {
        "added": tuple(added), "removed": tuple(removed), "reworded": tuple(reworded),
        "kept": tuple(kept), "unchanged": unchanged, "titles": titles,
    }


def _revised_task_values(old: dict, fresh: dict) -> dict:
    """The plan's words from the new file; the officer's status, progress and trigger date
    kept. A task the new file records as done ("Đã hoàn thành") becomes done."""
    values = {k: fresh[k] for k in (*WORDED, "position", "deadline_kind")}
    if old["deadline_text"] == fresh["deadline_text"]:
        values["due_date"] = old["due_date"]  # may come from a recorded trigger date
    else:
        values["due_date"] = fresh["due_date"]
        deadline = parse_deadline(fresh["deadline_text"])
        if deadline.kind == DeadlineKind.TRIGGER and old["trigger_date"]:
            due = due_from_trigger(deadline, dt.date.fromisoformat(old["trigger_date"]))
            values["due_date"] = due.isoformat() if due else None
    if fresh["status"] == "done" and old["status"] != "done":
        values["status"], values["progress"] = "done", 100
    values["search_key"] = _revised_search_key(old, fresh)
    return values


def _revised_search_key(old: dict, fresh: dict) -> str:
    """The new words of the plan plus any words officers added (notes, evidence)."""
    base_old = set(task_search_key(old["code"], old["title"], old["description"]).split())
    extra = [w for w in old["search_key"].split() if w not in base_old]
    words = fresh["search_key"].split()
    seen = set(words)
    for word in extra:
        if word not in seen:
            seen.add(word)
            words.append(word)
    return " ".join(words)


def switch_plan(store: Store, name_or_file: str, *, actor: str) -> InstalledPlan:
    """Make a plan active: one already in the database by code, else a bundled plan by name
    or a plan file by path, added first. An installed plan is not revised here (that is
    `import_plan`), so switching never changes anyone's progress."""
    from ..plan_files import resolve_plan

    installed = find_installed(store, name_or_file)
    if installed is None:
        plan = resolve_plan(name_or_file)
        installed = find_installed(store, plan.plan.code)
        if installed is None:
            import_plan(store, plan, actor=actor, activate=True)
            return find_installed(store, plan.plan.code)
    return activate_plan(store, installed.code, actor=actor)
