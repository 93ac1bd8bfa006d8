"""The morning check: items, one check per date, one mark per item, history.

All three tables are synced (the province sees compliance), so every write goes through
rows.insert_row/update_row and lands in the change log. A mark records who gave it:
"manual" (a person) or "probe"; a probe never replaces a person's answer of the same day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..config import now_utc, seeds_dir, to_local, today, utc_iso
from ..domain.checklist import (
    ANSWERED,
    CODE_RE,
    DEFAULT_LATE_AFTER,
    PROBE_NAMES,
    STATES,
    ChecklistError,
    ChecklistItem,
    DayCheck,
    Mark,
    availability,
    clean_title,
    code_from_title,
    is_late,
    parse_hhmm,
    probe_may_set,
    probe_state,
)
from ..domain.vntext import clean_line, clean_text, fold
from ..domain.workdays import WorkCalendar, vietnam_calendar
from ..i18n import t
from .db import Store
from .rows import insert_row, query, update_row
from .settings import get_setting
from .setup import commune_code, officer

if TYPE_CHECKING:
    from ..domain.checklist_seed import ChecklistSeed

SEED_FILE = "checklist-default.toml"


# --- settings --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def default_seed() -> ChecklistSeed:
    from ..domain.checklist_seed import parse_seed

    path = seeds_dir() / SEED_FILE
    return parse_seed(path.read_text(encoding="utf-8"), path.name)


@dataclass
class ChecklistSettings:
    late_after: str = DEFAULT_LATE_AFTER
    saturdays: bool = False
    holidays: list[str] = field(default_factory=list)        # ISO dates a commune adds
    extra_workdays: list[str] = field(default_factory=list)  # ISO dates worked (make-up days)
    internet_hosts: list[str] = field(default_factory=list)
    backup_max_age_days: int = 7
    probe_timeout: float = 4.0

    def calendar(self) -> WorkCalendar:
        return vietnam_calendar(
            saturdays=self.saturdays,
            holidays=[dt.date.fromisoformat(d) for d in self.holidays],
            extra_workdays=[dt.date.fromisoformat(d) for d in self.extra_workdays],
        )


SETTING_KEYS = {
    "late_after": "checklist.late_after",
    "saturdays": "checklist.saturdays",
    "holidays": "checklist.holidays",
    "extra_workdays": "checklist.extra_workdays",
    "internet_hosts": "checklist.internet_hosts",
    "backup_max_age_days": "checklist.backup_max_age_days",
    "probe_timeout": "checklist.probe_timeout",
}


def checklist_settings(store: Store) -> ChecklistSettings:
    seed = default_seed().settings
    base = ChecklistSettings(late_after=seed.late_after, internet_hosts=list(seed.internet_hosts),
                             backup_max_age_days=seed.backup_max_age_days)
    for attr, key in SETTING_KEYS.items():
        value = get_setting(store, key)
        if value is not None:
            setattr(base, attr, value)
    return base


# --- items -----------------------------------------------------------------------------------

def _item(row: dict) -> ChecklistItem:
    return ChecklistItem(
        id=row["id"], code=row["code"], title=row["title"], category=row["category"],
        required=bool(row["required"]), probe=row["probe"], position=row["position"],
        active=bool(row["active"]), source_ref=row.get("source_ref") or "", assumed=row.get("assumed") or "",
    )


def _actor(store: Store, actor: str | None) -> str:
    return clean_line(actor) if actor and clean_line(actor) else officer(store)


def has_items(store: Store) -> bool:
    """Are the commune's items installed (the check has been used)?"""
    return bool(query(store, "SELECT 1 FROM checklist_items WHERE commune_code = ? LIMIT 1", (commune_code(store),)))


def ensure_items(store: Store, actor: str | None = None) -> bool:
    """Install the default items the first time the check is used. True when installed."""
    code = commune_code(store)
    if has_items(store):
        return False
    seed = default_seed()
    who = _actor(store, actor)
    with store.writing() as db:
        if query(db, "SELECT 1 FROM checklist_items WHERE commune_code = ? LIMIT 1", (code,)):
            return False  # another window got there first
        for position, item in enumerate(seed.items):
            insert_row(db, "checklist_items", {
                "code": item.code, "title": clean_title(item.title), "category": clean_line(item.category),
                "required": int(item.required), "probe": item.probe, "position": position,
                "active": 1, "search_key": fold(f"{item.code} {item.title} {item.category}"),
                "source_ref": item.source, "source_quote": item.quote, "assumed": item.assumed,
            }, actor=who, commune_code=code)
    return True


