"""Build, render and save a report: written atomically (temp file, fsync, rename), hashed,
and recorded in the store with its period, time, file and SHA-256.

A file already there is never replaced: the officer may have edited it in Word. Exporting
the period again writes "…-lan-2.docx", "…-lan-3.docx" beside it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..atomic_write import write_atomic
from ..config import documents_dir
from ..domain.periods import Period, PeriodKind
from .model import ReportModel, build_report

FORMATS = ("docx", "xlsx", "csv", "md", "txt")
KIND_SLUG = {PeriodKind.DAY: "ngay", PeriodKind.WEEK: "tuan", PeriodKind.MONTH: "thang",
             PeriodKind.MONTH15: "thang-15", PeriodKind.QUARTER: "quy", PeriodKind.QUARTER15: "quy-15",
             PeriodKind.HALF: "6-thang", PeriodKind.HALF15: "6-thang-15", PeriodKind.YEAR: "nam",
             PeriodKind.YEAR15: "nam-15", PeriodKind.CUSTOM: "tuy-chon"}

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    size_bytes: int
    format: str
    period: Period
    run_id: str


REPORT_FOLDER_SETTING = "report_folder"
DEFAULT_FOLDER_NAME = "Báo cáo kế hoạch"


def default_folder(store=None) -> Path:
    """The folder the officer chose (Cài đặt), else Documents/Báo cáo kế hoạch: a folder the
    officer can find, not the app's hidden data folder."""
    if store is not None:
        from ..store.settings import get_setting

        chosen = get_setting(store, REPORT_FOLDER_SETTING)
        if chosen:
            return Path(chosen)
    return documents_dir() / DEFAULT_FOLDER_NAME


def file_name(period: Period, fmt: str, commune_code: str) -> str:
    code = period.code.replace("..", "_")
    suffix = f"-{commune_code}" if commune_code else ""
    return f"bao-cao-{KIND_SLUG[period.kind]}-{code}{suffix}.{fmt}"


def target_path(out: Path | str | None, period: Period, fmt: str, commune_code: str,
                folder: Path | None = None) -> Path:
    """--out may name a file or a folder (existing, or written with a trailing slash);
    without it, folder (the report folder), else the default one."""
    name = file_name(period, fmt, commune_code)
    if out is None or str(out) == "":
        return (folder or default_folder()) / name
    text = os.path.expanduser(str(out))
    path = Path(text)
    if path.is_dir() or text.endswith(("/", "\\")):
        return path / name
    return path


def free_path(path: Path) -> Path:
    """path itself, or the first "…-lan-N" beside it that does not exist yet."""
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-lan-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def render(model: ReportModel, fmt: str, commune_code: str = "", csv_sep: str | None = None) -> bytes:
    if fmt == "docx":
        from .docx_writer import render_docx

        return render_docx(model)
    if fmt == "xlsx":
        from .xlsx_writer import render_xlsx

        return render_xlsx(model)
    if fmt == "csv":
        from .csv_writer import render_csv

        return render_csv(model, commune_code, sep=csv_sep or model.settings.csv_sep)
    if fmt in ("md", "txt"):
        from .text_writer import render_markdown, render_text

        return (render_markdown(model) if fmt == "md" else render_text(model)).encode("utf-8")
    raise ValueError(fmt)


def export_report(
    store, period: Period, fmt: str, *, today: dt.date, out: Path | str | None = None, actor: str,
    schedule_code: str = "", progress: Progress | None = None, model: ReportModel | None = None,
    csv_sep: str | None = None,
) -> ExportResult:
    from ..store.reports import record_run
    from ..store.setup import commune_code

    if fmt not in FORMATS:
        raise ValueError(fmt)
    step = progress or (lambda _n, _total, _label: None)
    step(0, 4, "Tổng hợp số liệu")
    model = model or build_report(store, period, today)
    step(1, 4, "Tạo tệp")
    code = commune_code(store)
    data = render(model, fmt, code, csv_sep)
    path = free_path(target_path(out, period, fmt, code, default_folder(store)).resolve())
    step(2, 4, "Ghi tệp")
    write_atomic(path, data, private=True)  # owner-only, as reports have always been written
    digest = hashlib.sha256(data).hexdigest()
    step(3, 4, "Lưu nhật ký báo cáo")
    run = record_run(store, period, fmt=fmt, file_path=str(path), sha256=digest, size_bytes=len(data),
                     actor=actor, schedule_code=schedule_code, doc_number=model.settings.doc_number)
    step(4, 4, "Xong")
    return ExportResult(path=path, sha256=digest, size_bytes=len(data), format=fmt, period=period, run_id=run.id)
