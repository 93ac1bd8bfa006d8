"""When reports are due: the active plan's schedules, the periods already reported, the
next due and the overdue ones. Plain reads into the dataclasses of domain/periods.py, with
no pydantic: Tổng quan's "next report" card is part of the first screen."""

from __future__ import annotations

import datetime as dt

from ..config import TZ, now_utc, parse_utc
from ..domain.periods import DueItem, DueStatus, Schedule, check_rule, due_status
from .db import Store
from .rows import query
from .settings import get_setting


def done_periods(store: Store) -> set[tuple[dt.date, dt.date]]:
    rows = query(store, "SELECT DISTINCT period_start, period_end FROM report_runs WHERE deleted = 0")
    return {(dt.date.fromisoformat(r["period_start"]), dt.date.fromisoformat(r["period_end"])) for r in rows}


def schedules(store: Store) -> list[tuple[Schedule, dt.date]]:
    """The active plan's schedules with the local date each was set up (overdue counts from
    there, so a fresh install does not start with a pile of missed reports)."""
    plan_id = get_setting(store, "plan_id")
    rows = query(store, "SELECT * FROM report_schedules WHERE plan_id = ? AND deleted = 0 ORDER BY rowid", (plan_id,))
    result = []
    for row in rows:
        try:
            check_rule(row["rrule"]) if row["rrule"] else None
        except ValueError:
            continue  # a bad rule in data never breaks Tổng quan; `report due` names it
        schedule = Schedule(code=row["code"], label=row["label"], period=row["period"], rrule=row["rrule"],
                            due_time=row["due_time"] or "", text=row["text"])
        result.append((schedule, parse_utc(row["created_at"]).astimezone(TZ).date()))
    return result


def due_overview(store: Store, now: dt.datetime | None = None) -> list[DueStatus]:
    local = (now or now_utc()).astimezone(TZ)
    done = done_periods(store)
    return [due_status(schedule, local, since=since, done=done) for schedule, since in schedules(store)]


def next_due_text(store: Store, now: dt.datetime | None = None) -> str | None:
    """The Tổng quan card: the nearest due report, and how many are overdue."""
    local = (now or now_utc()).astimezone(TZ)
    statuses = due_overview(store, local)
    if not statuses:
        return None
    upcoming: list[DueItem] = sorted((s.next_due for s in statuses if s.next_due), key=lambda d: d.due)
    overdue = [item for s in statuses for item in s.overdue]
    lines = []
    if upcoming:
        first = upcoming[0]
        days = (first.due.date() - local.date()).days
        when = "hôm nay" if days == 0 else ("ngày mai" if days == 1 else f"còn {days} ngày")
        clock = f" {first.due:%H:%M}" if first.due.time() != dt.time(23, 59, 59) else ""
        lines.append(first.label)
        lines.append(f"Hạn {first.due:%d/%m/%Y}{clock}, {when}")
    if overdue:
        lines.append(f"Quá hạn: {len(overdue)} báo cáo")
    return "\n".join(lines) if lines else None