def list_items(store: Store, *, include_inactive: bool = False) -> list[ChecklistItem]:
    sql = "SELECT * FROM checklist_items WHERE commune_code = ? AND deleted = 0"
    if not include_inactive:
        sql += " AND active = 1"
    return [_item(r) for r in query(store, sql + " ORDER BY position, code", (commune_code(store),))]


def get_item(store: Store, code: str) -> ChecklistItem | None:
    rows = query(store, "SELECT * FROM checklist_items WHERE commune_code = ? AND code = ? AND deleted = 0",
                 (commune_code(store), code))
    return _item(rows[0]) if rows else None


def resolve_item(store: Store, text: str) -> ChecklistItem:
    """An item by code (any case), by its number in the list, or by a unique part of its title."""
    wanted = clean_line(text or "")
    if not wanted:
        raise ChecklistError(t("checklist.err_no_item_given"))
    items = list_items(store, include_inactive=True)
    for item in items:
        if item.code == wanted.upper():
            return item
    active = [item for item in items if item.active]
    if wanted.isdigit() and 1 <= int(wanted) <= len(active):
        return active[int(wanted) - 1]
    words = fold(wanted).split()
    found = [item for item in active if _words_match(words, fold(item.title))]
    if len(found) == 1:
        return found[0]
    if found:
        codes = ", ".join(item.code for item in found)
        raise ChecklistError(t("checklist.err_ambiguous", text=wanted, codes=codes))
    raise ChecklistError(t("checklist.err_no_item", text=wanted))


def _words_match(words: list[str], title: str) -> bool:
    """Every typed word starts a word of the title: "may in" finds "Máy in", "ok" no "token"."""
    title_words = re.split(r"[^\w]+", title)
    return all(any(w.startswith(word) for w in title_words) for word in words)


def _check_probe(probe: str) -> str:
    probe = clean_line(probe or "")
    if probe and probe not in PROBE_NAMES:
        raise ChecklistError(t("checklist.err_probe", probe=probe, names=", ".join(PROBE_NAMES)))
    return probe


def add_item(store: Store, title: str, *, category: str = "", required: bool = True, probe: str = "",
             code: str | None = None, actor: str | None = None) -> ChecklistItem:
    title = clean_title(title)
    probe = _check_probe(probe)
    commune = commune_code(store)
    with store.writing() as db:
        rows = query(db, "SELECT code, position FROM checklist_items WHERE commune_code = ? AND deleted = 0",
                     (commune,))
        taken = {r["code"] for r in rows}
        if code:
            code = clean_line(code).upper()
            if not CODE_RE.match(code):
                raise ChecklistError(t("checklist.err_bad_code", code=code))
            if code in taken:
                raise ChecklistError(t("checklist.err_code_taken", code=code))
        else:
            code = code_from_title(title, taken)
        position = max((r["position"] for r in rows), default=-1) + 1
        category = clean_line(category)
        row = insert_row(db, "checklist_items", {
            "code": code, "title": title, "category": category, "required": int(required),
            "probe": probe, "position": position, "active": 1,
            "search_key": fold(f"{code} {title} {category}"),
        }, actor=_actor(store, actor), commune_code=commune)
    return _item(row)


def _require_item(store: Store, code: str) -> ChecklistItem:
    item = get_item(store, code)
    if item is None:
        raise ChecklistError(t("checklist.err_no_item", text=code))
    return item


def edit_item(store: Store, code: str, *, title: str | None = None, category: str | None = None,
              required: bool | None = None, probe: str | None = None, active: bool | None = None,
              actor: str | None = None) -> ChecklistItem:
    """Rename or change an item. Earlier days keep the title they were checked under."""
    item = _require_item(store, code)
    values: dict = {}
    if title is not None:
        values["title"] = clean_title(title)
    if category is not None:
        values["category"] = clean_line(category)
    if required is not None:
        values["required"] = int(required)
    if probe is not None:
        values["probe"] = _check_probe(probe)
    if active is not None:
        values["active"] = int(active)
    new_title = values.get("title", item.title)
    new_category = values.get("category", item.category)
    values["search_key"] = fold(f"{item.code} {new_title} {new_category}")
    with store.writing() as db:
        row = update_row(db, "checklist_items", item.id, values, actor=_actor(store, actor))
    return _item(row)


