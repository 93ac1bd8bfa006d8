"""Tasks at work: status updates (with their record), trigger dates, the list's rows.

Every update writes the task row (status, progress, search key with the note's words) and a
`task_updates` record in one transaction through rows.insert_row/update_row, so both reach
the change log; a parent's derived status and progress are written in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..config import to_local
from ..config import today as local_today
from ..domain.deadlines import DeadlineKind, due_from_trigger, parse_deadline
from ..domain.progress import derived_status, mean_progress
from ..domain.recurring import period_bounds, report_period
from ..domain.task_list import TaskRow, build_rows
from ..domain.updates import UpdateError, check_update
from ..domain.vntext import clean_line, fold
from ..i18n import get_lang, t
from .db import Store
from .rows import check_version, insert_row, query, update_row
from .settings import get_setting
from .setup import officer as default_officer


@dataclass(slots=True)
class TaskRecord:
    """One tasks row as the list needs it (lighter than TaskView for thousands of rows)."""

    id: str
    code: str
    group_code: str
    parent_code: str
    title: str
    description: str
    lead_units: list[str]
    partner_units: list[str]
    deadline_text: str
    deadline_kind: str
    due_date: dt.date | None
    trigger_date: dt.date | None
    status: str
    progress: int
    position: int
    search_key: str
    version: int = 0  # what a dialog saves against (store/rows.check_version)


@dataclass(frozen=True, slots=True)
class UpdateView:
    id: str
    task_code: str
    kind: str
    at: str            # UTC ISO
    officer: str
    status_before: str
    status_after: str
    progress_before: int
    progress_after: int
    note: str
    evidence: str
    trigger_date: dt.date | None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _record(row: dict) -> TaskRecord:
    return TaskRecord(
        id=row["id"], code=row["code"], group_code=row["group_code"], parent_code=row["parent_code"],
        title=row["title"], description=row["description"], lead_units=json.loads(row["lead_units"]),
        partner_units=json.loads(row["partner_units"]), deadline_text=row["deadline_text"],
        deadline_kind=row["deadline_kind"], due_date=_date(row["due_date"]),
        trigger_date=_date(row["trigger_date"]), status=row["status"], progress=row["progress"],
        position=row["position"], search_key=row["search_key"], version=row["version"],
    )


def plan_id(store: Store) -> str:
    return get_setting(store, "plan_id", "") or ""


def task_records(store: Store) -> list[TaskRecord]:
    rows = query(store, "SELECT * FROM tasks WHERE plan_id = ? AND deleted = 0 ORDER BY position",
                 (plan_id(store),))
    return [_record(r) for r in rows]


def last_update_dates(store: Store) -> dict[str, dt.date]:
    """Local date of each task's latest update, by task code."""
    rows = store.conn.execute(
        "SELECT task_code, max(created_at) FROM task_updates WHERE plan_id = ? AND deleted = 0 GROUP BY task_code",
        (plan_id(store),),
    ).fetchall()
    return {code: to_local(at).date() for code, at in rows}


def current_period(store: Store, today: dt.date) -> tuple[str, dt.date, dt.date]:
    """The report period recurring tasks are held to (kind, first day, last day)."""
    periods = [r[0] for r in store.conn.execute(
        "SELECT period FROM report_schedules WHERE plan_id = ? AND deleted = 0", (plan_id(store),))]
    kind = report_period(periods)
    start, end = period_bounds(kind, today)
    return kind, start, end


def data_stamp(store: Store) -> int:
    """The last change-log seq: every write appends there, so an equal stamp means the
    rows on screen are still current."""
    return store.conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]


def task_rows(store: Store, today: dt.date | None = None) -> list[TaskRow]:
    """Every task of the active plan as list rows, in plan order (see domain/task_list.py)."""
    from .task_facts import current_task_figures

    today = today or local_today()
    from .milestones import milestones_by_task

    _, start, _ = current_period(store, today)
    states = {f.code: (f.status, f.progress) for f in current_task_figures(store, today)}
    return build_rows(task_records(store), last_update_dates(store), start, today, lang=get_lang(),
                      states=states, milestones=milestones_by_task(store))


def group_titles(store: Store) -> dict[str, str]:
    rows = store.conn.execute(
        "SELECT code, title FROM plan_groups WHERE plan_id = ? AND deleted = 0 ORDER BY position",
        (plan_id(store),)).fetchall()
    return dict(rows)


def get_record(store: Store, code: str) -> TaskRecord | None:
    rows = query(store, "SELECT * FROM tasks WHERE plan_id = ? AND code = ? AND deleted = 0",
                 (plan_id(store), clean_line(code)))
    return _record(rows[0]) if rows else None


def children_of(store: Store, code: str) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT code FROM tasks WHERE plan_id = ? AND parent_code = ? AND deleted = 0 ORDER BY position",
        (plan_id(store), code))]


def extend_search_key(key: str, *texts: str) -> str:
    """Add the folded words of texts not already in the key. Search needs every query word
    somewhere in the key, so adding each new word once finds exactly what the full text would."""
    words = set(key.split())
    extra = []
    for text in texts:
        for word in fold(text).split():
            if word not in words:
                words.add(word)
                extra.append(word)
    return " ".join([key, *extra]) if extra else key


