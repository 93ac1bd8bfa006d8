"""Reports: officer-written texts per period, the record of each generated file, report
settings (signer, recipients, document number) and the schedules' due status."""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, ConfigDict

from ..config import TZ, now_utc, parse_utc
from ..domain.periods import (
    DueItem,
    DueStatus,
    Period,
    PeriodKind,
    Schedule,
    check_rule,
    due_status,
)
from ..domain.report_texts import TEXT_KEYS
from ..domain.vntext import clean_line, clean_text
from ..i18n import t, tn
from .db import Store
from .rows import delete_row, insert_row, query, update_row
from .settings import get_setting, put_settings
from .setup import commune_code


class ReportTexts(BaseModel):
    model_config = ConfigDict(frozen=True)

    direction: str = ""      # I. Công tác chỉ đạo, điều hành
    shortcomings: str = ""   # III. Tồn tại, hạn chế và nguyên nhân
    next_focus: str = ""     # IV. Nhiệm vụ trọng tâm thời gian tới (beside the tasks due)
    proposals: str = ""      # V. Đề xuất, kiến nghị


class ReportSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    commune_name: str        # "Xã Nghĩa Thọ"
    place: str               # "Nghĩa Thọ" (the date line)
    province_name: str
    doc_number: str          # "" → left blank for the clerk: "Số:      /BC-UBND"
    doc_suffix: str
    signer_title: str        # may hold two lines: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signer_name: str
    recipients: list[str]
    csv_sep: str = ","       # ";" for Excel with Vietnamese regional settings


