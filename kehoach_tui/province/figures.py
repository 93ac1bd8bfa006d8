"""The figures of the province's monthly report, per commune, from what the commune sent.

Pure where it can be: what is read comes from province/store/status.py, the reckoning
(check compliance over working days, downtime inside the month, reports owed) is here and
in province/rates.py, and every stored value goes through province/values.py.

What the province holds of a task is its newest version, so task figures are as of the
day the report is made (capped at the month's end for what is past due); check days,
incidents and reports are counted inside the month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..config import TZ, now_utc
from ..domain.incidents import downtime
from ..domain.periods import Period
from ..store.db import Store
from . import values
from .rates import Rates, rates
from .registry import list_communes
from .status import is_open_incident, owed_reports, working_days
from .store import status as table
from .store.tasks import overdue


@dataclass
class CommuneMonth:
    code: str
    name: str
    sent: int = 0                   # bundles held, up to the day the report is made
    tasks_total: int | None = None
    tasks_done: int | None = None
    tasks_overdue: int | None = None
    check_days: int | None = None   # working days of the month with a check
    check_expected: int | None = None
    check_late: int | None = None
    incidents: int | None = None    # open at some time in the month
    incidents_open: int | None = None  # still open at the end (or now)
    downtime_minutes: int | None = None
    reports: Rates | None = None
    missing_reports: list[str] = field(default_factory=list)

    @property
    def check_rate(self) -> float | None:
        return self.check_days / self.check_expected if self.check_expected else None


def _local(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=TZ)


def incident_downtime(row: dict, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Downtime of one incident inside [start, end): from its opening until resolved (or
    closed), again from a reopening, up to `end` while still down — the commune's own
    reckoning (domain/incidents.py), from the moments the province holds."""
    opened = values.moment(row["opened_at"])
    if opened is None or opened >= end:
        return dt.timedelta()
    # resolved and closed stop the clock; the status now, when it is a down one (reopened),
    # starts it again at the moment it was set
    moves = [(at, "resolved") for at in (values.moment(row["resolved_at"]), values.moment(row["closed_at"])) if at]
    status, status_at = values.key(row["status"]), values.moment(row["status_at"])
    if status and status_at:
        moves.append((status_at, status))

    def until(moment: dt.datetime) -> dt.timedelta:
        if moment <= opened:
            return dt.timedelta()
        return downtime(opened, [m for m in moves if m[0] <= moment], moment)
    return max(dt.timedelta(), until(end) - until(start))


def month_figures(store: Store, period: Period, today: dt.date, now: dt.datetime | None = None) -> list[CommuneMonth]:
    """One line per commune of the province, in Vietnamese order."""
    now = now or now_utc()
    start, end = period.start, period.end
    last = min(end, today)
    window_start, window_end = _local(start), min(_local(end + dt.timedelta(days=1)), now)
    entries = list_communes(store)
    summaries = table.summaries(store)
    days = table.check_days(store, start.isoformat(), last.isoformat())
    expected_days = set(working_days(last, (last - start).days + 1)) if last >= start else set()
    incidents = table.all_incidents(store, window_start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    schedules = table.schedules(store)
    runs = table.report_runs(store, (start - dt.timedelta(days=31)).isoformat())
    lines = []
    for entry in entries:
        summary = summaries.get(entry.code) or {}
        line = CommuneMonth(entry.code, entry.name, summary.get("bundles") or 0)
        seen = set(values.text(summary.get("entities")).split())
        total = values.integer(summary.get("tasks_total"))
        if "tasks" in seen and total is not None:
            # the summary's leaves, as the commune's report counts them (province/store/tasks.py)
            line.tasks_total, line.tasks_done = total, values.integer(summary.get("tasks_done")) or 0
            line.tasks_overdue = overdue(summary.get("open_due"), last + dt.timedelta(days=1))
        if seen & {"checklist_days", "checklist_marks"}:
            checked = [r for r in days.get(entry.code, []) if r[3] and values.day(r[0]) in expected_days]
            line.check_days, line.check_expected = len(checked), len(expected_days)
            line.check_late = sum(1 for r in checked if r[2])
        if "incidents" in seen:
            mine = [r for r in incidents.get(entry.code, []) if (values.moment(r["opened_at"]) or window_end) < window_end]
            line.incidents = len(mine)
            line.incidents_open = sum(1 for r in mine if is_open_incident(r))
            line.downtime_minutes = int(sum((incident_downtime(r, window_start, window_end) for r in mine),
                                            dt.timedelta()).total_seconds() // 60)
        if "report_schedules" in seen:
            owed = owed_reports(schedules.get(entry.code, []), runs.get(entry.code, []), start, end, now)
            line.reports = rates(owed)
            line.missing_reports = [f"{o.label} ({o.period.label()})" for o in owed if o.state == "missing"]
        lines.append(line)
    return lines


def province_totals(lines: list[CommuneMonth]) -> dict[str, int]:
    """Sums over the communes that sent each area."""
    total = Rates()
    for line in lines:
        if line.reports is not None:
            total.merge(line.reports)

    def add(name: str) -> int:
        return sum(getattr(line, name) or 0 for line in lines)

    return {
        "communes": len(lines), "sent": sum(1 for line in lines if line.sent),
        "tasks_total": add("tasks_total"), "tasks_done": add("tasks_done"), "tasks_overdue": add("tasks_overdue"),
        "check_days": add("check_days"), "check_expected": add("check_expected"), "incidents": add("incidents"),
        "incidents_open": add("incidents_open"), "downtime_minutes": add("downtime_minutes"),
        "reports_expected": total.expected, "reports_received": total.received, "reports_on_time": total.on_time,
        "reports_late": total.late, "reports_missing": total.missing,
    }
