"""Incidents and their timeline (plan task 4.5.đ): synced rows, one transaction per change."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import tomllib
from typing import TYPE_CHECKING

from .. import config
from ..config import fmt_datetime, parse_utc, seeds_dir, utc_iso
from ..domain.incident_models import (
    IncidentEvent,
    IncidentFilter,
    IncidentView,
    check_event_time,
    normalize_draft,
    parse_event_time,
    search_key,
)
from ..domain.incidents import (
    CLOSED,
    NEW,
    REOPENED,
    RESOLVED,
    Choice,
    IncidentCatalog,
    IncidentRuleError,
    PasteFacts,
    catalog_from,
    check_transition,
    downtime,
    fmt_duration,
    paste_text,
    status_name,
)
from ..domain.vntext import clean_line, clean_text, fold
from ..i18n import t
from .db import Store
from .incident_summary import any_incident, open_summary  # noqa: F401  (this module's API)
from .rows import check_version, get_row, insert_row, query, update_row
from .settings import get_setting
from .setup import commune_code as current_commune_code

if TYPE_CHECKING:
    from ..domain.incident_draft import IncidentDraft

# Settings keys for the configurable category list: extra names the commune added, and
# codes of default categories it hides.
EXTRA_CATEGORIES = "incident_extra_categories"
HIDDEN_CATEGORIES = "incident_hidden_categories"


@functools.cache
def default_catalog() -> IncidentCatalog:
    from ..errors import PlanError

    with open(seeds_dir() / "incidents.toml", "rb") as handle:
        found = catalog_from(tomllib.load(handle))
    problems = found.origin_problems()
    if problems:  # every seeded entry says whether the plan (4.5.đ) names it
        raise PlanError(f"incidents.toml: {problems[0]}")
    return found


def catalog(store: Store) -> IncidentCatalog:
    """The seeded lists, with the commune's own categories (settings) added before "Khác"."""
    base = default_catalog()
    extra = get_setting(store, EXTRA_CATEGORIES, []) or []
    hidden = set(get_setting(store, HIDDEN_CATEGORIES, []) or [])
    if not extra and not hidden:
        return base
    kept = [c for c in base.categories if c.code not in hidden]
    tail = [c for c in kept if c.code == "other"]
    head = [c for c in kept if c.code != "other"]
    added = [Choice(code=custom_code(name), name=name) for name in extra]
    return dataclasses.replace(base, categories=tuple(head + added + tail))


def custom_code(name: str) -> str:
    return "custom:" + "-".join(fold(name).split())


def add_category(store: Store, name: str, *, actor: str) -> Choice:
    from .settings import put_settings

    name = clean_line(name)
    if not name:
        raise IncidentRuleError(t("incident.err.no_category_name"))
    extra = list(get_setting(store, EXTRA_CATEGORIES, []) or [])
    if any(fold(name) in (fold(c.name), fold(c.code)) for c in catalog(store).categories):
        raise IncidentRuleError(t("incident.err.category_exists", name=name))
    put_settings(store, {EXTRA_CATEGORIES: [*extra, name]}, actor=actor)
    return Choice(code=custom_code(name), name=name)


# --- writes --------------------------------------------------------------------------------------


def open_incident(store: Store, draft: IncidentDraft, *, actor: str, now: dt.datetime | None = None) -> IncidentView:
    """Log a new incident (status Mới) with its first timeline event, in one transaction."""
    now = now or config.now_utc()
    values = normalize_draft(draft, catalog(store), now, _latest(now))
    values["reporter"] = values["reporter"] or actor
    with store.writing() as db:
        code = current_commune_code(store)
        number = db.conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM incidents WHERE commune_code = ?", (code,)
        ).fetchone()[0]
        row = {**values, "number": number, "status": NEW, "status_at": values["opened_at"]}
        row["search_key"] = search_key(row)
        saved = insert_row(db, "incidents", row, actor=actor, commune_code=code)
        insert_row(db, "incident_events", {
            "incident_id": saved["id"], "at": values["opened_at"], "officer": actor,
            "from_status": "", "to_status": NEW, "note": t("incident.note.opened"),
        }, actor=actor, commune_code=code)
        saved = get_row(db, "incidents", saved["id"])  # with the column defaults
    return _view(saved)