class ReportRun(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    schedule_code: str
    format: str
    file_path: str
    sha256: str
    size_bytes: int
    doc_number: str
    created_at: str
    updated_by: str
    sent_at: str | None = None   # UTC; None while only made (đã tạo), set once sent (đã gửi)
    sent_via: str = ""           # bundle, mail, or what the officer typed (iOffice…)

    @property
    def state(self) -> str:
        return "sent" if self.sent_at else "made"


def _place(commune_name: str) -> str:
    for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if commune_name.startswith(prefix):
            return commune_name[len(prefix):]
    return commune_name


def default_recipients(province_name: str) -> list[str]:
    province = province_name.replace("Tỉnh ", "tỉnh ").replace("Thành phố ", "thành phố ")
    return [
        f"UBND {province} (b/c)" if province else "UBND cấp trên (b/c)",
        "Sở Khoa học và Công nghệ (b/c)",
        "TT Đảng ủy, TT HĐND xã (b/c)",
        "Chủ tịch, các PCT UBND xã",
        "Lưu: VT, VHXH.",
    ]


def report_settings(store: Store) -> ReportSettings:
    commune_name = get_setting(store, "commune_name", "") or ""
    province_name = get_setting(store, "province_name", "") or ""
    recipients = get_setting(store, "report_recipients") or default_recipients(province_name)
    return ReportSettings(
        commune_name=commune_name,
        place=get_setting(store, "report_place") or _place(commune_name),
        province_name=province_name,
        doc_number=get_setting(store, "report_doc_number", "") or "",
        doc_suffix=get_setting(store, "report_doc_suffix") or "BC-UBND",
        signer_title=get_setting(store, "report_signer_title") or "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name=get_setting(store, "report_signer_name", "") or "",
        recipients=list(recipients),
        csv_sep=get_setting(store, "report_csv_sep") or ",",
    )


def save_report_settings(store: Store, values: dict, *, actor: str) -> ReportSettings:
    """Change some report settings (keys: place, doc_number, doc_suffix, signer_title,
    signer_name, recipients, csv_sep), each value cleaned; one transaction."""
    allowed = {"place", "doc_number", "doc_suffix", "signer_title", "signer_name", "recipients", "csv_sep"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(", ".join(sorted(unknown)))
    cleaned: dict = {}
    for key, value in values.items():
        if key == "recipients":
            items = value if isinstance(value, list) else str(value).split("\n")
            cleaned["report_recipients"] = [line.lstrip("-– ").strip() for line in map(clean_line, items) if line.lstrip("-– ").strip()]
        elif key == "csv_sep":
            cleaned["report_csv_sep"] = check_csv_sep(str(value))
        elif key == "signer_title":
            cleaned["report_signer_title"] = clean_text(str(value))
        else:
            cleaned[f"report_{key}"] = clean_line(str(value))
    put_settings(store, cleaned, actor=actor)
    return report_settings(store)


CSV_SEPARATORS = (",", ";", "\t")


def check_csv_sep(value: str) -> str:
    """A CSV separator: "," ";" or a tab (typed as "\\t" or "tab"); ValueError otherwise."""
    sep = {"\\t": "\t", "tab": "\t"}.get(value.strip().lower(), value if value == "\t" else value.strip())
    if sep not in CSV_SEPARATORS:
        raise ValueError(value)
    return sep


# --- texts ---------------------------------------------------------------------------------

def _text_row(store: Store, period: Period) -> dict | None:
    rows = query(store, "SELECT * FROM report_texts WHERE period_start = ? AND period_end = ? AND deleted = 0",
                 (period.start.isoformat(), period.end.isoformat()))
    return rows[0] if rows else None


def get_texts(store: Store, period: Period) -> ReportTexts:
    row = _text_row(store, period)
    return ReportTexts() if row is None else ReportTexts(**{k: row[k] for k in TEXT_KEYS})


def save_texts(store: Store, period: Period, texts: ReportTexts | dict, *, actor: str) -> ReportTexts:
    """Save the officer's text for a period (cleaned); unchanged text writes nothing."""
    values = texts.model_dump() if isinstance(texts, ReportTexts) else dict(texts)
    unknown = set(values) - set(TEXT_KEYS)
    if unknown:
        raise ValueError(", ".join(sorted(unknown)))
    values = {k: clean_text(str(v)) for k, v in values.items()}
    with store.writing() as db:
        row = _text_row(store, period)
        if row is None:
            insert_row(db, "report_texts", {
                "period_kind": str(period.kind), "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(), **{k: "" for k in TEXT_KEYS}, **values,
            }, actor=actor, commune_code=commune_code(store))
        else:
            update_row(db, "report_texts", row["id"], values, actor=actor)
    return get_texts(store, period)


# --- generated reports ---------------------------------------------------------------------

def record_run(store: Store, period: Period, *, fmt: str, file_path: str, sha256: str, size_bytes: int,
               actor: str, schedule_code: str = "", doc_number: str = "") -> ReportRun:
    with store.writing() as db:
        row = insert_row(db, "report_runs", {
            "period_kind": str(period.kind), "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(), "schedule_code": schedule_code, "format": fmt,
            "file_path": file_path, "sha256": sha256, "size_bytes": size_bytes, "doc_number": doc_number,
        }, actor=actor, commune_code=commune_code(store))
    return _run(row)


def _run(row: dict) -> ReportRun:
    return ReportRun(**{k: row.get(k) for k in ReportRun.model_fields if k in row})


def list_runs(store: Store, limit: int = 50) -> list[ReportRun]:
    rows = query(store, "SELECT * FROM report_runs WHERE deleted = 0 ORDER BY created_at DESC LIMIT ?", (limit,))
    return [_run(r) for r in rows]


def period_runs(store: Store, period: Period, limit: int = 20) -> list[ReportRun]:
    """The reports made for exactly this period, the last made first."""
    rows = query(store, "SELECT * FROM report_runs WHERE deleted = 0 AND period_start = ? AND period_end = ? "
                        "ORDER BY created_at DESC LIMIT ?", (period.start.isoformat(), period.end.isoformat(), limit))
    return [_run(r) for r in rows]


def done_periods(store: Store) -> set[tuple[dt.date, dt.date]]:
    rows = query(store, "SELECT DISTINCT period_start, period_end FROM report_runs WHERE deleted = 0")
    return {(dt.date.fromisoformat(r["period_start"]), dt.date.fromisoformat(r["period_end"])) for r in rows}


def sent_periods(store: Store) -> set[tuple[dt.date, dt.date]]:
    rows = query(store, "SELECT DISTINCT period_start, period_end FROM report_runs WHERE deleted = 0 "
                           "AND sent_at IS NOT NULL")
    return {(dt.date.fromisoformat(r["period_start"]), dt.date.fromisoformat(r["period_end"])) for r in rows}


def mark_sent(store: Store, *, actor: str, via: str, period: Period | None = None, sha256: str | None = None,
              at: dt.datetime | None = None) -> int:
    """Mark made reports sent (đã gửi): those of a period (by hand: "iOffice"), the file with
    this SHA-256 (sent by mail), or, with neither, every one not sent yet (a bundle carries
    them to the province). Returns how many changed; a sent report stays as first sent."""
    sql, params = "SELECT id FROM report_runs WHERE deleted = 0 AND sent_at IS NULL", []
    if period is not None:
        sql += " AND period_start = ? AND period_end = ?"
        params += [period.start.isoformat(), period.end.isoformat()]
    if sha256 is not None:
        sql += " AND sha256 = ?"
        params.append(sha256)
    moment = (at or now_utc()).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if not query(store.db, sql + " LIMIT 1", tuple(params)):
        return 0  # nothing to mark: no write, no transaction (a bundle export stays as quick)
    with store.writing() as db:
        ids = [r["id"] for r in query(db, sql, tuple(params))]
        for run_id in ids:
            update_row(db, "report_runs", run_id, {"sent_at": moment, "sent_via": clean_line(via)}, actor=actor)
    return len(ids)


def forget_run(store: Store, run_id: str, *, actor: str) -> None:
    with store.writing() as db:
        delete_row(db, "report_runs", run_id, actor=actor)


# --- schedules -----------------------------------------------------------------------------

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


def apply_preset(store: Store, preset: list[Schedule], *, actor: str) -> None:
    """Replace the active plan's schedules with a preset (old ones tombstoned)."""
    plan_id = get_setting(store, "plan_id")
    with store.writing() as db:
        for row in query(db, "SELECT id FROM report_schedules WHERE plan_id = ? AND deleted = 0", (plan_id,)):
            delete_row(db, "report_schedules", row["id"], actor=actor)
        for schedule in preset:
            insert_row(db, "report_schedules", {"plan_id": plan_id, **schedule.model_dump()},
                       actor=actor, commune_code=commune_code(store))


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


def period_from_run(run: ReportRun) -> Period:
    return Period(kind=PeriodKind(run.period_kind), start=run.period_start, end=run.period_end)


def runs_json(runs: list[ReportRun]) -> list[dict]:
    return [{**json.loads(r.model_dump_json()), "state": r.state} for r in runs]
