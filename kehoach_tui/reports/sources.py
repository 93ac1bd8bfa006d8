"""Tolerant readers of other areas' tables for the report.

Task updates, target values, the morning check and incidents are recorded by their own
modules. The report reads them here, and only here, so aligning with their schemas is one
file's work. Every reader looks at the columns that actually exist, accepts the usual
names, and returns None when a table (or a column it cannot do without) is missing, so the
section says "Chưa có dữ liệu" instead of failing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ..config import TZ
from ..domain.vntext import fold


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    try:
        return {row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")}
    except sqlite3.DatabaseError:
        return set()


def pick(cols: set[str], *candidates: str) -> str | None:
    return next((c for c in candidates if c in cols), None)


def _rows(conn: sqlite3.Connection, sql: str, params: Iterable = ()) -> list[dict]:
    cursor = conn.execute(sql, tuple(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _live(cols: set[str]) -> str:
    return "deleted = 0" if "deleted" in cols else "1 = 1"


def to_moment(value: object) -> dt.datetime | None:
    """A stored time as local wall-clock time: UTC ISO text ("…Z"), naive ISO (taken as
    UTC, the store rule) or a bare date (local midnight)."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(TZ).replace(tzinfo=None)


def _to_date(value: object) -> dt.date | None:
    moment = to_moment(value)
    return moment.date() if moment else None


def _bounds(start: dt.date, end: dt.date) -> tuple[str, str]:
    """Loose text bounds for a SQL prefilter (a day of slack each side for time zones);
    the exact filter is done in Python on local dates."""
    return (start - dt.timedelta(days=1)).isoformat(), (end + dt.timedelta(days=2)).isoformat()


# --- task updates --------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskUpdate:
    task_ref: str  # the task's id or code, whichever the table keeps
    at: dt.datetime  # local
    officer: str
    status_before: str
    status_after: str
    progress: int | None
    note: str
    evidence: str


def task_updates(conn: sqlite3.Connection, start: dt.date | None = None,
                 end: dt.date | None = None) -> list[TaskUpdate] | None:
    """Task updates, oldest first; None when the module has not landed.

    With a period: the updates inside it, plus, per task, the last one before it and the
    first one after it — all the model needs to know each task's state at the period's end,
    however many years of history the table holds."""
    cols = columns(conn, "task_updates")
    ref = pick(cols, "task_id", "task_code", "code")
    at = pick(cols, "at", "updated_on", "created_at", "updated_at")
    if not cols or not ref or not at:
        return None
    officer = pick(cols, "officer", "actor", "updated_by")
    before = pick(cols, "status_before", "old_status", "from_status")
    after = pick(cols, "status_after", "status", "new_status", "to_status")
    progress = pick(cols, "progress", "progress_after")
    note = pick(cols, "note", "notes", "comment")
    evidence = pick(cols, "evidence", "evidence_ref", "document")
    live = _live(cols)
    if start is None or end is None:
        rows = _rows(conn, f"SELECT * FROM task_updates WHERE {live} ORDER BY [{at}]")
    else:
        lower, upper = _bounds(start, end)
        # SQLite: with MAX()/MIN() in a grouped query, the bare columns come from that row.
        rows = _rows(conn, f"SELECT *, MAX([{at}]) AS _pick FROM task_updates WHERE {live} AND [{at}] < ? "
                           f"GROUP BY [{ref}]", (lower,))
        rows += _rows(conn, f"SELECT * FROM task_updates WHERE {live} AND [{at}] >= ? AND [{at}] < ?",
                      (lower, upper))
        rows += _rows(conn, f"SELECT *, MIN([{at}]) AS _pick FROM task_updates WHERE {live} AND [{at}] >= ? "
                            f"GROUP BY [{ref}]", (upper,))
    result = []
    for row in rows:
        moment = to_moment(row[at])
        if moment is None:
            continue
        value = row.get(progress) if progress else None
        result.append(TaskUpdate(
            task_ref=str(row[ref]), at=moment, officer=str(row.get(officer) or "") if officer else "",
            status_before=str(row.get(before) or "") if before else "",
            status_after=str(row.get(after) or "") if after else "",
            progress=int(value) if isinstance(value, (int, float)) else None,
            note=str(row.get(note) or "") if note else "", evidence=str(row.get(evidence) or "") if evidence else "",
        ))
    result.sort(key=lambda u: u.at)
    return result


