"""Targets (chỉ tiêu): monthly values with a source note, and each target's standing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import today as local_today
from ..domain.targets import (
    ASSESSMENTS,
    parse_period,
    period_end,
    qualitative_state,
    sparkline,
    target_state,
)
from ..domain.updates import UpdateError
from ..domain.vntext import clean_line, clean_text
from ..i18n import t
from .db import Store
from .rows import insert_row, query, update_row
from .setup import officer as default_officer
from .tasks import plan_id


@dataclass(frozen=True, slots=True)
class TargetValue:
    period: str      # YYYY-MM
    value: float
    note: str
    officer: str
    at: str


@dataclass(frozen=True, slots=True)
class TargetStanding:
    code: str
    label: str
    unit: str
    comparison: str
    target_value: float | None
    target_date: dt.date | None
    source_text: str
    values: tuple[TargetValue, ...]   # oldest first
    state: str                        # met / on_track / behind / late / no_data
    trend: str                        # sparkline
    kind: str = "number"              # or "qualitative": followed by status, note, evidence
    assumed: str = ""                 # why a figure or date is a reading of the source
    assessments: tuple[TargetAssessment, ...] = ()  # qualitative: oldest first

    @property
    def latest(self) -> TargetValue | None:
        return self.values[-1] if self.values else None

    @property
    def assessment(self) -> TargetAssessment | None:
        return self.assessments[-1] if self.assessments else None


@dataclass(frozen=True, slots=True)
class TargetAssessment:
    period: str      # YYYY-MM
    status: str      # not_started / in_progress / done
    note: str
    evidence: str
    officer: str
    at: str


def _assessments_by_target(store: Store) -> dict[str, list[TargetAssessment]]:
    out: dict[str, list[TargetAssessment]] = {}
    for r in query(store, "SELECT target_code, period, status, note, evidence, updated_by, updated_at "
                   "FROM target_assessments WHERE plan_id = ? AND deleted = 0 ORDER BY period", (plan_id(store),)):
        out.setdefault(r["target_code"], []).append(TargetAssessment(
            r["period"], r["status"], r["note"], r["evidence"], r["updated_by"], r["updated_at"]))
    return out


def _values_by_target(store: Store) -> dict[str, list[TargetValue]]:
    out: dict[str, list[TargetValue]] = {}
    for r in query(store, "SELECT target_code, period, value, note, updated_by, updated_at FROM target_values "
                   "WHERE plan_id = ? AND deleted = 0 ORDER BY period", (plan_id(store),)):
        out.setdefault(r["target_code"], []).append(
            TargetValue(r["period"], r["value"], r["note"], r["updated_by"], r["updated_at"]))
    return out


def target_standings(store: Store, today: dt.date | None = None) -> list[TargetStanding]:
    """Every target of the active plan (plan order) with its values, state and trend."""
    today = today or local_today()
    values = _values_by_target(store)
    assessed = _assessments_by_target(store)
    out = []
    for r in query(store, "SELECT * FROM targets WHERE plan_id = ? AND deleted = 0 ORDER BY position",
                   (plan_id(store),)):
        mine = tuple(values.get(r["code"], ()))
        checks = tuple(assessed.get(r["code"], ()))
        target_date = dt.date.fromisoformat(r["target_date"]) if r["target_date"] else None
        kind = r.get("kind") or "number"
        if kind == "qualitative":
            state = qualitative_state(checks[-1].status if checks else None, target_date, today)
        else:
            state = target_state(r["comparison"], r["target_value"], target_date,
                                 [(v.period, v.value) for v in mine], today)
        out.append(TargetStanding(
            code=r["code"], label=r["label"], unit=r["unit"], comparison=r["comparison"],
            target_value=r["target_value"], target_date=target_date, source_text=r["source_text"],
            values=mine, state=state, trend=sparkline([v.value for v in mine]),
            kind=kind, assumed=r.get("assumed") or "", assessments=checks,
        ))
    return out


def parse_value(text: object) -> float:
    raw = str(text).strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise UpdateError(t("target.bad_value", value=clean_line(str(text)))) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UpdateError(t("target.bad_value", value=clean_line(str(text))))
    return value


def record_target_value(
    store: Store, code: str, value: object, period: str, *, note: str = "", officer: str | None = None,
    today: dt.date | None = None,
) -> TargetValue:
    """Record (or correct) a target's value for a month; one value per target and month."""
    today = today or local_today()
    month = parse_period(period)
    if month is None:
        raise UpdateError(t("target.bad_period", value=clean_line(period)))
    if period_end(month).replace(day=1) > today:
        raise UpdateError(t("target.future_period", value=month))
    number = parse_value(value)
    note = clean_text(note or "")
    actor = clean_line(officer or "") or default_officer(store)
    plan = plan_id(store)
    with store.writing() as db:
        found = query(db, "SELECT id, code, commune_code, kind FROM targets WHERE plan_id = ? AND code = ? "
                      "AND deleted = 0", (plan, clean_line(code)))
        if not found:
            raise UpdateError(t("target.not_found", code=clean_line(code)))
        target = found[0]
        if target["kind"] == "qualitative":
            raise UpdateError(t("target.is_qualitative", code=target["code"]))
        existing = query(db, "SELECT id FROM target_values WHERE target_id = ? AND period = ? AND deleted = 0",
                         (target["id"], month))
        values = {"value": number, "note": note}
        if existing:
            row = update_row(db, "target_values", existing[0]["id"], values, actor=actor)
        else:
            row = insert_row(db, "target_values", {
                "plan_id": plan, "target_id": target["id"], "target_code": target["code"], "period": month,
                **values,
            }, actor=actor, commune_code=target["commune_code"])
    return TargetValue(row["period"], row["value"], row["note"], row["updated_by"], row["updated_at"])


