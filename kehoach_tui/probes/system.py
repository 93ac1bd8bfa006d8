"""Checks of this computer and of the app's own data: free disk, clock, database, backup."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

from ..domain.numbers import fmt_number
from ..i18n import t
from . import FAIL, OK, WARN, ProbeContext, ProbeResult

GIB = 1024 ** 3
DISK_FAIL_BYTES = GIB // 2
DISK_WARN_BYTES = 2 * GIB
DISK_WARN_SHARE = 0.05


def _existing(path: Path) -> Path:
    """The folder itself, or its nearest existing parent (the data folder may not exist yet)."""
    path = path.resolve()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _gb(n: int) -> str:
    return fmt_number(n / GIB, 1)


def disk(ctx: ProbeContext) -> ProbeResult:
    usage = shutil.disk_usage(_existing(ctx.data_dir))
    share = usage.free / usage.total if usage.total else 0
    text = t("probe.disk", free=_gb(usage.free), total=_gb(usage.total), percent=round(100 * share))
    if usage.free < DISK_FAIL_BYTES:
        return ProbeResult("disk", FAIL, text)
    if usage.free < DISK_WARN_BYTES or share < DISK_WARN_SHARE:
        return ProbeResult("disk", WARN, text)
    return ProbeResult("disk", OK, text)


def clock(ctx: ProbeContext) -> ProbeResult:
    """Warn when the clock reads earlier than the newest change-log entry: a PC whose CMOS
    battery died boots in the past, and every time it records would be wrong."""
    if not ctx.last_change_at or not ctx.now_utc_iso:
        return ProbeResult("clock", OK, t("probe.clock_nothing"))
    last = dt.datetime.fromisoformat(ctx.last_change_at.replace("Z", "+00:00"))
    now = dt.datetime.fromisoformat(ctx.now_utc_iso.replace("Z", "+00:00"))
    if now < last - dt.timedelta(seconds=5):
        shown = last.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M")
        return ProbeResult("clock", WARN, t("probe.clock_behind", last=shown))
    return ProbeResult("clock", OK, t("probe.clock_ok"))


def database(ctx: ProbeContext) -> ProbeResult:
    if ctx.quick_check is None:
        return ProbeResult("database", WARN, t("probe.db_unknown"))
    answer = ctx.quick_check()
    if answer == "ok":
        return ProbeResult("database", OK, t("probe.db_ok"))
    return ProbeResult("database", FAIL, t("probe.db_bad", reason=answer[:160]))


def newest_backup(folder: Path) -> Path | None:
    if not folder.is_dir():
        return None
    files = [p for p in folder.iterdir() if p.is_file()]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)


def backup(ctx: ProbeContext) -> ProbeResult:
    newest = newest_backup(ctx.data_dir / "backups")
    if newest is None:
        return ProbeResult("backup", WARN, t("probe.backup_none"))
    # file times are real wall-clock times, so compare with the real clock
    age_days = (time.time() - newest.stat().st_mtime) / 86400
    days = max(0, int(age_days))
    text = t("probe.backup_age", days=days, name=newest.name)
    return ProbeResult("backup", OK if age_days <= ctx.backup_max_age_days else WARN, text)