# --- target values -------------------------------------------------------------------------

@dataclass(frozen=True)
class TargetValue:
    target_ref: str
    period: str  # "YYYY-MM"
    value: float
    note: str


def target_values(conn: sqlite3.Connection, until_month: str) -> list[TargetValue] | None:
    """Recorded target values for months up to until_month ("YYYY-MM"), oldest first."""
    cols = columns(conn, "target_values")
    ref = pick(cols, "target_id", "target_code", "code")
    period = pick(cols, "period", "month")
    value = pick(cols, "value", "actual")
    if not cols or not ref or not period or not value:
        return None
    note = pick(cols, "note", "source_note", "source")
    order = ", [updated_at]" if "updated_at" in cols else ""
    rows = _rows(conn, f"SELECT * FROM target_values WHERE {_live(cols)} AND substr([{period}], 1, 7) <= ? "
                       f"ORDER BY [{period}]{order}", (until_month,))
    result = []
    for row in rows:
        try:
            number = float(row[value])
        except (TypeError, ValueError):
            continue
        result.append(TargetValue(target_ref=str(row[ref]), period=str(row[period])[:7], value=number,
                                  note=str(row.get(note) or "") if note else ""))
    return result


# --- morning check -------------------------------------------------------------------------

OK, FAIL, NA, UNCHECKED = "ok", "fail", "na", "unchecked"


def mark_state(value: object) -> str:
    word = fold(str(value or "")).replace(" ", "_")
    if word in ("ok", "pass", "passed", "good", "dat", "binh_thuong", "1", "true"):
        return OK
    if word in ("fail", "failed", "error", "loi", "bad", "khong_dat", "0", "false"):
        return FAIL
    if word in ("na", "n/a", "not_applicable", "khong_ap_dung", "skip", "skipped"):
        return NA
    return UNCHECKED


@dataclass(frozen=True)
class CheckDay:
    day: dt.date
    finished: bool
    late: bool | None


@dataclass(frozen=True)
class CheckMark:
    day: dt.date
    item: str
    state: str


@dataclass(frozen=True)
class ChecklistData:
    days: list[CheckDay]
    marks: list[CheckMark]
    item_labels: dict[str, str]


