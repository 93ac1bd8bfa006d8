"""Reports: officer-written texts per period, the record of each generated file, report
settings (signer, recipients, document number) and the schedules' due status."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ..config import now_utc, utc_iso
from ..domain.periods import Period, PeriodKind, Schedule
from ..domain.report_texts import TEXT_KEYS
from ..domain.vntext import clean_line, clean_text
from ..errors import KehoachError
from ..i18n import t
from .db import Store
from .report_due import (  # noqa: F401  (this module's API)
    done_periods,
    due_overview,
    next_due_text,
    schedules,
    sent_periods,
)
from .rows import delete_row, insert_row, query, update_row
from .settings import get_setting, put_settings
from .setup import commune_code


# Frozen dataclasses, made from the database's own columns and from cleaned input: the
# Báo cáo screen loads no validation library (store/reports is on its first visit).
@dataclass(frozen=True)
class ReportTexts:
    direction: str = ""      # I. Công tác chỉ đạo, điều hành
    shortcomings: str = ""   # III. Tồn tại, hạn chế và nguyên nhân
    next_focus: str = ""     # IV. Nhiệm vụ trọng tâm thời gian tới (beside the tasks due)
    proposals: str = ""      # V. Đề xuất, kiến nghị


@dataclass(frozen=True)
class ReportSettings:
    commune_name: str        # "Xã Nghĩa Thọ"
    place: str               # "Nghĩa Thọ" (the date line)
    province_name: str
    doc_number: str          # "" → left blank for the clerk: "Số:      /BC-UBND"
    doc_suffix: str
    signer_title: str        # may hold two lines: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signer_name: str
    recipients: list[str]
    csv_sep: str = ","       # ";" for Excel with Vietnamese regional settings


@dataclass(frozen=True)
class ReportRun:
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
    values = dataclasses.asdict(texts) if isinstance(texts, ReportTexts) else dict(texts)
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


_RUN_FIELDS = tuple(f.name for f in dataclasses.fields(ReportRun))


def _run(row: dict) -> ReportRun:
    values = {k: row.get(k) for k in _RUN_FIELDS if k in row}
    for key in ("period_start", "period_end"):  # ISO text in the table
        if isinstance(values.get(key), str):
            values[key] = dt.date.fromisoformat(values[key])
    return ReportRun(**values)


class RunNotFound(KehoachError):
    pass


def find_run(store: Store, text: str) -> ReportRun:
    """A report run by its id or the start of it (6 characters at least), or the latest
    one for "latest"."""
    text = clean_line(text).lower()
    if text == "latest":
        rows = query(store, "SELECT * FROM report_runs WHERE deleted = 0 ORDER BY created_at DESC LIMIT 1")
    elif len(text) >= 6:
        rows = query(store, "SELECT * FROM report_runs WHERE deleted = 0 AND substr(id, 1, ?) = ?"
                            " ORDER BY created_at DESC LIMIT 2", (len(text), text))
    else:
        rows = []
    if len(rows) != 1:
        raise RunNotFound(t("report.run_not_found" if not rows else "report.run_ambiguous", id=text))
    return _run(rows[0])


def mark_run_sent(store: Store, run_id: str, *, actor: str, via: str = "", at: dt.datetime | None = None) -> ReportRun:
    """Record when one generated report was sent, and how (mark_sent does a whole period); the
    next bundle carries it to the province, which judges it on time or late against the
    commune's schedule."""
    with store.writing() as db:
        row = update_row(db, "report_runs", run_id, {"sent_at": utc_iso(at or now_utc()), "sent_via": clean_line(via)},
                         actor=actor)
    return _run(row)


def list_runs(store: Store, limit: int = 50) -> list[ReportRun]:
    rows = query(store, "SELECT * FROM report_runs WHERE deleted = 0 ORDER BY created_at DESC LIMIT ?", (limit,))
    return [_run(r) for r in rows]


def period_runs(store: Store, period: Period, limit: int = 20) -> list[ReportRun]:
    """The reports made for exactly this period, the last made first."""
    rows = query(store, "SELECT * FROM report_runs WHERE deleted = 0 AND period_start = ? AND period_end = ? "
                        "ORDER BY created_at DESC LIMIT ?", (period.start.isoformat(), period.end.isoformat(), limit))
    return [_run(r) for r in rows]


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
    if not query(store, sql + " LIMIT 1", tuple(params)):
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

def apply_preset(store: Store, preset: list[Schedule], *, actor: str) -> None:
    """Replace the active plan's schedules with a preset (old ones tombstoned)."""
    plan_id = get_setting(store, "plan_id")
    with store.writing() as db:
        for row in query(db, "SELECT id FROM report_schedules WHERE plan_id = ? AND deleted = 0", (plan_id,)):
            delete_row(db, "report_schedules", row["id"], actor=actor)
        for schedule in preset:
            insert_row(db, "report_schedules", {"plan_id": plan_id, **dataclasses.asdict(schedule)},
                       actor=actor, commune_code=commune_code(store))


def period_from_run(run: ReportRun) -> Period:
    return Period(kind=PeriodKind(run.period_kind), start=run.period_start, end=run.period_end)


def runs_json(runs: list[ReportRun]) -> list[dict]:
    return [{**{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in dataclasses.asdict(r).items()},
             "state": r.state} for r in runs]
