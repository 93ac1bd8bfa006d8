"""kehoach province …: the province's own database, imports, status, report, TUI.

The province database is picked by the global --db (or KEHOACH_DB); without either it is
`province.db` in the user data folder, never the commune's database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..i18n import t
from .common import AppContext, UserError, echo, emit_json, pass_app


def province_db_path(app: AppContext) -> Path:
    from ..config import data_dir

    explicit = click.get_current_context().find_root().params.get("db_path")
    if explicit or os.environ.get("KEHOACH_DB"):
        return app.db_path
    return data_dir() / "province.db"


def _open(app: AppContext, *, create: bool = False, require_init: bool = True):
    from ..province.registry import is_initialised
    from ..province.store.db import open_province
    from ..store import StoreError

    try:
        store = open_province(province_db_path(app), create=create)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    if require_init and not is_initialised(store):
        store.close()
        raise UserError(t("province.err_not_initialised"))
    if is_initialised(store):
        from .common import daily_backup

        daily_backup(store)  # as the commune's: the first command of the day keeps a copy
    return store


def _call(func, *args, **kwargs):
    from ..errors import KehoachError

    try:
        return func(*args, **kwargs)
    except KehoachError as exc:
        raise UserError(str(exc)) from None


@click.group(invoke_without_command=True)
@click.pass_context
def province(ctx: click.Context) -> None:
    """Cấp tỉnh: nhận tệp của các xã, xem tình hình (không lệnh con: mở giao diện)."""
    if ctx.invoked_subcommand is None:
        from ..province.app import run_province_tui

        app = ctx.find_object(AppContext)
        store = _open(app)
        try:
            run_province_tui(store)
        finally:
            store.close()


@province.command("init")
@click.option("--province", "province_text", required=True, help="Mã tỉnh (2 chữ số) hoặc tên tỉnh")
@click.option("--officer", default="", help="Họ tên cán bộ")
@pass_app
def province_init(app: AppContext, province_text: str, officer: str) -> None:
    """Khởi tạo cơ sở dữ liệu cấp tỉnh và cặp khóa ký biên nhận."""
    from ..domain.vntext import clean_line
    from ..province.registry import init_province, list_communes

    store = _open(app, create=True, require_init=False)
    try:
        code, name, created = _call(init_province, store, province_text, actor=clean_line(officer) or "Sở")
        total = len(list_communes(store))
    finally:
        store.close()
    key = "province.init_done" if created else "province.init_already"
    echo(t(key, db=province_db_path(app), name=name, code=code, communes=total))


@province.command("key")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi tệp khóa công khai để gửi cho các xã")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def province_key_cmd(app: AppContext, out_file: Path | None, as_json: bool) -> None:
    """In khóa công khai của tỉnh; --out ghi tệp cho các xã cài (keys trust-province)."""
    from ..province.registry import province_key, province_name
    from ..sync.keys import public_key_document
    from ..sync.safe_write import write_verified

    store = _open(app)
    try:
        pair = _call(province_key, store)
        name = province_name(store)
    finally:
        store.close()
    if out_file:
        _call(write_verified, out_file, public_key_document(pair, name).encode("utf-8"))
    if as_json:
        emit_json({"province_code": pair.code, "name": name, "public_key": pair.public_hex,
                   "fingerprint": pair.fingerprint, "file": str(out_file) if out_file else None})
        return
    echo(t("province.key_title", name=name, code=pair.code))
    echo(pair.public_hex)
    echo(t("sync.fingerprint", fingerprint=pair.fingerprint))
    if out_file:
        echo(t("province.key_written", path=out_file))


@province.command("register")
@click.option("--commune", "commune_code", required=True, help="Mã xã (5 chữ số)")
@click.option("--key", "key_hex", required=True, help="Khóa công khai của xã (64 ký tự hex, `kehoach keys show`)")
@click.option("--replace", is_flag=True, help="Thay khóa đã đăng ký (xã mất máy, cài lại): khóa cũ giữ trong lịch sử")
@click.option("--officer", default="", help="Họ tên cán bộ")
@pass_app
def province_register(app: AppContext, commune_code: str, key_hex: str, replace: bool, officer: str) -> None:
    """Đăng ký khóa công khai của một xã; in dấu vân tay để đọc lại với xã."""
    _register(app, commune_code, key_hex, replace, officer)


@province.command("rekey")
@click.option("--commune", "commune_code", required=True, help="Mã xã (5 chữ số)")
@click.option("--key", "key_hex", required=True, help="Khóa công khai mới của xã (máy mới)")
@click.option("--officer", default="", help="Họ tên cán bộ")
@pass_app
def province_rekey(app: AppContext, commune_code: str, key_hex: str, officer: str) -> None:
    """Thay khóa của một xã (mất máy, cài lại): như register --replace."""
    _register(app, commune_code, key_hex, True, officer)


def _register(app: AppContext, commune_code: str, key_hex: str, replace: bool, officer: str) -> None:
    from ..domain.vntext import clean_line
    from ..province.registry import register_commune
    from ..sync.keys import fingerprint

    store = _open(app)
    try:
        done = _call(register_commune, store, commune_code, key_hex, actor=clean_line(officer) or "Sở",
                     replace=replace)
    finally:
        store.close()
    entry = done.entry
    if done.replaced:
        echo(t("province.rekeyed", name=entry.name, code=entry.code, fingerprint=entry.fingerprint,
               old=fingerprint(done.replaced), bundles=done.replaced_bundles))
        return
    key = "province.registered" if done.changed else "province.registered_already"
    echo(t(key, name=entry.name, code=entry.code, fingerprint=entry.fingerprint))


@province.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Kiểm tra và tính kết quả nhưng không ghi gì")
@click.option("--receipts", "receipts_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi biên nhận (mặc định: thư mục gửi đi/receipts)")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@click.option("--officer", default="", help="Họ tên cán bộ")
@pass_app
def province_import(app: AppContext, paths: tuple[Path, ...], dry_run: bool, receipts_dir: Path | None,
                    as_json: bool, officer: str) -> None:
    """Nhập tệp đồng bộ (.khsync) hoặc thư đã lưu (.eml) của các xã: từng tệp, hoặc cả thư mục."""
    from dataclasses import asdict

    from ..domain.vntext import clean_line
    from ..mail import eml
    from ..province.importer import default_receipts_dir, import_bundles
    from ..sync.bundle import BUNDLE_SUFFIX
    from ..sync.files import read_items

    files = eml.gather(list(paths), BUNDLE_SUFFIX)  # .eml messages too: their attachments, in memory
    if not files:
        raise UserError(t("province.import_none"))
    store = _open(app)
    try:
        items = eml.stream(read_items(files), BUNDLE_SUFFIX)  # read one by one, as the import goes
        summary = _call(import_bundles, store, items, dry_run=dry_run, receipts_dir=receipts_dir,
                        actor=clean_line(officer) or "Sở", total=len(files))
    finally:
        store.close()
    if as_json:
        emit_json({"dry_run": dry_run, "files": [asdict(f) for f in summary.files],
                   "communes": {code: asdict(tally) for code, tally in summary.per_commune().items()}})
    else:
        _print_summary(summary, receipts_dir or default_receipts_dir())
    if summary.rejected:
        sys.exit(1)  # some files refused: a script can tell


def _print_summary(summary, receipts_dir: Path) -> None:
    from ..province.present import gap_text

    for item in summary.files:
        name = Path(item.source).name
        values = dict(file=name, name=item.commune_name, code=item.commune_code, seq_from=item.seq_from,
                      seq_to=item.seq_to, new=item.new, updated=item.updated, unchanged=item.unchanged)
        if item.status == "rejected":
            echo(t("province.import_rejected", file=name, reason=item.reason))
        else:
            echo(t("province.import_imported" if item.status == "imported" else "province.import_already", **values))
            if item.gaps:
                echo("  " + gap_text(item.commune_name, item.gaps))
    echo(t("province.import_summary"))
    names = {f.commune_code: f.commune_name for f in summary.files}
    for code, tally in sorted(summary.per_commune().items()):
        label = f"{names.get(code) or '?'} ({code})"
        echo(f"  {label:<34} {tally.new:>6} / {tally.updated:>6} / {tally.unchanged:>6} / {tally.rejected:>3}")
    if summary.dry_run:
        echo(t("province.import_dry_run"))
    elif any(f.receipt for f in summary.files):
        echo(t("province.import_receipts", folder=receipts_dir))


@province.command("status")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@click.option("--filter", "filter_name",
              type=click.Choice(["all", "late", "not-reported", "incidents", "missing-reports", "gaps"]),
              default="all", show_default=True,
              help="Chỉ các xã chậm, chưa gửi, có sự cố mở, thiếu báo cáo, hoặc thiếu thay đổi")
@click.option("--totals", is_flag=True, help="Với --json: tỷ lệ báo cáo của cả tỉnh và các xã chưa nộp")
@pass_app
def province_status(app: AppContext, as_json: bool, filter_name: str, totals: bool) -> None:
    """Tình hình từng xã: gói gần nhất, nhiệm vụ, kiểm tra đầu giờ, sự cố, báo cáo."""
    from ..config import today
    from ..province.present import cells, counts_line, gap_text, headers, missing_lines, rates_line
    from ..province.status import apply_filter, commune_statuses, province_rates

    store = _open(app)
    try:
        day = today()
        statuses = commune_statuses(store, day)
    finally:
        store.close()
    shown = apply_filter(statuses, filter_name.replace("-", "_"), day)
    if as_json and totals:
        from dataclasses import asdict

        rates = province_rates(statuses)
        emit_json({**asdict(rates), "completeness": rates.completeness, "timeliness": rates.timeliness,
                   "communes": len(statuses), "not_sent_data": [s.code for s in statuses if s.stale(day)],
                   "missing_reports": {s.code: s.missing_reports for s in statuses if s.missing_reports},
                   "gaps": {s.code: [list(g) for g in s.gaps] for s in statuses if s.gaps}})
        return
    if as_json:
        emit_json([s.to_json(day) for s in shown])
        return
    echo(counts_line(statuses, day))
    echo(rates_line(statuses))
    rows = [headers()] + [cells(s, day) for s in shown]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    widths[0] = min(widths[0], 30)
    for row in rows:
        echo("  ".join(cell[:widths[i]].ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    for line in missing_lines(shown):
        echo(line)
    for s in shown:
        if s.gaps:
            echo(gap_text(s.name, s.gaps))


@province.command("report")
@click.option("--format", "fmt", type=click.Choice(["docx", "xlsx", "md"]), default="docx", show_default=True)
@click.option("--period", default=None, help="Tháng báo cáo: 2025-11 hoặc 11/2025 (mặc định: tháng này)")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp báo cáo (mặc định: thư mục hiện tại)")
@pass_app
def province_report(app: AppContext, fmt: str, period: str | None, out_file: Path | None) -> None:
    """Báo cáo tổng hợp tháng của tỉnh (thể thức Nghị định 30/2020): từng xã, phường."""
    from ..config import today
    from ..domain.periods import PeriodError, parse_period
    from ..province.report import default_report_name, write_report

    day = today()
    try:
        chosen = parse_period("month", period, day)
    except PeriodError as exc:
        raise UserError(str(exc)) from None
    store = _open(app)
    try:
        path = out_file or Path.cwd() / default_report_name(store, fmt, day, chosen)
        _call(write_report, store, path, fmt, day, chosen)
    finally:
        store.close()
    echo(t("province.report_written", path=path))


@province.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def province_doctor(app: AppContext, as_json: bool) -> None:
    """Kiểm tra an toàn cơ sở dữ liệu cấp tỉnh (như kehoach doctor)."""
    from .safety import run_doctor

    run_doctor(province_db_path(app), as_json)


@province.command("backup")
@click.option("--out", type=click.Path(), default=None, help="Tệp hoặc thư mục đích")
@pass_app
def province_backup(app: AppContext, out: str | None) -> None:
    """Sao lưu cơ sở dữ liệu cấp tỉnh ngay."""
    from .safety import make_backup

    make_backup(province_db_path(app), out)


@province.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
@pass_app
def province_restore(app: AppContext, source: Path) -> None:
    """Khôi phục cơ sở dữ liệu cấp tỉnh từ một bản sao lưu của nó."""
    from .safety import restore_from

    restore_from(province_db_path(app), source)