def edit_incident(store: Store, incident_id: str, draft: IncidentDraft, *, actor: str,
                  now: dt.datetime | None = None, expected_version: int | None = None) -> IncidentView:
    """Correct the facts of an incident (not its status); the first event follows opened_at.
    expected_version: the version the form was filled from (StaleRecord if newer)."""
    now = now or config.now_utc()
    values = normalize_draft(draft, catalog(store), now, _latest(now))
    values["reporter"] = values["reporter"] or actor
    with store.writing() as db:
        before = _live_row(db, incident_id)
        check_version(db, "incidents", incident_id, expected_version)
        moves = query(db, "SELECT min(at) AS first FROM incident_events WHERE incident_id = ? AND from_status != '' "
                          "AND deleted = 0", (incident_id,))
        if moves[0]["first"] and values["opened_at"] > moves[0]["first"]:
            raise IncidentRuleError(t("incident.err.opened_after_events", at=fmt_datetime(values["opened_at"]),
                                      first=fmt_datetime(moves[0]["first"])))
        after = {**before, **values}
        values["search_key"] = search_key(after)
        saved = update_row(db, "incidents", incident_id, values, actor=actor)
        if values["opened_at"] != before["opened_at"]:
            first = query(db, "SELECT id FROM incident_events WHERE incident_id = ? AND from_status = '' "
                              "AND deleted = 0 ORDER BY at LIMIT 1", (incident_id,))
            if first:
                update_row(db, "incident_events", first[0]["id"], {"at": values["opened_at"]}, actor=actor)
            if before["status"] == NEW:
                update_row(db, "incidents", incident_id, {"status_at": values["opened_at"]}, actor=actor)
                saved = get_row(db, "incidents", incident_id)
    return _view(saved)


def change_status(store: Store, incident_id: str, target: str, *, note: str = "", actor: str,
                  at: dt.datetime | str | None = None, now: dt.datetime | None = None,
                  expected_version: int | None = None) -> IncidentView:
    """Move an incident along its lifecycle; the move is a timeline event with the time the
    officer gives (`at`: a datetime or "dd/mm/yyyy HH:MM"; default now), officer and note.
    The time may not be in the future nor before the previous event: downtime is reckoned
    from these times. Closing needs a resolution note; reopening keeps the history and the
    old resolution in the timeline. expected_version: as in edit_incident."""
    note = clean_text(note)
    now = now or config.now_utc()
    given = parse_event_time(at, now) or now
    with store.writing() as db:
        row = _live_row(db, incident_id)
        check_version(db, "incidents", incident_id, expected_version)
        check_transition(row["status"], target, note=note, resolution=row["resolution"])
        last = db.conn.execute("SELECT max(at) FROM incident_events WHERE incident_id = ? AND deleted = 0",
                               (incident_id,)).fetchone()[0]
        moment = utc_iso(check_event_time(given, parse_utc(last or row["opened_at"]), _latest(now)))
        changes: dict = {"status": target, "status_at": moment}
        if target in (RESOLVED, CLOSED) and note:
            changes["resolution"] = note
        if target == RESOLVED:
            changes["resolved_at"] = moment
        elif target == CLOSED:
            changes["closed_at"] = moment
            changes["resolved_at"] = row["resolved_at"] or moment
        elif target == REOPENED:
            changes.update(resolved_at=None, closed_at=None, resolution="")
        changes["search_key"] = search_key({**row, **changes})
        saved = update_row(db, "incidents", incident_id, changes, actor=actor)
        insert_row(db, "incident_events", {
            "incident_id": incident_id, "at": moment, "officer": actor,
            "from_status": row["status"], "to_status": target, "note": note,
        }, actor=actor, commune_code=row["commune_code"])
    return _view(saved)


def _latest(now: dt.datetime) -> dt.datetime:
    """The latest time accepted for something that happened (config.latest_past_moment),
    or `now` with a minute of slack when a caller gives its own now."""
    return max(config.latest_past_moment(), now + dt.timedelta(minutes=1))


def _live_row(db, incident_id: str) -> dict:
    row = get_row(db, "incidents", incident_id)
    if row is None or row["deleted"]:
        raise IncidentRuleError(t("incident.err.not_found", ref=incident_id))
    return row


# --- reads ---------------------------------------------------------------------------------------


def _time(value: str | None) -> dt.datetime | None:
    return parse_utc(value) if value else None


def _view(row: dict) -> IncidentView:
    return IncidentView(
        id=row["id"], number=row["number"], opened_at=parse_utc(row["opened_at"]), reporter=row["reporter"],
        category=row["category"], category_name=row["category_name"], severity=row["severity"],
        title=row["title"], location=row["location"], systems=row["systems"],
        description=row["description"], service_interrupted=bool(row["service_interrupted"]),
        dossiers_delayed=row["dossiers_delayed"], reported_via=row["reported_via"],
        reported_to=row["reported_to"], contact=row["contact"], checklist_item=row["checklist_item"],
        status=row["status"], status_at=parse_utc(row["status_at"]), resolution=row["resolution"],
        resolved_at=_time(row["resolved_at"]), closed_at=_time(row["closed_at"]),
        updated_at=row["updated_at"], updated_by=row["updated_by"], version=row["version"],
    )


def get_incident(store: Store, incident_id: str) -> IncidentView | None:
    row = get_row(store, "incidents", incident_id)
    return None if row is None or row["deleted"] else _view(row)


