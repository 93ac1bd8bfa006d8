"""Backups: the automatic daily copy, copies on demand, restore, and the health check.

A backup is a complete SQLite file made with VACUUM INTO a temp file beside its final
name, fsynced, then renamed: a power cut leaves either the old set of backups or the new
one, never a half-written file under a backup's name. What a backup is (daily, manual,
kept before a restore) and when it was made live in the file name, so no table records
them and a backup folder copied elsewhere still explains itself.

Daily backups are kept for 7 days, the newest of each ISO week for 4 weeks and the newest
of each month for 12 months.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..atomic_write import replace_durably
from ..config import TZ, data_dir, default_db_path, now_utc, today
from ..errors import StoreError, os_reason
from ..i18n import t
from .db import SCHEMA_VERSION, _connect, explain, open_store

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
STALE_TEMP_SECONDS = 3600
SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = ("settings", "changes")


def backups_dir() -> Path:
    return data_dir() / "backups"


def backup_set(db_path: Path) -> str:
    """File-name prefix of one database's backups: "kehoach" for the default database;
    another database adds a short hash of its path so two databases never share backups."""
    db_path = Path(db_path)
    stem = re.sub(r"[^\w-]+", "_", db_path.stem) or "kehoach"
    if _same_path(db_path, default_db_path()):
        return stem
    digest = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:6]
    return f"{stem}-{digest}"


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def daily_path(db_path: Path, day: dt.date | None = None) -> Path:
    return backups_dir() / f"{backup_set(db_path)}-{(day or today()).isoformat()}.db"


def _stamp() -> str:
    return now_utc().astimezone(TZ).strftime("%Y%m%d-%H%M%S")


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


# --- writing a backup ----------------------------------------------------------------------


def _open_source(db_path: Path) -> sqlite3.Connection:
    """A connection that only reads db_path (no migration, no journal-mode change)."""
    from .db import _open_read_only

    if not db_path.is_file():
        raise StoreError(t("safety.no_database", path=db_path))
    conn = None
    try:
        conn = _connect(db_path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        fallback = _open_read_only(db_path)
        if fallback is None:
            raise StoreError(explain(exc)) from exc
        return fallback


def write_backup(db_path: Path, dest: Path) -> Path:
    """Copy the database (committed data, WAL included) to dest: temp file, fsync, rename."""
    db_path, dest = Path(db_path), Path(dest)
    if _same_path(db_path, dest):
        raise StoreError(t("safety.backup_onto_itself"))
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(dest.parent)
        tmp.unlink(missing_ok=True)
        conn = _open_source(db_path)
        try:
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            conn.close()
        replace_durably(tmp, dest)
    except sqlite3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(t("safety.backup_failed", reason=explain(exc))) from exc
    except OSError as exc:
        _quiet_unlink(tmp)
        raise StoreError(t("safety.backup_failed", reason=os_reason(exc))) from exc
    return dest


def _quiet_unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _remove_stale_temps(folder: Path) -> None:
    """Temp files left by a backup that was cut off (power cut, killed process)."""
    limit = time.time() - STALE_TEMP_SECONDS
    for leftover in folder.glob(".*.tmp"):
        try:
            if leftover.stat().st_mtime < limit:
                leftover.unlink()
        except OSError:
            pass


def manual_backup(db_path: Path, out: Path | str | None = None) -> Path:
    """`kehoach backup`: to out (a file, or a folder to put it in), else the backup folder."""
    name = f"{backup_set(db_path)}-thu-cong-{_stamp()}.db"
    if out is None:
        dest = _unique(backups_dir() / name)
    else:
        folder = Path(out).is_dir() or str(out).endswith(("/", "\\"))
        out = Path(out)
        dest = out / name if folder else out
    return write_backup(db_path, dest)


def before_migration(db_path: Path) -> Path:
    """The copy kept before a newer version changes the database's schema (an upgrade):
    if the migration or the new version goes wrong, this is the data as the old one left it."""
    dest = _unique(backups_dir() / f"{backup_set(db_path)}-truoc-nang-cap-{_stamp()}.db")
    return write_backup(db_path, dest)


def ensure_daily_backup(db_path: Path | None) -> Path | None:
    """The automatic backup at the first start of each day. Cheap when today's exists (one
    stat), so it can run at every start. Returns the new file, or None when nothing was done."""
    if db_path is None:
        return None
    target = daily_path(db_path)
    if target.exists() or not Path(db_path).is_file():
        return None
    write_backup(db_path, target)
    prune(db_path)
    return target


_DAILY = re.compile(r"^(?P<set>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.db$")


def daily_backups(db_path: Path) -> list[tuple[dt.date, Path]]:
    """This database's daily backups, newest first."""
    wanted = backup_set(db_path)
    found = []
    folder = backups_dir()
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = _DAILY.match(path.name)
        if match and match["set"] == wanted:
            try:
                found.append((dt.date.fromisoformat(match["day"]), path))
            except ValueError:
                continue
    return sorted(found, reverse=True)


