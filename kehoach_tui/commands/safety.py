"""kehoach backup / restore / doctor: copies of the data, putting one back, a health check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..i18n import t, tn
from .common import AppContext, UserError, echo, emit_json, pass_app


def kinds():
    """The databases the safety tools know: the commune's and the province's."""
    from ..province.store.db import province_kind
    from ..store.kinds import commune_kind

    return commune_kind(), province_kind()


@click.command()
@click.option("--out", type=click.Path(), default=None,
              help="Tệp hoặc thư mục đích (mặc định: thư mục sao lưu trong thư mục dữ liệu)")
@pass_app
def backup(app: AppContext, out: str | None) -> None:
    """Sao lưu cơ sở dữ liệu ngay (bản sao đầy đủ, kiểm tra được)."""
    make_backup(app.db_path, out)


def make_backup(db_path: Path, out: str | None) -> None:
    from ..store import StoreError
    from ..store.backup import manual_backup

    try:
        path = manual_backup(db_path, out)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    echo(t("safety.backup_done", path=path))


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@pass_app
def restore(app: AppContext, source: Path) -> None:
    """Khôi phục từ một bản sao lưu (kiểm tra trước; giữ lại cơ sở dữ liệu hiện tại)."""
    restore_from(app.db_path, source)


def restore_from(db_path: Path, source: Path) -> None:
    from ..config import fmt_datetime
    from ..store import StoreError
    from ..store.backup import restore as restore_backup

    try:
        info, kept = restore_backup(db_path, source, kinds())
    except StoreError as exc:
        raise UserError(str(exc)) from None
    if kept:
        echo(t("safety.restore_kept", path=kept))
    last = fmt_datetime(info.last_change_at) or "-"
    if info.kind == "province":
        echo(t("safety.restore_done_province", db=db_path, source=source, name=info.commune_name or "-",
               keys=info.tasks, bundles=info.changes, last=last))
        return
    echo(t("safety.restore_done", db=db_path, source=source, commune=info.commune_name or "-",
           tasks=tn("count.tasks", info.tasks), changes=tn("count.changes", info.changes), last=last))


MARKS = {"ok": "✓", "warn": "!", "fail": "✗"}


@click.command()
@click.option("--json", "as_json", is_flag=True, help="In ra JSON")
@pass_app
def doctor(app: AppContext, as_json: bool) -> None:
    """Kiểm tra an toàn dữ liệu: toàn vẹn, lược đồ, sao lưu, khóa, dung lượng trống."""
    run_doctor(app.db_path, as_json)


def run_doctor(db_path: Path, as_json: bool) -> None:
    from ..store.doctor import healthy, run_checks
    from ..sync.keys import doctor_status

    checks = run_checks(db_path, key_status=doctor_status, kinds=kinds())
    if as_json:
        emit_json([{"check": c.name, "status": c.status, "detail": c.detail} for c in checks])
    else:
        for check in checks:
            echo(f"{MARKS[check.status]} {t('doctor.name.' + check.name)}: {check.detail}")
        echo(t("doctor.summary_ok") if healthy(checks) else t("doctor.summary_fail"))
    if not healthy(checks):
        sys.exit(1)
