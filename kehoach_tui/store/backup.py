"""Backups: the automatic daily copy, copies on demand, restore, and the health check.

A backup is a complete SQLite file made with VACUUM INTO a temp file beside its final
name, checked, compressed and read back (store/backup_file.py), fsynced, then renamed: a power cut leaves either the old set of backups or the new
one, never a half-written file under a backup's name. What a backup is (daily, manual,
kept before a restore) and when it was made live in the file name, so no table records
them and a backup folder copied elsewhere still explains itself.

Daily backups are kept for 7 days, the newest of each ISO week for 4 weeks and the newest
of each month for 12 months.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..atomic_write import replace_durably
from ..config import TZ, now_utc
from ..errors import StoreError, os_reason
from ..i18n import t
from .backup_file import compress_verified, is_compressed, plain_copy, quick_check
from .backup_names import EXT, _same_path, backup_set, backups_dir, daily_backup_due, daily_path  # noqa: F401  (this module's API)
from .db import _connect, explain
from .kinds import DatabaseKind, application_id, commune_kind, kind_of

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
STALE_TEMP_SECONDS = 3600
SQLITE_HEADER = b"SQLite format 3\x00"


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
    """Copy the database (committed data, WAL included) to dest: temp file, checked (and
    for a .xz name compressed and read back), fsync, rename."""
    db_path, dest = Path(db_path), Path(dest)
    if _same_path(db_path, dest):
        raise StoreError(t("safety.backup_onto_itself"))
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    plain = dest.with_name(f".{dest.name}.{os.getpid()}.plain.tmp") if is_compressed(dest) else tmp
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(dest.parent)
        for leftover in {tmp, plain}:
            leftover.unlink(missing_ok=True)
        conn = _open_source(db_path)
        try:
            conn.execute("VACUUM INTO ?", (str(plain),))
        finally:
            conn.close()
        if plain != tmp:
            compress_verified(plain, tmp)
        elif not quick_check(tmp):
            raise StoreError(t("safety.backup_failed", reason="quick_check"))
        replace_durably(tmp, dest)
    except sqlite3.DatabaseError as exc:
        _quiet_unlink(tmp)
        raise StoreError(t("safety.backup_failed", reason=explain(exc))) from exc
    except OSError as exc:
        _quiet_unlink(tmp)
        raise StoreError(t("safety.backup_failed", reason=os_reason(exc))) from exc
    except StoreError:
        _quiet_unlink(tmp)
        raise
    finally:
        if plain != tmp:
            _quiet_unlink(plain)
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
    name = f"{backup_set(db_path)}-thu-cong-{_stamp()}{EXT}"
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
    dest = _unique(backups_dir() / f"{backup_set(db_path)}-truoc-nang-cap-{_stamp()}{EXT}")
    return write_backup(db_path, dest)


def ensure_daily_backup(db_path: Path | None) -> Path | None:
    """The automatic backup at the first start of each day. Cheap when today's exists (one
    stat), so it can run at every start. Returns the new file, or None when nothing was done."""
    if db_path is None or not daily_backup_due(db_path):
        return None
    target = daily_path(db_path)
    write_backup(db_path, target)
    prune(db_path)
    return target


_DAILY = re.compile(r"^(?P<set>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.db(?:\.xz)?$")


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
    for path in [*folder.glob(prefix + "*.db"), *folder.glob(prefix + "*" + EXT)]:
        made = made_at(path.name[len(prefix):])
        if made is not None and path.is_file():
            found.append((made, path))
    return sorted(found, reverse=True)


_MADE = re.compile(r"^(?:(?P<day>\d{4}-\d{2}-\d{2})|(?:thu-cong|truoc-khoi-phuc|truoc-nang-cap)-(?P<stamp>\d{8}-\d{6}))(?:-\d+)?\.db(?:\.xz)?$")


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
    commune_name: str  # a province backup: the province's name
    tasks: int         # a province backup: communes with a registered key
    changes: int       # a province backup: bundles imported
    last_change_at: str
    kind: str = "commune"


def _open_file_read_only(path: Path) -> sqlite3.Connection:
    """Read a backup file as it is: immutable, so nothing (no -wal, no -shm) is created."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)


def _kinds(kinds: tuple[DatabaseKind, ...] | None) -> tuple[DatabaseKind, ...]:
    return kinds or (commune_kind(),)


def check_backup(path: Path, kinds: tuple[DatabaseKind, ...] | None = None) -> BackupInfo:
    """A file fit to restore: an SQLite database (or one compressed) of a kind given (the
    commune's unless told), integrity ok, a schema this app knows."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(t("safety.no_file", path=path))
    with plain_copy(path) as plain:
        return _check_plain(path, plain, kinds)


def _check_plain(path: Path, plain: Path, kinds: tuple[DatabaseKind, ...] | None) -> BackupInfo:
    with open(plain, "rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise StoreError(t("safety.not_a_database", path=path))
    conn = _open_file_read_only(plain)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise StoreError(t("safety.integrity_failed", path=path, detail=result))
        kind = kind_of(conn, _kinds(kinds))
        if kind is None:
            raise StoreError(t("safety.not_kehoach", path=path))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > kind.schema_version:
            raise StoreError(t("error.db_newer", found=version, known=kind.schema_version))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version < 1 or not set(kind.required_tables) <= tables:
            raise StoreError(t("safety.not_kehoach", path=path))
        described = kind.describe(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(t("safety.integrity_failed", path=path, detail=explain(exc))) from exc
    finally:
        conn.close()
    return BackupInfo(path, version, described.name, described.items, described.changes, described.last_change_at,
                      kind.name)


def _application_id(db_path: Path) -> int | None:
    """The application_id of the database a restore would replace; None when it cannot be read."""
    try:
        conn = _open_file_read_only(db_path)
        try:
            return application_id(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def restore(db_path: Path, source: Path, kinds: tuple[DatabaseKind, ...] | None = None) -> tuple[BackupInfo, Path | None]:
    """Replace the database's content with a checked backup of the same kind (a commune's
    over a commune's, a province's over a province's). The current database is first
    kept as a backup (returned). Goes through SQLite's backup API, so the replacement is one
    transaction: a power cut midway leaves the old content."""
    db_path, source = Path(db_path), Path(source)
    kinds = _kinds(kinds)
    if _same_path(db_path, source):
        raise StoreError(t("safety.restore_onto_itself"))
    if not source.is_file():
        raise StoreError(t("safety.no_file", path=source))
    with plain_copy(source) as plain:
        return _restore_plain(db_path, source, plain, kinds)


def _restore_plain(db_path: Path, source: Path, plain: Path,
                   kinds: tuple[DatabaseKind, ...]) -> tuple[BackupInfo, Path | None]:
    info = _check_plain(source, plain, kinds)
    kind = next(k for k in kinds if k.name == info.kind)
    current = _application_id(db_path) if db_path.is_file() else None
    if current is not None and current != kind.application_id:  # a commune's copy over the province's, or back
        raise StoreError(t("safety.restore_other_kind", path=source, db=db_path))
    kept = None
    if db_path.is_file():
        kept = _unique(backups_dir() / f"{backup_set(db_path)}-truoc-khoi-phuc-{_stamp()}{EXT}")
        try:
            write_backup(db_path, kept)
        except StoreError:
            # A damaged database cannot be vacuumed: keep its raw files instead.
            kept = _copy_raw(db_path, kept.with_suffix(""))
    _copy_into(plain, db_path)
    store = kind.open(db_path)  # migrates a backup from an earlier version
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
