"""The facts a period's figures are computed from (domain/figures.py), as they stood at the
end of the period: rebuilt from the change log, so a report made again later gives the same
figures. Every row written through store/rows.py leaves its changes in `changes`; folding a
row's entries logged before a moment gives that row as it was then.

Task definitions (title, units, deadline) are read as they are now: they are the plan, not
records of the period. Task updates are an append-only log of their own (each also a change
entry): the ones recorded before the end count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..config import TZ, parse_utc, utc_iso
from ..domain import figures as fig
from ..domain.periods import Period
from .changelog import rows_at, rows_at_each
from .db import Store
from .milestones import milestones_by_task
from .plans import active_plan, list_targets
from .settings import get_setting
from .task_facts import current_task_figures, task_defs, task_updates  # noqa: F401  (the task half)


def rows_as_of(store: Store, entity: str, moment: dt.datetime, *, ids_sql: str = "",
               params: Sequence = (), columns: Sequence[str] = ()) -> list[dict]:
    """Each row of `entity` as it stood before `moment` (the row now with the later changes
    undone: store/changelog.py), tombstones dropped. ids_sql: an optional `SELECT id …`
    limiting the rows (the current table is fine for columns that never change, like a
    check's date)."""
    rows = rows_at(store.conn, entity, utc_iso(moment), ids_sql=ids_sql, params=params, columns=columns)
    return [row for _, row in sorted(rows.items()) if not row.get("deleted")]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _value(row: dict) -> fig.TargetValueFact:
    return fig.TargetValueFact(target_code=row["target_code"], month=row["period"], value=row["value"],
                               note=row["note"], recorded_at=parse_utc(row["updated_at"]))


def target_values(store: Store, *moments: dt.datetime | None) -> list[list[fig.TargetValueFact]]:
    """The active plan's target values as known before each moment (None: as they are now),
    the table read once."""
    plan = get_setting(store, "plan_id", "") or ""
    found = rows_at_each(store.conn, "target_values", [None if m is None else utc_iso(m) for m in moments],
                         columns=("plan_id", "target_code", "period", "value", "note", "updated_at"))
    return [[_value(row) for _, row in sorted(rows.items()) if not row.get("deleted") and row.get("plan_id") == plan]
            for rows in found]


def check_facts(store: Store, start: dt.date, last: dt.date, moment: dt.datetime):
    """(working days start..last, day facts, mark facts) as known before `moment`; None
    when no morning check had been recorded by then."""
    from .checklist import checklist_settings
    from .setup import commune_code

    if not store.conn.execute("SELECT 1 FROM changes WHERE entity = 'checklist_days' AND at < ? LIMIT 1",
                              (utc_iso(moment),)).fetchone():
        return None
    if last < start:
        return [], [], []
    calendar = checklist_settings(store).calendar()
    workdays = list(calendar.workdays(start, last))
    # The commune's own, as the check screens read them: by the (commune, date) index, where
    # the date alone scanned every mark of every year (a third of a report's time on 5 years).
    span = (commune_code(store), start.isoformat(), last.isoformat())
    days = rows_as_of(store, "checklist_days", moment,
                      ids_sql="SELECT id FROM checklist_days WHERE commune_code = ? AND check_date BETWEEN ? AND ?",
                      params=span, columns=("check_date", "finished_at", "late"))
    marks = rows_as_of(store, "checklist_marks", moment,
                       ids_sql="SELECT id FROM checklist_marks WHERE commune_code = ? AND check_date BETWEEN ? AND ?",
                       params=span,
                       columns=("check_date", "item_code", "item_title", "state"))
    titles = {item.code: item.title for item in _items(store)}
    return (
        workdays,
        [fig.CheckDayFact(day=dt.date.fromisoformat(d["check_date"]), finished=bool(d.get("finished_at")),
                          late=bool(d.get("late"))) for d in days],
        [fig.CheckMarkFact(day=dt.date.fromisoformat(m["check_date"]), item_code=m["item_code"],
                           item_title=titles.get(m["item_code"]) or m.get("item_title", ""), state=m["state"])
         for m in marks],
    )


def _items(store: Store):
    from .checklist import list_items

    return list_items(store, include_inactive=True)


def incident_facts(store: Store, moment: dt.datetime) -> list[fig.IncidentFact] | None:
    """Incidents and their timelines as known before `moment`; None when none was logged."""
    from .incidents import catalog

    rows = rows_as_of(store, "incidents", moment, columns=(
        "number", "title", "category", "category_name", "severity", "service_interrupted", "dossiers_delayed",
        "opened_at", "resolution", "description"))
    if not rows:
        return None
    events: dict[str, list[dict]] = {}
    for event in rows_as_of(store, "incident_events", moment,
                            columns=("incident_id", "at", "from_status", "to_status")):
        events.setdefault(event["incident_id"], []).append(event)
    names = catalog(store)
    out = []
    for row in rows:
        category = names.category(row["category"])
        severity = names.severity(row["severity"])
        moves = sorted((parse_utc(e["at"]), e["to_status"]) for e in events.get(row["id"], []) if e["from_status"])
        out.append(fig.IncidentFact(
            number=row["number"], title=row["title"],
            category=category.label() if category else row.get("category_name") or row["category"],
            severity=severity.label() if severity else row["severity"],
            interrupted=bool(row["service_interrupted"]), dossiers=int(row["dossiers_delayed"] or 0),
            opened_at=parse_utc(row["opened_at"]), moves=tuple(moves), resolution=row.get("resolution", ""),
            description=row.get("description", ""),
        ))
    return out


def report_runs(store: Store, moment: dt.datetime) -> list[fig.ReportRunFact]:
    return [fig.ReportRunFact(
        period_start=dt.date.fromisoformat(r["period_start"]), period_end=dt.date.fromisoformat(r["period_end"]),
        made_on=parse_utc(r["created_at"]).astimezone(TZ).date(), sent=bool(r.get("sent_at")),
    ) for r in rows_as_of(store, "report_runs", moment)]


def gather(store: Store, period: Period, *, today: dt.date, now: dt.datetime) -> tuple[fig.Facts, fig.Window]:
    """The facts of a period as at its end, and the period's window."""
    following, before = period.following(), period.preceding()
    win = fig.window(period.start, period.end, following.start, following.end, today=today, now=now, tz=TZ)
    prev = fig.window(before.start, before.end, period.start, period.end, today=today, now=now, tz=TZ)
    check = check_facts(store, period.start, win.reference_day, win.as_of)
    plan = active_plan(store)
    values, previous_values, current_values = target_values(store, win.as_of, prev.as_of, None)
    facts = fig.Facts(
        plan_code=plan.code if plan else "",
        tasks=task_defs(store),
        updates=task_updates(store, win.start, win.as_of),
        targets=[fig.TargetDef(code=t.code, label=t.label, unit=t.unit, goal=t.target_value,
                               comparison=t.comparison, target_date=t.target_date) for t in list_targets(store)],
        values=values, previous_values=previous_values, current_values=current_values,
        workdays=None if check is None else check[0],
        check_days=() if check is None else check[1], check_marks=() if check is None else check[2],
        incidents=incident_facts(store, win.as_of),
        runs=report_runs(store, win.as_of),
        milestones=milestones_by_task(store),
    )
    return facts, win


def period_checklist(store: Store, period: Period, *, today: dt.date) -> fig.ChecklistFigures | None:
    """Only the morning-check figures of a period (the report compares with the previous one)."""
    from ..config import now_utc

    win = fig.window(period.start, period.end, period.start, period.end, today=today, now=now_utc(), tz=TZ)
    found = check_facts(store, period.start, win.reference_day, win.as_of)
    return None if found is None else fig.checklist_figures(*found)


def period_figures(store: Store, period: Period, *, today: dt.date, now: dt.datetime | None = None) -> fig.Figures:
    """The figures of a period (domain/figures.py), as at its end."""
    from ..config import now_utc

    facts, win = gather(store, period, today=today, now=now or now_utc())
    return fig.compute(facts, win, end_month=f"{period.end:%Y-%m}",
                       previous_end_month=f"{period.preceding().end:%Y-%m}", tz=TZ)
