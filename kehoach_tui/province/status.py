"""What the province sees per commune, from what the commune sent.

The figures come from the columns kept at import (province/store/bundles.py): the summary
per commune (bundles, data up to, open incidents, and the tasks as the commune's report
counts them: leaves, with the due dates of the open ones, so tasks past due today need no
other read), and bounded windows read at view time for what depends on today (the morning
checks of the last 30 days, the reports owed in them). An area a commune has not sent yields None, shown as "—".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from ..config import now_utc
from ..domain.workdays import vietnam_calendar
from ..store.db import Store
from . import values
from .rates import Owed, Rates, RunRow, ScheduleRow, owed, rates, schedules_of
from .registry import list_communes
from .store import bundles as held_table
from .store import status as table
from .store.tasks import overdue

STALE_DAYS = 7  # no bundle for this long: "not reported"
CHECK_WINDOW = 30
REPORT_WINDOW = 30
CLOSED_INCIDENT = {"closed", "resolved", "done", "cancelled", "canceled"}
CHECK_ENTITIES = ("checklist_days", "checklist_marks")


@dataclass
class CommuneStatus:
    code: str
    name: str
    registered: bool
    bundles: int = 0
    last_bundle_at: str | None = None   # when the commune made it (UTC)
    last_import_at: str | None = None   # when the province imported it (UTC)
    data_up_to: str | None = None       # the newest change the province holds (UTC)
    tasks_total: int | None = None
    tasks_done: int | None = None
    tasks_overdue: int | None = None
    check_days: int | None = None
    check_expected: int | None = None
    check_late: int | None = None
    open_incidents: int | None = None
    reports_expected: int | None = None
    reports_received: int | None = None
    reports_on_time: int | None = None
    reports_late: int | None = None
    reports_missing: int | None = None
    reports_by_period: dict[str, dict[str, int]] = field(default_factory=dict)
    missing_reports: list[str] = field(default_factory=list)  # labels of the reports owed and not sent
    gaps: list[tuple[int, int]] = field(default_factory=list)  # change numbers missing: first, last

    @property
    def reported(self) -> bool:
        return self.last_bundle_at is not None

    def stale(self, today: dt.date) -> bool:
        if self.last_bundle_at is None:
            return True
        made = values.day(self.last_bundle_at)
        return made is not None and (today - made).days > STALE_DAYS

    @property
    def late(self) -> bool:
        return bool(self.tasks_overdue) or bool(self.reports_late) or bool(self.reports_missing)

    @property
    def check_rate(self) -> float | None:
        if self.check_days is None or not self.check_expected:
            return None
        return self.check_days / self.check_expected

    @property
    def completeness(self) -> float | None:
        if not self.reports_expected or self.reports_received is None:
            return None
        return self.reports_received / self.reports_expected

    @property
    def timeliness(self) -> float | None:
        if not self.reports_expected or self.reports_on_time is None:
            return None
        return self.reports_on_time / self.reports_expected

    def to_json(self, today: dt.date) -> dict:
        data = asdict(self)
        data["gaps"] = [list(g) for g in self.gaps]
        data.update(reported=self.reported, not_reported=self.stale(today), late=self.late,
                    check_rate=_round(self.check_rate), report_completeness=_round(self.completeness),
                    report_timeliness=_round(self.timeliness))
        return data


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def gaps_of(held: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Change numbers not held below the newest held, as (first, last) inclusive."""
    missing, reached = [], 0
    for start, end in held:
        if start > reached:
            missing.append((reached + 1, start))
        reached = max(reached, end)
    return missing


def working_days(end: dt.date, days: int) -> list[dt.date]:
    calendar = vietnam_calendar()
    return [d for d in (end - dt.timedelta(days=i) for i in range(days)) if calendar.is_workday(d)]