def find_incident(store: Store, ref: str) -> IncidentView:
    """By number ("12", "#12"), full id, or an id prefix of at least 4 characters."""
    text = clean_line(ref).lstrip("#").lower()
    rows: list[dict] = []
    if text.isdigit():
        rows = query(store, "SELECT * FROM incidents WHERE number = ? AND commune_code = ? AND deleted = 0",
                     (int(text), current_commune_code(store)))
    if not rows and len(text) >= 4:
        rows = query(store, "SELECT * FROM incidents WHERE substr(id, 1, ?) = ? AND deleted = 0 LIMIT 2",
                     (len(text), text))
    if not rows:
        raise IncidentRuleError(t("incident.err.not_found", ref=clean_line(ref)))
    if len(rows) > 1:
        raise IncidentRuleError(t("incident.err.ambiguous", ref=clean_line(ref)))
    return _view(rows[0])


def _utc_bound(day: dt.date, end: bool) -> str:
    from ..config import TZ

    moment = dt.datetime.combine(day + dt.timedelta(days=1) if end else day, dt.time(), tzinfo=TZ)
    return utc_iso(moment)


def _where(spec: IncidentFilter) -> tuple[str, list]:
    clauses: list[str] = ["deleted = 0"]
    params: list = []
    statuses = spec.open_statuses()
    if statuses:
        clauses.append(f"status IN ({', '.join('?' for _ in statuses)})")
        params.extend(statuses)
    if spec.category:
        clauses.append("category = ?")
        params.append(spec.category)
    if spec.severity:
        clauses.append("severity = ?")
        params.append(spec.severity)
    if spec.since:
        clauses.append("opened_at >= ?")
        params.append(_utc_bound(spec.since, end=False))
    if spec.until:
        clauses.append("opened_at < ?")
        params.append(_utc_bound(spec.until, end=True))
    for word in fold(spec.search).split():
        clauses.append("instr(search_key, ?) > 0")
        params.append(word)
    return " AND ".join(clauses), params


def list_incidents(store: Store, spec: IncidentFilter | None = None) -> tuple[list[IncidentView], int]:
    """Matching incidents, newest first (spec.limit of them from spec.offset), and how many
    match in all. One pass over the covering index finds and counts the matches; only the
    page asked for is read in full."""
    spec = spec or IncidentFilter()
    where, params = _where(spec)
    rowids = [r[0] for r in store.conn.execute(
        f"SELECT rowid FROM incidents WHERE {where} ORDER BY opened_at DESC, number DESC", tuple(params))]
    page = rowids[spec.offset: spec.offset + spec.limit] if spec.limit else rowids[spec.offset:]
    if not page:
        return [], len(rowids)
    by_rowid = {}
    for chunk_start in range(0, len(page), 500):  # stay under SQLite's parameter limit
        chunk = page[chunk_start: chunk_start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in query(store, f"SELECT rowid AS _rowid, * FROM incidents WHERE rowid IN ({marks})", tuple(chunk)):
            by_rowid[row.pop("_rowid")] = row
    return [_view(by_rowid[r]) for r in page], len(rowids)


def list_events(store: Store, incident_id: str) -> list[IncidentEvent]:
    rows = query(store, "SELECT * FROM incident_events WHERE incident_id = ? AND deleted = 0 "
                           "ORDER BY at, rowid", (incident_id,))
    return [
        IncidentEvent(id=r["id"], incident_id=r["incident_id"], at=parse_utc(r["at"]), officer=r["officer"],
                      from_status=r["from_status"], to_status=r["to_status"], note=r["note"])
        for r in rows
    ]


def incident_downtime(incident: IncidentView, events: list[IncidentEvent], now: dt.datetime | None = None) -> dt.timedelta:
    moves = [(e.at, e.to_status) for e in events if e.from_status]
    return downtime(incident.opened_at, moves, now or config.now_utc())


def category_label(store_catalog: IncidentCatalog, incident: IncidentView) -> str:
    found = store_catalog.category(incident.category)
    return found.label() if found else incident.category_name or incident.category


def severity_label(store_catalog: IncidentCatalog, code: str) -> str:
    found = store_catalog.severity(code)
    return found.label() if found else code


def channel_label(store_catalog: IncidentCatalog, code: str) -> str:
    found = store_catalog.channel(code)
    return found.label() if found else code


def summary_text(store: Store, incident: IncidentView, now: dt.datetime | None = None) -> str:
    """The plain-text summary to paste into Zalo or an e-mail."""
    cat = catalog(store)
    events = list_events(store, incident.id)
    place = ", ".join(x for x in (incident.location, get_setting(store, "commune_name", ""),
                                  get_setting(store, "province_name", "")) if x)
    contact = ", ".join(x for x in (incident.reporter, incident.contact) if x)
    return paste_text(PasteFacts(
        number=incident.number, title=incident.title, opened=fmt_datetime(incident.opened_at), place=place,
        category=category_label(cat, incident), severity=severity_label(cat, incident.severity),
        systems=incident.systems, description=incident.description,
        interrupted=incident.service_interrupted, dossiers_delayed=incident.dossiers_delayed,
        status=status_name(incident.status), status_since=fmt_datetime(incident.status_at),
        downtime=fmt_duration(incident_downtime(incident, events, now)),
        reported_via=channel_label(cat, incident.reported_via) if incident.reported_via else "",
        reported_to=incident.reported_to, checklist_item=incident.checklist_item,
        resolution=incident.resolution, contact=contact,
    ))
