"""Reporting rates, the way DHIS2 shows them: for each report a commune owed by its own
schedule (the report_schedules it sent, read by domain/periods.py), whether it came, on
time or late. Pure: the caller reads the schedules and runs, this module only judges.

- expected: every due moment of the commune's schedules inside the window that has passed
  (a report due later today is not owed yet), from the day the schedule was set up;
- received: a report run of exactly the period the due date covers, marked sent;
- on time: sent no later than the due moment (local time); late: sent after it;
- missing: expected and not received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import TZ
from ..domain.periods import Period, Schedule, check_rule, covered_period, due_dates
from . import values

STATES = ("on_time", "late", "missing")


@dataclass(frozen=True)
class Owed:
    """One report a commune owed, and what became of it."""

    schedule: str
    label: str
    period: Period
    due: dt.datetime          # local wall clock, naive (as domain/periods.py gives it)
    state: str                # on_time | late | missing
    sent: dt.datetime | None  # local, naive


@dataclass
class Rates:
    expected: int = 0
    received: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    by_period: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, owed: Owed) -> None:
        self.expected += 1
        self.received += owed.state != "missing"
        self.on_time += owed.state == "on_time"
        self.late += owed.state == "late"
        self.missing += owed.state == "missing"
        tally = self.by_period.setdefault(owed.period.code, {"expected": 0, "received": 0, "on_time": 0, "late": 0,
                                                              "missing": 0})
        tally["expected"] += 1
        tally["received"] += owed.state != "missing"
        tally[owed.state] += 1

    def merge(self, other: Rates) -> None:
        for name in ("expected", "received", "on_time", "late", "missing"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for code, tally in other.by_period.items():
            mine = self.by_period.setdefault(code, dict.fromkeys(tally, 0))
            for key, n in tally.items():
                mine[key] = mine.get(key, 0) + n

    @property
    def completeness(self) -> float | None:
        return self.received / self.expected if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.expected if self.expected else None


@dataclass(frozen=True)
class ScheduleRow:
    code: str
    label: str
    period: str
    rrule: str
    due_time: str
    created_at: object  # stored text, not trusted


@dataclass(frozen=True)
class RunRow:
    period_start: object
    period_end: object
    sent_at: object


def schedules_of(rows: Iterable[ScheduleRow]) -> list[tuple[Schedule, dt.date]]:
    """The commune's schedules as domain objects with the local day each was set up; a
    schedule whose rule or time cannot be read is left out (it owes nothing we can tell).
    Two plans may carry the same schedule: one per code."""
    found: dict[str, tuple[Schedule, dt.date]] = {}
    for row in rows:
        since = values.day(row.created_at)
        if since is None or not row.rrule:
            continue
        schedule = _schedule(row.code, row.label, row.period, row.rrule, row.due_time or "")
        if schedule is None:
            continue
        previous = found.get(schedule.code)
        if previous is None or since < previous[1]:
            found[schedule.code] = (schedule, since)
    return list(found.values())


@lru_cache(maxsize=1024)
def _schedule(code: str, label: str, period: str, rule: str, due_time: str) -> Schedule | None:
    """A schedule row as the domain's Schedule, None when its rule or time cannot be read
    (built once for all the communes on the same regime)."""
    if not _rule_ok(rule):
        return None
    try:
        return Schedule(code=code, label=label, period=period, rrule=rule, due_time=due_time)
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _rule_ok(rule: str) -> bool:
    try:
        check_rule(rule)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1024)
def _due_days(rule: str, period: str, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    """Due dates of a rule in a window: the same for every commune on the same regime."""
    try:
        return tuple(due_dates(Schedule(code="x", label="x", period=period, rrule=rule), start, end))
    except (ValueError, TypeError, OverflowError):
        return ()


@lru_cache(maxsize=4096)
def _covered(period: str, day: dt.date) -> Period:
    """The period a due date covers: the same for every commune on the same regime."""
    return covered_period(Schedule(code="x", label="x", period=period), day)


def _clock(due_time: str) -> dt.time:
    if due_time:
        hour, minute = (int(p) for p in due_time.split(":"))
        return dt.time(min(hour, 23), min(minute, 59))
    return dt.time(23, 59, 59)


@lru_cache(maxsize=1024)
def _dues(rule: str, kind: str, due_time: str, start: dt.date, end: dt.date, now: dt.datetime) -> tuple:
    """(day, due moment, period covered, its dates as text) of a schedule's dues in a window
    that are past now: the same for every commune on the same regime."""
    clock = _clock(due_time)
    found = []
    for day in _due_days(rule, kind, start, end):
        due = dt.datetime.combine(day, clock)
        if due < now:
            period = _covered(kind, day)
            found.append((day, due, period, (period.start.isoformat(), period.end.isoformat())))
    return tuple(found)


def owed(schedules: list[tuple[Schedule, dt.date]], runs: Iterable[RunRow], start: dt.date, end: dt.date,
         now: dt.datetime) -> list[Owed]:
    """Every report due from start to end (inclusive) whose due moment is before now."""
    now = now.astimezone(TZ).replace(tzinfo=None) if now.tzinfo else now
    minute = now.replace(second=0, microsecond=0)
    due_items: list[tuple[Schedule, dt.datetime, Period, tuple[str, str]]] = []
    for schedule, since in schedules:
        for day, due, period, key in _dues(schedule.rrule, schedule.period, schedule.due_time, start, end, minute):
            if day >= since:
                due_items.append((schedule, due, period, key))
    if not due_items:
        return []
    # a run is read only when its period is one owed (its dates compared as stored text)
    wanted = {key for *_, key in due_items}
    sent: dict[tuple[str, str], dt.datetime] = {}
    for run in runs:
        key = (run.period_start, run.period_end)
        if key not in wanted:
            continue
        moment = values.moment(run.sent_at)
        if moment is None:
            continue
        local = moment.astimezone(TZ).replace(tzinfo=None)
        if key not in sent or local < sent[key]:
            sent[key] = local
    result: list[Owed] = []
    for schedule, due, period, key in due_items:
        when = sent.get(key)
        state = "missing" if when is None else ("on_time" if when <= due else "late")
        result.append(Owed(schedule.code, schedule.label, period, due, state, when))
    result.sort(key=lambda o: (o.due, o.schedule))
    return result


def rates(items: Iterable[Owed]) -> Rates:
    tally = Rates()
    for item in items:
        tally.add(item)
    return tally