def move_item(store: Store, code: str, delta: int, *, actor: str | None = None) -> None:
    """Move an item up (delta < 0) or down among all items; positions renumbered 0..n-1."""
    items = list_items(store, include_inactive=True)
    index = next((i for i, item in enumerate(items) if item.code == code), None)
    if index is None:
        raise ChecklistError(t("checklist.err_no_item", text=code))
    target = max(0, min(len(items) - 1, index + delta))
    if target == index:
        return
    items.insert(target, items.pop(index))
    who = _actor(store, actor)
    with store.writing() as db:
        for position, item in enumerate(items):
            if item.position != position:
                update_row(db, "checklist_items", item.id, {"position": position}, actor=who)


# --- a day's check ---------------------------------------------------------------------------

def _day_row(store: Store, day: dt.date) -> dict | None:
    rows = query(store, "SELECT * FROM checklist_days WHERE commune_code = ? AND check_date = ? AND deleted = 0",
                 (commune_code(store), day.isoformat()))
    return rows[0] if rows else None


def _mark_rows(store: Store, day: dt.date) -> dict[str, dict]:
    rows = query(store, "SELECT * FROM checklist_marks WHERE commune_code = ? AND check_date = ? AND deleted = 0",
                 (commune_code(store), day.isoformat()))
    return {r["item_code"]: r for r in rows}


def get_day(store: Store, day: dt.date) -> DayCheck:
    """The check of one date: every active item, plus items marked that day and since removed."""
    row = _day_row(store, day)
    marks = _mark_rows(store, day)
    items = list_items(store, include_inactive=True)
    shown: list[Mark] = []
    for item in items:
        mark = marks.get(item.code)
        if not item.active and mark is None:
            continue
        if mark is None:
            shown.append(Mark(item_code=item.code, title=item.title, category=item.category,
                              required=item.required, probe=item.probe, from_plan=bool(item.source_ref)))
            continue
        shown.append(Mark(
            item_code=item.code, title=item.title, category=item.category, required=item.required,
            probe=item.probe, state=mark["state"], note=mark["note"], source=mark["source"],
            evidence=mark["evidence"], marked_at=mark["marked_at"], marked_by=mark["updated_by"],
            from_plan=bool(item.source_ref),
        ))
    if row is None:
        return DayCheck(check_date=day, exists=False, late_after=checklist_settings(store).late_after,
                        marks=shown)
    return DayCheck(
        check_date=day, exists=True, officer=row["officer"], started_at=row["started_at"],
        finished_at=row["finished_at"], late=bool(row["late"]), late_after=row["late_after"],
        probed_at=row["probed_at"], probes=json.loads(row["probes"] or "[]"), marks=shown,
    )


def _check_date(day: dt.date) -> None:
    if day > today():
        raise ChecklistError(t("checklist.err_future", date=day.strftime("%d/%m/%Y")))


def _ensure_day(store: Store, db, day: dt.date, who: str, at: dt.datetime) -> dict:
    row = _day_row(store, day)
    if row is not None:
        return row
    return insert_row(db, "checklist_days", {
        "check_date": day.isoformat(), "officer": who, "started_at": utc_iso(at),
        "late_after": checklist_settings(store).late_after, "probes": "[]",
    }, actor=who, commune_code=commune_code(store))


def start_day(store: Store, day: dt.date, *, actor: str | None = None, at: dt.datetime | None = None) -> DayCheck:
    _check_date(day)
    who = _actor(store, actor)
    with store.writing() as db:
        _ensure_day(store, db, day, who, at or now_utc())
    return get_day(store, day)