def _task_dict(db, plan: str, code: str) -> dict:
    rows = query(db, "SELECT * FROM tasks WHERE plan_id = ? AND code = ? AND deleted = 0", (plan, clean_line(code)))
    if not rows:
        raise UpdateError(t("task.not_found", code=clean_line(code)))
    return rows[0]


def _refresh_parent(db, plan: str, parent_code: str, actor: str) -> None:
    """Write the parent's derived status and progress (domain/progress.py)."""
    parent = query(db, "SELECT id FROM tasks WHERE plan_id = ? AND code = ? AND deleted = 0", (plan, parent_code))
    if not parent:
        return
    kids = [TaskRecordLite(*r) for r in db.conn.execute(
        "SELECT code, parent_code, status, progress FROM tasks WHERE plan_id = ? AND parent_code = ? AND deleted = 0",
        (plan, parent_code))]
    update_row(db, "tasks", parent[0]["id"], {
        "status": derived_status(kids),
        "progress": mean_progress((k.status, k.progress) for k in kids),
    }, actor=actor)


@dataclass(frozen=True, slots=True)
class TaskRecordLite:
    code: str
    parent_code: str
    status: str
    progress: int


def _actor(store: Store, officer: str | None) -> str:
    name = clean_line(officer or "")
    return name or default_officer(store)


def record_update(
    store: Store, code: str, *, status: str | None = None, progress: object = None, note: str = "",
    evidence: str = "", officer: str | None = None, confirmed: bool = False, today: dt.date | None = None,
    expected_version: int | None = None,
) -> UpdateView:
    """Check and store one update of a task; UpdateError (NeedsConfirmation) says why not.
    expected_version: the task's version when the dialog read it (StaleRecord if newer)."""
    today = today or local_today()
    actor = _actor(store, officer)
    plan = plan_id(store)
    with store.writing() as db:
        task = _task_dict(db, plan, code)
        check_version(db, "tasks", task["id"], expected_version)
        has_children = db.conn.execute(
            "SELECT 1 FROM tasks WHERE plan_id = ? AND parent_code = ? AND deleted = 0 LIMIT 1",
            (plan, task["code"])).fetchone() is not None
        checked = check_update(
            current_status=task["status"], current_progress=task["progress"], status=status,
            progress=progress, note=note, evidence=evidence, today=today,
            has_children=has_children, confirmed=confirmed,
        )
        update_row(db, "tasks", task["id"], {
            "status": checked.status, "progress": checked.progress,
            "search_key": extend_search_key(task["search_key"], checked.note, checked.evidence),
        }, actor=actor)
        row = insert_row(db, "task_updates", {
            "plan_id": plan, "task_id": task["id"], "task_code": task["code"], "kind": "progress",
            "status_before": task["status"], "status_after": checked.status,
            "progress_before": task["progress"], "progress_after": checked.progress,
            "note": checked.note, "evidence": checked.evidence, "trigger_date": None,
        }, actor=actor, commune_code=task["commune_code"])
        if task["parent_code"]:
            _refresh_parent(db, plan, task["parent_code"], actor)
    return _update_view(row)


def set_trigger_date(
    store: Store, code: str, day: dt.date, *, officer: str | None = None, note: str = "",
    today: dt.date | None = None, expected_version: int | None = None,
) -> tuple[dt.date | None, UpdateView]:
    """Record the day a task's triggering event happened; its due date follows from it."""
    today = today or local_today()
    actor = _actor(store, officer)
    plan = plan_id(store)
    with store.writing() as db:
        task = _task_dict(db, plan, code)
        check_version(db, "tasks", task["id"], expected_version)
        deadline = parse_deadline(task["deadline_text"])
        if deadline.kind != DeadlineKind.TRIGGER:
            raise UpdateError(t("task.not_trigger", code=task["code"]))
        if day > today:
            raise UpdateError(t("task.trigger_future", date=day.strftime("%d/%m/%Y")))
        due = due_from_trigger(deadline, day)
        update_row(db, "tasks", task["id"], {
            "trigger_date": day.isoformat(), "due_date": due.isoformat() if due else None,
        }, actor=actor)
        text = clean_line(note) or t("task.trigger_note", event=deadline.event or "", date=day.strftime("%d/%m/%Y"))
        row = insert_row(db, "task_updates", {
            "plan_id": plan, "task_id": task["id"], "task_code": task["code"], "kind": "trigger",
            "status_before": task["status"], "status_after": task["status"],
            "progress_before": task["progress"], "progress_after": task["progress"],
            "note": text, "evidence": "", "trigger_date": day.isoformat(),
        }, actor=actor, commune_code=task["commune_code"])
    return due, _update_view(row)


def _update_view(row: dict) -> UpdateView:
    return UpdateView(
        id=row["id"], task_code=row["task_code"], kind=row["kind"], at=row["created_at"],
        officer=row["updated_by"], status_before=row["status_before"], status_after=row["status_after"],
        progress_before=row["progress_before"], progress_after=row["progress_after"],
        note=row["note"], evidence=row["evidence"], trigger_date=_date(row["trigger_date"]),
    )


def list_updates(store: Store, code: str) -> list[UpdateView]:
    """A task's updates, newest first."""
    rows = query(store, "SELECT * FROM task_updates WHERE plan_id = ? AND task_code = ? AND deleted = 0 "
                 "ORDER BY created_at DESC, rowid DESC", (plan_id(store), code))
    return [_update_view(r) for r in rows]