def to_keep(days: list[dt.date]) -> set[dt.date]:
    """The 7 newest days, the newest day of each of the 4 newest ISO weeks and of each of
    the 12 newest months: a year back at most 23 copies, most of them a month apart."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:KEEP_DAILY])
    weeks: dict[tuple[int, int], dt.date] = {}
    months: dict[tuple[int, int], dt.date] = {}
    for day in ordered:
        weeks.setdefault(day.isocalendar()[:2], day)
        months.setdefault((day.year, day.month), day)
    keep.update(sorted(weeks.values(), reverse=True)[:KEEP_WEEKLY])
    keep.update(sorted(months.values(), reverse=True)[:KEEP_MONTHLY])
    return keep


def prune(db_path: Path) -> list[Path]:
    """Delete daily backups outside the retention; manual and pre-restore copies stay."""
    backups = daily_backups(db_path)
    keep = to_keep([day for day, _ in backups])
    removed = []
    for day, path in backups:
        if day not in keep:
            _quiet_unlink(path)
            removed.append(path)
    return removed


def all_backups(db_path: Path) -> list[tuple[dt.datetime, Path]]:
    """Every backup of this database (daily, manual, before-restore) with the local time
    its name records, newest first."""
    folder = backups_dir()
    if not folder.is_dir():
        return []
    prefix = backup_set(db_path) + "-"
    found = []
    for path in folder.glob(prefix + "*.db"):
        made = made_at(path.name[len(prefix):])
        if made is not None and path.is_file():
            found.append((made, path))
    return sorted(found, reverse=True)


_MADE = re.compile(r"^(?:(?P<day>\d{4}-\d{2}-\d{2})|(?:thu-cong|truoc-khoi-phuc|truoc-nang-cap)-(?P<stamp>\d{8}-\d{6}))(?:-\d+)?\.db$")


def made_at(rest: str) -> dt.datetime | None:
    """When a backup was made, from its name after the set prefix (daily: the day's start)."""
    match = _MADE.match(rest)
    if not match:
        return None
    try:
        if match["day"]:
            return dt.datetime.combine(dt.date.fromisoformat(match["day"]), dt.time(), tzinfo=TZ)
        return dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=TZ)
    except ValueError:
        return None


# --- checking and restoring ----------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema_version: int
    commune_name: str
    tasks: int
    changes: int
    last_change_at: str


def _open_file_read_only(path: Path) -> sqlite3.Connection:
    """Read a backup file as it is: immutable, so nothing (no -wal, no -shm) is created."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)


def check_backup(path: Path) -> BackupInfo:
    """A file fit to restore: an SQLite database, integrity ok, a schema this app knows."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(t("safety.no_file", path=path))
    with open(path, "rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise StoreError(t("safety.not_a_database", path=path))
    conn = _open_file_read_only(path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise StoreError(t("safety.integrity_failed", path=path, detail=result))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(t("error.db_newer", found=version, known=SCHEMA_VERSION))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version < 1 or not set(REQUIRED_TABLES) <= tables:
            raise StoreError(t("safety.not_kehoach", path=path))
        name = conn.execute("SELECT value FROM settings WHERE key = 'commune_name'").fetchone()
        tasks = conn.execute("SELECT count(*) FROM tasks WHERE deleted = 0").fetchone()[0] if "tasks" in tables else 0
        changes, last = conn.execute("SELECT count(*), max(at) FROM changes").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(t("safety.integrity_failed", path=path, detail=explain(exc))) from exc
    finally:
        conn.close()
    import json

    return BackupInfo(path, version, json.loads(name[0]) if name else "", tasks, changes, last or "")


def restore(db_path: Path, source: Path) -> tuple[BackupInfo, Path | None]:
    """Replace the database's content with a checked backup. The current database is first
    kept as a backup (returned). Goes through SQLite's backup API, so the replacement is one
    transaction: a power cut midway leaves the old content."""
    db_path, source = Path(db_path), Path(source)
    if _same_path(db_path, source):
        raise StoreError(t("safety.restore_onto_itself"))
    info = check_backup(source)
    kept = None
    if db_path.is_file():
        kept = _unique(backups_dir() / f"{backup_set(db_path)}-truoc-khoi-phuc-{_stamp()}.db")
        try:
            write_backup(db_path, kept)
        except StoreError:
            # A damaged database cannot be vacuumed: keep its raw files instead.
            kept = _copy_raw(db_path, kept)
    _copy_into(source, db_path)
    store = open_store(db_path)  # migrates a backup from an earlier version
    try:
        if store.conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StoreError(t("safety.integrity_failed", path=db_path, detail="quick_check"))
    finally:
        store.close()
    return info, kept


def _copy_raw(db_path: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db_path, dest)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))
    return dest


def _copy_into(source: Path, db_path: Path) -> None:
    src = _open_file_read_only(source)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            dst = _connect(db_path)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.DatabaseError as exc:
            if not getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
                raise StoreError(t("safety.restore_failed", reason=explain(exc))) from exc
            _replace_damaged(src, db_path)
    finally:
        src.close()


def _replace_damaged(src: sqlite3.Connection, db_path: Path) -> None:
    """The current file is not readable as a database: swap in a fresh copy by rename."""
    tmp = db_path.with_name(f".{db_path.name}.restore.tmp")
    tmp.unlink(missing_ok=True)
    src.execute("VACUUM INTO ?", (str(tmp),))
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    replace_durably(tmp, db_path)