def checklist(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> ChecklistData | None:
    day_cols = columns(conn, "checklist_days")
    mark_cols = columns(conn, "checklist_marks")
    day_col = pick(day_cols, "day", "date", "check_date", "on_date")
    if not day_cols or not day_col:
        return None
    lower, upper = _bounds(start, end)
    day_rows = _rows(conn, f"SELECT * FROM checklist_days WHERE {_live(day_cols)} AND [{day_col}] >= ? AND [{day_col}] < ?",
                     (lower, upper))
    finished = pick(day_cols, "finished_at", "completed_at", "done_at")
    late = pick(day_cols, "late", "is_late")
    on_time = pick(day_cols, "on_time")
    deadline = pick(day_cols, "deadline", "due_time", "late_after")
    days: dict[str, CheckDay] = {}
    for row in day_rows:
        day = _to_date(row[day_col])
        if day is None or not start <= day <= end:
            continue
        is_late: bool | None = None
        if late:
            is_late = bool(row[late])
        elif on_time and row[on_time] is not None:
            is_late = not bool(row[on_time])
        elif finished and deadline and row.get(finished) and row.get(deadline):
            moment = to_moment(row[finished])
            is_late = bool(moment and moment.strftime("%H:%M") > str(row[deadline])[:5])
        status = pick(day_cols, "status", "state")
        done = bool(row.get(finished)) if finished else (fold(str(row.get(status) or "")) in ("done", "finished", "closed") if status else True)
        days[str(row["id"]) if "id" in row else day.isoformat()] = CheckDay(day=day, finished=done, late=is_late)
    marks: list[CheckMark] = []
    link = pick(mark_cols, "day_id", "check_id", "checklist_day_id")
    item = pick(mark_cols, "item_code", "item_id", "item")
    state = pick(mark_cols, "state", "status", "result", "value")
    if mark_cols and link and item and state:
        ids = list(days)
        for chunk in range(0, len(ids), 500):  # only the period's days (years of marks stay unread)
            part = ids[chunk:chunk + 500]
            marks_sql = (f"SELECT [{link}], [{item}], [{state}] FROM checklist_marks "
                         f"WHERE {_live(mark_cols)} AND [{link}] IN ({', '.join('?' for _ in part)})")
            for day_id, item_code, value in conn.execute(marks_sql, part):
                marks.append(CheckMark(day=days[str(day_id)].day, item=str(item_code), state=mark_state(value)))
    return ChecklistData(days=sorted(days.values(), key=lambda d: d.day), marks=marks, item_labels=_item_labels(conn))


def _item_labels(conn: sqlite3.Connection) -> dict[str, str]:
    cols = columns(conn, "checklist_items")
    label = pick(cols, "label", "title", "name")
    if not cols or not label:
        return {}
    labels = {}
    for row in _rows(conn, "SELECT * FROM checklist_items"):
        for key in ("id", "code"):
            if row.get(key):
                labels[str(row[key])] = str(row[label])
    return labels


# --- incidents -----------------------------------------------------------------------------

RESOLVED_STATES = {"resolved", "closed", "da_khac_phuc", "dong", "fixed", "done"}


@dataclass(frozen=True)
class Incident:
    id: str
    title: str
    category: str
    severity: str
    status: str
    opened: dt.datetime
    resolved: dt.datetime | None


def _is_resolved(status: str) -> bool:
    return fold(status).replace(" ", "_") in RESOLVED_STATES


def incidents(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> list[Incident] | None:
    """Incidents open at any time during the period (opened before its end, not resolved
    before its start)."""
    cols = columns(conn, "incidents")
    opened = pick(cols, "opened_at", "occurred_at", "started_at", "reported_at", "created_at")
    if not cols or not opened:
        return None
    resolved = pick(cols, "resolved_at", "fixed_at", "closed_at")
    status = pick(cols, "status", "state")
    title = pick(cols, "title", "summary", "description")
    category = pick(cols, "category", "category_code", "kind")
    severity = pick(cols, "severity", "priority")
    _, upper = _bounds(start, end)
    rows = _rows(conn, f"SELECT * FROM incidents WHERE {_live(cols)} AND [{opened}] < ?", (upper,))
    resolved_at = _resolution_times(conn) if not resolved else {}
    result = []
    for row in rows:
        moment = to_moment(row[opened])
        if moment is None or moment.date() > end:
            continue
        state = str(row.get(status) or "") if status else ""
        done = to_moment(row.get(resolved)) if resolved else resolved_at.get(str(row.get("id")))
        if done is None and state and _is_resolved(state):
            done = to_moment(row.get("updated_at")) or moment
        if done is not None and done.date() < start:
            continue
        result.append(Incident(
            id=str(row.get("id", "")), title=str(row.get(title) or "") if title else "",
            category=str(row.get(category) or "") if category else "", severity=str(row.get(severity) or "") if severity else "",
            status=state, opened=moment, resolved=done,
        ))
    return result


def _resolution_times(conn: sqlite3.Connection) -> dict[str, dt.datetime]:
    """Last time each incident reached a resolved state, from its event timeline."""
    cols = columns(conn, "incident_events")
    link = pick(cols, "incident_id")
    at = pick(cols, "at", "created_at", "occurred_at")
    state = pick(cols, "status_after", "to_status", "status", "new_status")
    if not cols or not link or not at or not state:
        return {}
    times: dict[str, dt.datetime] = {}
    for row in _rows(conn, f"SELECT * FROM incident_events WHERE {_live(cols)} ORDER BY [{at}]"):
        moment = to_moment(row[at])
        if moment is None:
            continue
        if _is_resolved(str(row[state] or "")):
            times.setdefault(str(row[link]), moment)
        elif fold(str(row[state] or "")).replace(" ", "_") in ("reopened", "mo_lai", "open", "new"):
            times.pop(str(row[link]), None)
    return times