def mark_item(
    store: Store, day: dt.date, code: str, state: str, *, note: str | None = None,
    actor: str | None = None, source: str = "manual", evidence: str = "", at: dt.datetime | None = None,
) -> bool:
    """Set one item's state (and note when given). Returns False when a probe was refused
    because a person had already answered the item that day."""
    if state not in STATES:
        raise ChecklistError(t("checklist.err_state", state=state))
    _check_date(day)
    item = _require_item(store, code)
    who = _actor(store, actor)
    moment = at or now_utc()
    with store.writing() as db:
        day_row = _ensure_day(store, db, day, who, moment)
        existing = _mark_rows(store, day).get(item.code)
        return _write_mark(store, db, day_row, item, existing, state=state, note=note, who=who,
                           source=source, evidence=evidence, moment=moment)


def mark_rest(store: Store, day: dt.date, state: str = "ok", *, actor: str | None = None,
              at: dt.datetime | None = None) -> int:
    """Give every item not yet checked that day the state (a clean morning: all OK in one
    key), in one transaction; items already answered keep their answer. Returns how many."""
    if state not in STATES or state == "unchecked":
        raise ChecklistError(t("checklist.err_state", state=state))
    _check_date(day)
    who = _actor(store, actor)
    moment = at or now_utc()
    with store.writing() as db:
        day_row = _ensure_day(store, db, day, who, moment)
        existing = _mark_rows(store, day)
        count = 0
        for item in list_items(store):
            row = existing.get(item.code)
            if row is None or row["state"] == "unchecked":
                _write_mark(store, db, day_row, item, row, state=state, note=None, who=who, source="manual",
                            evidence="", moment=moment)
                count += 1
    return count


def _write_mark(store, db, day_row, item, existing, *, state, note, who, source, evidence, moment) -> bool:
    values = {"state": state, "source": source, "item_title": item.title, "marked_at": utc_iso(moment)}
    if note is not None:
        values["note"] = clean_text(note)
    if source == "probe":
        values["evidence"] = clean_line(evidence)
    if existing is None:
        insert_row(db, "checklist_marks", {
            "day_id": day_row["id"], "check_date": day_row["check_date"], "item_code": item.code,
            "note": "", "evidence": "", **values,
        }, actor=who, commune_code=commune_code(store))
        return True
    if source == "probe" and not probe_may_set(existing["state"], existing["source"]):
        if existing["evidence"] != values["evidence"]:  # keep the evidence beside the person's answer
            update_row(db, "checklist_marks", existing["id"], {"evidence": values["evidence"]}, actor=who)
        return False
    if existing["state"] == state and existing["source"] == source:
        values.pop("marked_at")
    update_row(db, "checklist_marks", existing["id"], values, actor=who)
    return True


def set_note(store: Store, day: dt.date, code: str, note: str, *, actor: str | None = None) -> None:
    """Change only the note of an item; its state and source stay."""
    _check_date(day)
    item = _require_item(store, code)
    who = _actor(store, actor)
    moment = now_utc()
    with store.writing() as db:
        day_row = _ensure_day(store, db, day, who, moment)
        existing = _mark_rows(store, day).get(item.code)
        if existing is None:
            insert_row(db, "checklist_marks", {
                "day_id": day_row["id"], "check_date": day_row["check_date"], "item_code": item.code,
                "item_title": item.title, "state": "unchecked", "note": clean_text(note),
                "source": "manual", "evidence": "", "marked_at": utc_iso(moment),
            }, actor=who, commune_code=commune_code(store))
        else:
            update_row(db, "checklist_marks", existing["id"], {"note": clean_text(note)}, actor=who)