def record_target_assessment(
    store: Store, code: str, status: str, *, period: str | None = None, note: str = "", evidence: str = "",
    officer: str | None = None, today: dt.date | None = None,
) -> TargetAssessment:
    """Record (or correct) a qualitative target's status for a month (default: this month),
    with a note and the evidence (document number, date, link)."""
    today = today or local_today()
    month = parse_period(period) if period else f"{today:%Y-%m}"
    if month is None:
        raise UpdateError(t("target.bad_period", value=clean_line(period or "")))
    if period_end(month).replace(day=1) > today:
        raise UpdateError(t("target.future_period", value=month))
    if status not in ASSESSMENTS:
        raise UpdateError(t("target.bad_status", value=clean_line(status), choices=", ".join(ASSESSMENTS)))
    actor = clean_line(officer or "") or default_officer(store)
    plan = plan_id(store)
    values = {"status": status, "note": clean_text(note or ""), "evidence": clean_text(evidence or "")}
    with store.writing() as db:
        found = query(db, "SELECT id, code, commune_code, kind FROM targets WHERE plan_id = ? AND code = ? "
                      "AND deleted = 0", (plan, clean_line(code)))
        if not found:
            raise UpdateError(t("target.not_found", code=clean_line(code)))
        target = found[0]
        if target["kind"] != "qualitative":
            raise UpdateError(t("target.is_numeric", code=target["code"]))
        existing = query(db, "SELECT id FROM target_assessments WHERE target_id = ? AND period = ? AND deleted = 0",
                         (target["id"], month))
        if existing:
            row = update_row(db, "target_assessments", existing[0]["id"], values, actor=actor)
        else:
            row = insert_row(db, "target_assessments", {
                "plan_id": plan, "target_id": target["id"], "target_code": target["code"], "period": month, **values,
            }, actor=actor, commune_code=target["commune_code"])
    return TargetAssessment(row["period"], row["status"], row["note"], row["evidence"], row["updated_by"],
                            row["updated_at"])
