"""What the province sees per commune, derived from the records it holds.

Records are stored generically (entity, id, version, row JSON), so each figure is derived
from the entity names it knows — "tasks", "checklist_days"/"checklist_marks", "incidents",
"reports" — and the column names those areas use. A commune (or an app version) without
that entity yields None, shown as "—", never an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from ..domain.statuses import is_finished
from ..store.db import Store
from . import values
from .registry import list_communes
from .store import status as table

STALE_DAYS = 7  # no bundle for this long: "not reported"
CHECK_WINDOW = 30
CLOSED_INCIDENT = {"closed", "resolved", "done", "cancelled", "canceled"}
DAY_FIELDS = ("day", "date", "check_date", "checked_on", "on_date", "work_date")
DUE_FIELDS = ("due_date", "due_on", "deadline", "due_at")
SENT_FIELDS = ("sent_at", "submitted_at", "sent_on", "submitted_on", "issued_on", "reported_at")
PERIOD_FIELDS = ("period", "kind", "period_kind")


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
    open_incidents: int | None = None
    reports_received: int | None = None
    reports_late: int | None = None
    reports_by_period: dict[str, dict[str, int]] = field(default_factory=dict)

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
        return bool(self.tasks_overdue) or bool(self.reports_late)

    @property
    def check_rate(self) -> float | None:
        if self.check_days is None or not self.check_expected:
            return None
        return self.check_days / self.check_expected

    def to_json(self, today: dt.date) -> dict:
        data = asdict(self)
        data.update(reported=self.reported, not_reported=self.stale(today), late=self.late,
                    check_rate=None if self.check_rate is None else round(self.check_rate, 3))
        return data


def _date(value) -> dt.date | None:
    return values.day(value)


def _first(row: dict, names: tuple[str, ...]):
    for name in names:
        if row.get(name) not in (None, ""):
            return row[name]
    return None


def weekdays(end: dt.date, days: int) -> list[dt.date]:
    return [d for d in (end - dt.timedelta(days=i) for i in range(days)) if d.weekday() < 5]


def commune_statuses(store: Store, today: dt.date, only: str | None = None) -> list[CommuneStatus]:
    """One line per commune of the province, in Vietnamese order."""
    entries = [e for e in list_communes(store) if only is None or e.code == only]
    statuses = {e.code: CommuneStatus(e.code, e.name, e.public_key is not None) for e in entries}
    for code, count, last_made, last_import in table.bundle_figures(store):
        if code in statuses:
            s = statuses[code]
            s.bundles, s.last_bundle_at, s.last_import_at = count, last_made, last_import
    for code, up_to in table.data_up_to(store):
        if code in statuses:
            statuses[code].data_up_to = up_to
    present = table.entities(store)
    if "tasks" in present:
        _tasks(statuses, table.live_rows(store, "tasks", only), today)
    _checks(statuses, store, present, today, only)
    if "incidents" in present:
        _incidents(statuses, table.live_rows(store, "incidents", only))
    if "reports" in present:
        _reports(statuses, table.live_rows(store, "reports", only), today)
    return list(statuses.values())


def _tasks(statuses, rows_by_commune, today: dt.date) -> None:
    for code, s in statuses.items():
        if not s.reported:
            continue
        rows = rows_by_commune.get(code, [])
        s.tasks_total = len(rows)
        s.tasks_done = sum(1 for r in rows if r.get("status") == "done")
        s.tasks_overdue = sum(
            1 for r in rows
            if not is_finished(values.key(r.get("status"))) and (due := _date(r.get("due_date"))) and due < today)


def _checks(statuses, store: Store, present: set[str], today: dt.date, only: str | None) -> None:
    entity = "checklist_days" if "checklist_days" in present else (
        "checklist_marks" if "checklist_marks" in present else None)
    if entity is None:
        return
    window = set(weekdays(today, CHECK_WINDOW))
    rows_by_commune = table.live_rows(store, entity, only)
    for code, s in statuses.items():
        if not s.reported:
            continue
        days = {d for r in rows_by_commune.get(code, []) if (d := _date(_first(r, DAY_FIELDS)))}
        s.check_days = len(days & window)
        s.check_expected = len(window)


def _incidents(statuses, rows_by_commune) -> None:
    for code, s in statuses.items():
        if not s.reported:
            continue
        s.open_incidents = sum(1 for r in rows_by_commune.get(code, []) if is_open_incident(r))


def is_open_incident(row: dict) -> bool:
    if row.get("closed_at") or row.get("resolved_at"):
        return False
    return values.text(row.get("status") or "open") not in CLOSED_INCIDENT


def report_is_late(row: dict, today: dt.date) -> bool:
    due = _date(_first(row, DUE_FIELDS))
    sent = _date(_first(row, SENT_FIELDS))
    if due is None:
        return False
    return (sent or today) > due


def _reports(statuses, rows_by_commune, today: dt.date) -> None:
    for code, s in statuses.items():
        if not s.reported:
            continue
        rows = rows_by_commune.get(code, [])
        sent = [r for r in rows if _first(r, SENT_FIELDS) or values.key(r.get("status")) in ("sent", "submitted")]
        s.reports_received = len(sent)
        s.reports_late = sum(1 for r in rows if report_is_late(r, today))
        periods: dict[str, dict[str, int]] = {}
        for r in rows:
            period = values.text(_first(r, PERIOD_FIELDS) or "")
            tally = periods.setdefault(period, {"received": 0, "late": 0})
            tally["received"] += r in sent
            tally["late"] += report_is_late(r, today)
        s.reports_by_period = periods


def commune_rows(store: Store, code: str, entity: str) -> list[dict]:
    """A commune's live rows of one entity (drill-down), empty when it has none."""
    return table.live_rows(store, entity, code).get(code, [])


FILTERS = ("all", "late", "not_reported", "incidents")


def apply_filter(statuses: list[CommuneStatus], name: str, today: dt.date) -> list[CommuneStatus]:
    if name == "late":
        return [s for s in statuses if s.late]
    if name == "not_reported":
        return [s for s in statuses if s.stale(today)]
    if name == "incidents":
        return [s for s in statuses if s.open_incidents]
    return statuses
