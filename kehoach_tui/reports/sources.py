"""What the report reads from the other areas: task updates, target values, the morning
check and incidents, through their own tables and store functions.

Each reader returns None when its area has recorded nothing at all yet, so the section says
"Chưa có dữ liệu"; rows that exist but fall outside the period give zeros instead.
Times come back as local wall-clock datetimes (naive), dates as local dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import TZ, to_local


def _local(moment: dt.datetime | str) -> dt.datetime:
    return to_local(moment).replace(tzinfo=None)


# --- task updates (store/tasks.py, migration 2) ----------------------------------------------

@dataclass(frozen=True)
class TaskUpdate:
    task_code: str
    at: dt.datetime  # local
    officer: str
    status_before: str
    status_after: str
    progress_before: int
    progress: int
    note: str
    evidence: str


def task_updates(store, start: dt.date | None = None, end: dt.date | None = None) -> list[TaskUpdate] | None:
    """The active plan's task updates, oldest first; None when none was ever recorded.

    With a period: the updates inside it, plus, per task, the last one before it and the
    first one after it (store/report_sources.py)."""
    from ..store.report_sources import task_update_rows, utc_bounds
    from ..store.tasks import plan_id

    bounds = None if start is None or end is None else utc_bounds(start, end)
    rows = task_update_rows(store, plan_id(store), bounds)
    if rows is None:
        return None
    result = [
        TaskUpdate(task_code=row[0], at=_local(row[1]), officer=row[2], status_before=row[3],
                   status_after=row[4], progress_before=row[5], progress=row[6], note=row[7], evidence=row[8])
        for row in rows
    ]
    result.sort(key=lambda u: u.at)
    return result


# --- target values (store/targets.py, migration 2) -------------------------------------------

@dataclass(frozen=True)
class TargetValue:
    target_code: str
    period: str  # "YYYY-MM"
    value: float
    note: str


def target_values(store, until_month: str) -> list[TargetValue] | None:
    """The active plan's target values for months up to until_month ("YYYY-MM"), oldest
    first; None when none was ever recorded."""
    from ..store.report_sources import target_value_rows
    from ..store.tasks import plan_id

    rows = target_value_rows(store, plan_id(store), until_month)
    if rows is None:
        return None
    return [TargetValue(target_code=code, period=period, value=value, note=note)
            for code, period, value, note in rows]


# --- morning check (store/checklist.py, migration 3) -----------------------------------------

@dataclass(frozen=True)
class ItemTally:
    code: str
    title: str
    ok: int
    fail: int
    na: int


@dataclass(frozen=True)
class ChecklistData:
    working_days: int   # by the commune's work calendar (weekends, holidays, make-up days)
    days_checked: int
    days_on_time: int
    items: list[ItemTally]  # items answered at least once in the period


def checklist(store, start: dt.date, end: dt.date) -> ChecklistData | None:
    """The morning check from start to end (not past today), as the check's own history
    counts it; None when no check was ever recorded."""
    from ..config import today
    from ..store import checklist as area
    from ..store.report_sources import any_check_recorded

    if not any_check_recorded(store):
        return None
    last = min(end, today())
    if last < start:
        return ChecklistData(working_days=0, days_checked=0, days_on_time=0, items=[])
    found = area.history(store, days=(last - start).days + 1, end=last)
    items = [ItemTally(code=row.code, title=row.title, ok=row.ok, fail=row.fail, na=row.na)
             for row in found.rows if row.ok or row.fail or row.na]
    return ChecklistData(working_days=found.working_days, days_checked=found.days_checked,
                         days_on_time=found.days_on_time, items=items)


# --- incidents (store/incidents.py, migration 4) ---------------------------------------------

@dataclass(frozen=True)
class Incident:
    number: int
    title: str
    category: str   # the category's name
    severity: str   # the severity's name
    status: str     # status code (domain/incidents.py)
    opened: dt.datetime            # local
    resolved: dt.datetime | None   # local; None while the service is still down
    downtime_minutes: int          # downtime inside the period (up to `now` for the current one)


def incidents(store, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> list[Incident] | None:
    """Incidents open at any time during the period (opened before its end, not resolved
    before its start), oldest first; None when no incident was ever logged."""
    from ..config import now_utc
    from ..domain.incident_models import IncidentFilter
    from ..store import incidents as area

    if not area.any_incident(store):
        return None
    now = now or now_utc()
    window_start = dt.datetime.combine(start, dt.time(), tzinfo=TZ)
    window_end = min(dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=TZ), now)
    found, _ = area.list_incidents(store, IncidentFilter(until=end))
    names = area.catalog(store)
    result = []
    for incident in found:
        if incident.resolved_at is not None and incident.resolved_at < window_start:
            continue
        events = area.list_events(store, incident.id)
        inside = _down_until(incident, events, window_end, area) - _down_until(incident, events, window_start, area)
        result.append(Incident(
            number=incident.number, title=incident.title, category=area.category_label(names, incident),
            severity=area.severity_label(names, incident.severity), status=incident.status,
            opened=_local(incident.opened_at),
            resolved=_local(incident.resolved_at) if incident.resolved_at else None,
            downtime_minutes=max(0, int(inside.total_seconds() // 60)),
        ))
    result.sort(key=lambda i: (i.opened, i.number))
    return result


def _down_until(incident, events, moment: dt.datetime, area) -> dt.timedelta:
    """Downtime from the opening up to `moment`, by the incident area's own reckoning."""
    if moment <= incident.opened_at:
        return dt.timedelta()
    return area.incident_downtime(incident, [e for e in events if e.at <= moment], moment)