def record_probes(
    store: Store, day: dt.date, results: list[dict], *, actor: str | None = None, at: dt.datetime | None = None,
) -> list[str]:
    """Keep every probe result on the day and pre-fill the items that use a probe.

    results: dicts with name, state (ok/fail/warn/skip), summary. Returns the codes filled.
    """
    _check_date(day)
    who = _actor(store, actor)
    moment = at or now_utc()
    by_name = {r["name"]: r for r in results}
    filled: list[str] = []
    with store.writing() as db:
        day_row = _ensure_day(store, db, day, who, moment)
        update_row(db, "checklist_days", day_row["id"], {
            "probed_at": utc_iso(moment),
            "probes": json.dumps(results, ensure_ascii=False, sort_keys=True),
        }, actor=who)
        marks = _mark_rows(store, day)
        for item in list_items(store):
            result = by_name.get(item.probe) if item.probe else None
            if result is None:
                continue
            state = probe_state(result["state"])
            existing = marks.get(item.code)
            if state is None:
                if existing is not None and existing["source"] == "probe":
                    _write_mark(store, db, day_row, item, existing, state="unchecked", note=None, who=who,
                                source="probe", evidence=result["summary"], moment=moment)
                elif existing is not None:
                    _write_mark(store, db, day_row, item, existing, state=existing["state"], note=None,
                                who=who, source="probe", evidence=result["summary"], moment=moment)
                else:
                    insert_row(db, "checklist_marks", {
                        "day_id": day_row["id"], "check_date": day_row["check_date"], "item_code": item.code,
                        "item_title": item.title, "state": "unchecked", "note": "", "source": "probe",
                        "evidence": clean_line(result["summary"]), "marked_at": utc_iso(moment),
                    }, actor=who, commune_code=commune_code(store))
                continue
            if _write_mark(store, db, day_row, item, existing, state=state, note=None, who=who,
                           source="probe", evidence=result["summary"], moment=moment):
                filled.append(item.code)
    return filled


def finish_day(store: Store, day: dt.date, *, actor: str | None = None, at: dt.datetime | None = None) -> DayCheck:
    """Record the finish time and whether it was late (after late_after, local time)."""
    _check_date(day)
    who = _actor(store, actor)
    moment = at or now_utc()
    late_after = checklist_settings(store).late_after
    parse_hhmm(late_after)
    with store.writing() as db:
        day_row = _ensure_day(store, db, day, who, moment)
        update_row(db, "checklist_days", day_row["id"], {
            "finished_at": utc_iso(moment), "late_after": late_after,
            "late": int(is_late(day, to_local(moment), late_after)),
        }, actor=who)
    return get_day(store, day)


# --- history ---------------------------------------------------------------------------------

@dataclass
class HistoryRow:
    code: str
    title: str
    cells: list[str]           # per day: ok / fail / na / unchecked, or "" (day off, not due)
    ok: int = 0
    fail: int = 0
    na: int = 0
    unchecked: int = 0

    @property
    def availability(self) -> float | None:
        return availability(self.ok, self.fail)


@dataclass
class History:
    start: dt.date
    end: dt.date
    days: list[dt.date]
    workdays: list[bool]
    rows: list[HistoryRow]
    working_days: int          # working days in the window
    days_checked: int          # working days with a check (at least one answered item)
    days_on_time: int          # of those, finished before the late time
    days_late: int
    finished: dict[dt.date, bool] = field(default_factory=dict)  # date → late

    def summary(self) -> str:
        """“Ngày làm việc: 22 · đã kiểm tra: 20 (91%) · đúng giờ: 18 (82%) · muộn: 2”."""
        def pct(part: int) -> str:
            return "–" if not self.working_days else f"{100 * part / self.working_days:.0f}%"

        return t("checklist.history_summary", work=self.working_days, checked=self.days_checked,
                 checked_pct=pct(self.days_checked), on_time=self.days_on_time,
                 on_time_pct=pct(self.days_on_time), late=self.days_late)

    def as_json(self) -> dict:
        return {
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "working_days": self.working_days, "days_checked": self.days_checked,
            "days_on_time": self.days_on_time, "days_late": self.days_late,
            "days": [d.isoformat() for d in self.days],
            "items": [{
                "code": r.code, "title": r.title, "ok": r.ok, "fail": r.fail, "na": r.na,
                "unchecked": r.unchecked,
                "availability": None if r.availability is None else round(r.availability, 1),
                "cells": r.cells,
            } for r in self.rows],
        }


