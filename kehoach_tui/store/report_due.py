"""When reports are due: the active plan's schedules, the periods already reported, the
next due and the overdue ones. Plain reads into the dataclasses of domain/periods.py, with
no pydantic: Tổng quan's "next report" card is part of the first screen."""

from __future__ import annotations

import datetime as dt

from ..config import TZ, now_utc, parse_utc
from ..domain.periods import DueItem, DueStatus, Schedule, check_rule, due_status
from ..i18n import t, tn
from .db import Store
from .rows import query
from .settings import get_setting


def done_periods(store: Store) -> set[tuple[dt.date, dt.date]]:
    rows = query(store, "SELECT DISTINCT period_start, period_end FROM report_runs WHERE deleted = 0")
    return {(dt.date.fromisoformat(r["period_start"]), dt.date.fromisoformat(r["period_end"])) for r in rows}


def sent_periods(store: Store) -> set[tuple[dt.date, dt.date]]:
    rows = query(store, "SELECT DISTINCT period_start, period_end FROM report_runs WHERE deleted = 0 "
                           "AND sent_at IS NOT NULL")
    return {(dt.date.fromisoformat(r["period_start"]), dt.date.fromisoformat(r["period_end"])) for r in rows}


def schedules(store: Store) -> list[tuple[Schedule, dt.date]]:
    """The active plan's schedules with the local date each was set up (overdue counts from
    there, so a fresh install does not start with a pile of missed reports)."""
    from .plans import applies_here, effective_schedule, schedule_overrides

    plan_id = get_setting(store, "plan_id")
    rows = query(store, "SELECT * FROM report_schedules WHERE plan_id = ? AND deleted = 0 ORDER BY rowid", (plan_id,))
    overrides = schedule_overrides(store)
    result = []
    for row in rows:
        schedule = effective_schedule(row, overrides)
        if not applies_here(store, schedule):
            continue  # a duty of one named unit, and this database is not that unit's
        try:
            check_rule(schedule.rrule) if schedule.rrule else None
        except ValueError:
            continue  # a bad rule in data never breaks Tổng quan; `report due` names it
        result.append((schedule, parse_utc(row["created_at"]).astimezone(TZ).date()))
    return result


def due_overview(store: Store, now: dt.datetime | None = None) -> list[DueStatus]:
    """Due and overdue reports: a report stays due until it is sent, not merely made."""
    local = (now or now_utc()).astimezone(TZ)
    done = sent_periods(store)
    return [due_status(schedule, local, since=since, done=done) for schedule, since in schedules(store)]


def next_due_text(store: Store, now: dt.datetime | None = None) -> str | None:
    """The Tổng quan card: the nearest report not sent yet, and how many are overdue; a report
    made but not sent says so ("đã tạo, chưa gửi")."""
    local = (now or now_utc()).astimezone(TZ)
    statuses = due_overview(store, local)
    if not statuses:
        return None
    upcoming: list[DueItem] = sorted((s.next_due for s in statuses if s.next_due), key=lambda d: d.due)
    overdue = [item for s in statuses for item in s.overdue]
    made = done_periods(store)  # sent ones are no longer due (due_overview); these are made only

    def made_only(item: DueItem) -> bool:
        return (item.period.start, item.period.end) in made

    lines = []
    if upcoming:
        first = upcoming[0]
        days = (first.due.date() - local.date()).days
        when = t("report.due_today") if days == 0 else (
            t("report.due_tomorrow") if days == 1 else tn("report.due_in_days", days))
        clock = f" {first.due:%H:%M}" if first.due.time() != dt.time(23, 59, 59) else ""
        lines.append(first.label)
        lines.append(t("report.due_line", date=f"{first.due:%d/%m/%Y}{clock}", when=when)
                     + (f" ({t('due.assumed')})" if first.assumed else ""))
        if made_only(first):
            lines.append(t("due.made_not_sent"))
    if overdue:
        line = tn("report.overdue_count", len(overdue))
        waiting = sum(1 for item in overdue if made_only(item))
        lines.append(line + (t("due.overdue_made", n=waiting) if waiting else ""))
    return "\n".join(lines) if lines else None