def commune_statuses(store: Store, today: dt.date, only: str | None = None,
                     now: dt.datetime | None = None) -> list[CommuneStatus]:
    """One line per commune of the province, in Vietnamese order."""
    entries = [e for e in list_communes(store) if only is None or e.code == only]
    statuses = {e.code: CommuneStatus(e.code, e.name, e.public_key is not None) for e in entries}
    sent: dict[str, set[str]] = {}
    for code, row in table.summaries(store).items():
        s = statuses.get(code)
        if s is None or not row["bundles"]:
            continue
        s.bundles, s.last_bundle_at, s.last_import_at = row["bundles"], row["last_bundle_at"], row["last_import_at"]
        s.data_up_to = row["data_up_to"]
        sent[code] = set(values.text(row["entities"]).split())
        if "tasks" in sent[code]:
            # Counted as the commune's reports count them (domain/figures.py, at import):
            # leaves only, a sub-item taking its parent's deadline.
            s.tasks_total, s.tasks_done = row["tasks_total"], row["tasks_done"]
            s.tasks_overdue = overdue(row["open_due"], today)
        if "incidents" in sent[code]:
            s.open_incidents = row["open_incidents"]
    for code, ranges in held_table.all_held(store).items():
        if code in statuses:
            statuses[code].gaps = gaps_of(ranges)
    _checks(store, statuses, sent, today, only)
    _reports(store, statuses, sent, today, now or now_utc(), only)
    return list(statuses.values())


def _checks(store: Store, statuses: dict[str, CommuneStatus], sent: dict[str, set[str]], today: dt.date,
            only: str | None) -> None:
    """Working days of the last 30 with a check (at least one item answered), as the commune
    counts them (store/checklist.history), on the national calendar."""
    window = sorted(d.isoformat() for d in working_days(today, CHECK_WINDOW))
    found = table.checked_days(store, window)
    for code, s in statuses.items():
        if not sent.get(code, set()) & set(CHECK_ENTITIES):
            continue
        checked, late = found.get(code, (0, 0))
        s.check_days, s.check_expected, s.check_late = checked, len(window), late or 0


def report_window(today: dt.date) -> tuple[dt.date, dt.date]:
    return today - dt.timedelta(days=REPORT_WINDOW - 1), today


def owed_reports(schedule_rows: list[dict], run_rows: list[dict], start: dt.date, end: dt.date,
                 now: dt.datetime) -> list[Owed]:
    """What one commune owed from start to end by its own schedules, and what it sent."""
    schedules = schedules_of(ScheduleRow(values.text(r["code"]), values.text(r["label"]), values.text(r["period"]),
                                         values.text(r["rrule"]), values.text(r["due_time"]), r["created_at"])
                             for r in schedule_rows)
    runs = [RunRow(r["period_start"], r["period_end"], r["sent_at"]) for r in run_rows]
    return owed(schedules, runs, start, end, now)


def _reports(store: Store, statuses: dict[str, CommuneStatus], sent: dict[str, set[str]], today: dt.date,
             now: dt.datetime, only: str | None) -> None:
    start, end = report_window(today)
    all_schedules = table.schedules(store, only)
    # a monthly report covers the whole month: its runs end up to a month after the window opens
    runs = table.report_runs(store, (start - dt.timedelta(days=1)).isoformat(), only)
    for code, s in statuses.items():
        if "report_schedules" not in sent.get(code, set()):
            continue
        items = owed_reports(all_schedules.get(code, []), runs.get(code, []), start, end, now)
        tally = rates(items)
        s.reports_expected, s.reports_received, s.reports_on_time = tally.expected, tally.received, tally.on_time
        s.reports_late, s.reports_missing, s.reports_by_period = tally.late, tally.missing, tally.by_period
        s.missing_reports = [f"{o.label} ({o.period.label()})" for o in items if o.state == "missing"]


def province_rates(statuses: list[CommuneStatus]) -> Rates:
    """The reporting rates of the whole province: the sum of its communes'."""
    total = Rates()
    for s in statuses:
        if s.reports_expected is None:
            continue
        part = Rates(s.reports_expected, s.reports_received or 0, s.reports_on_time or 0, s.reports_late or 0,
                     s.reports_missing or 0, s.reports_by_period)
        total.merge(part)
    return total


def is_open_incident(row: dict) -> bool:
    if row.get("closed_at") or row.get("resolved_at"):
        return False
    return values.text(row.get("status") or "open") not in CLOSED_INCIDENT


FILTERS = ("all", "late", "not_reported", "incidents", "missing_reports", "gaps")


def apply_filter(statuses: list[CommuneStatus], name: str, today: dt.date) -> list[CommuneStatus]:
    if name == "late":
        return [s for s in statuses if s.late]
    if name == "not_reported":
        return [s for s in statuses if s.stale(today)]
    if name == "incidents":
        return [s for s in statuses if s.open_incidents]
    if name == "missing_reports":
        return [s for s in statuses if s.reports_missing]
    if name == "gaps":
        return [s for s in statuses if s.gaps]
    return statuses