def history(store: Store, *, days: int = 30, end: dt.date | None = None,
            calendar: WorkCalendar | None = None) -> History:
    """The last `days` days up to end (today): a cell per item and day, and compliance."""
    if days < 1 or days > 3660:
        raise ChecklistError(t("checklist.err_days"))
    end = end or today()
    start = end - dt.timedelta(days=days - 1)
    calendar = calendar or checklist_settings(store).calendar()
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    workdays = [calendar.is_workday(d) for d in dates]
    index = {d.isoformat(): i for i, d in enumerate(dates)}
    commune = commune_code(store)
    params = (commune, start.isoformat(), end.isoformat())
    marks = store.conn.execute(
        "SELECT check_date, item_code, state FROM checklist_marks"
        " WHERE commune_code = ? AND check_date BETWEEN ? AND ? AND deleted = 0", params).fetchall()
    day_rows = store.conn.execute(
        "SELECT check_date, finished_at, late FROM checklist_days"
        " WHERE commune_code = ? AND check_date BETWEEN ? AND ? AND deleted = 0", params).fetchall()
    items = list_items(store, include_inactive=True)
    marked_codes = {code for _, code, _ in marks}
    shown = [item for item in items if item.active or item.code in marked_codes]
    row_of = {item.code: HistoryRow(item.code, item.title, [
        "unchecked" if work else "" for work in workdays]) for item in shown}
    answered_days: set[str] = set()
    for check_date, code, state in marks:
        row = row_of.get(code)
        if row is not None:
            row.cells[index[check_date]] = state
        if state in ANSWERED:
            answered_days.add(check_date)
    for row in row_of.values():
        for cell in row.cells:
            if cell:
                setattr(row, cell, getattr(row, cell) + 1)
    finished = {dt.date.fromisoformat(d): bool(late) for d, at, late in day_rows if at}
    work_set = {d.isoformat() for d, work in zip(dates, workdays, strict=True) if work}
    checked = answered_days & work_set
    on_time = sum(1 for d in checked if dt.date.fromisoformat(d) in finished and not finished[dt.date.fromisoformat(d)])
    late = sum(1 for d in checked if finished.get(dt.date.fromisoformat(d)))
    return History(start=start, end=end, days=dates, workdays=workdays, rows=list(row_of.values()),
                   working_days=len(work_set), days_checked=len(checked), days_on_time=on_time,
                   days_late=late, finished=finished)


# --- the Tổng quan card ----------------------------------------------------------------------

def check_summary(store: Store, day: dt.date) -> str | None:
    """“12/16 mục đã kiểm tra, 1 lỗi, hoàn thành 07:45”; None when no check that day."""
    if not _day_row(store, day):
        return None
    check = get_day(store, day)
    text = t("checklist.card", done=check.answered, total=len(check.marks), failed=check.failed)
    if check.finished_at:
        text += t("checklist.card_finished", time=to_local(check.finished_at).strftime("%H:%M"))
        if check.late:
            text += t("checklist.card_late")
    else:
        text += t("checklist.card_open")
    return text


# --- probes ----------------------------------------------------------------------------------

def quick_check(store: Store) -> str:
    """PRAGMA quick_check on a separate read-only connection (safe from a worker thread)."""
    import sqlite3

    if store.path is None:
        with store.lock:
            rows = store.conn.execute("PRAGMA quick_check").fetchall()
    else:
        conn = sqlite3.connect(store.path.resolve().as_uri() + "?mode=ro", uri=True, timeout=2)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    return "; ".join(str(r[0]) for r in rows)


def probe_context(store: Store):
    from functools import partial

    from ..config import data_dir
    from ..probes import ProbeContext

    settings = checklist_settings(store)
    last = store.conn.execute("SELECT max(at) FROM changes").fetchone()[0]
    return ProbeContext(
        data_dir=data_dir(), internet_hosts=list(settings.internet_hosts),
        backup_max_age_days=int(settings.backup_max_age_days), last_change_at=last,
        now_utc_iso=utc_iso(), quick_check=partial(quick_check, store), timeout=float(settings.probe_timeout),
    )


def run_probes_and_record(store: Store, day: dt.date, *, actor: str | None = None, on_result=None,
                          probes=None) -> tuple[list, list[str]]:
    """Run every probe (network, disk, printers, clock, database, backup), keep the evidence on
    the day and pre-fill the items that use one. Returns (results, codes filled)."""
    from ..probes import run_probes

    _check_date(day)
    ctx = probe_context(store)
    results = run_probes(list(PROBE_NAMES), ctx, probes=probes, on_result=on_result)
    filled = record_probes(store, day, [r.as_dict() for r in results], actor=actor)
    return results, filled
