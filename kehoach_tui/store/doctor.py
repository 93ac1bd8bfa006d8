"""`kehoach doctor`: is the data safe? Reads only; never migrates or creates anything.

Each check is ok, warn (worth knowing, nothing lost) or fail (something is wrong: the
command exits non-zero).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import data_dir, fmt_datetime, now_utc
from ..domain.numbers import fmt_number
from ..errors import StoreError, os_reason
from ..i18n import t, tn
from .backup import all_backups, backups_dir
from .backup_file import plain_copy, quick_check
from .db import _open_read_only, explain
from .kinds import DatabaseKind, commune_kind, kind_of

FREE_FAIL_BYTES = 50 * 1024 * 1024
FREE_WARN_BYTES = 500 * 1024 * 1024
BACKUP_WARN_DAYS = 7


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # "ok" | "warn" | "fail"
    detail: str


KeyStatus = Callable[..., tuple[str, str]]


def run_checks(db_path: Path, *, key_status: KeyStatus, kinds: tuple[DatabaseKind, ...] | None = None) -> list[Check]:
    """Every check, in the order shown. key_status(code, role=…) → (status, detail) checks
    the signing key: the sync package knows keys, the store does not. kinds: the kinds of
    database to recognise (the commune's unless told; the province passes its own)."""
    db_path = Path(db_path)
    kinds = kinds or (commune_kind(),)
    kind = _kind(db_path, kinds)
    checks = [_database(db_path)]
    if checks[0].status != "fail":
        checks += _integrity_and_schema(db_path, kind)
    checks += [_writable(db_path.parent), _last_backup(db_path), _keys(db_path, key_status, kind), _free_disk(db_path)]
    return checks


def _kind(db_path: Path, kinds: tuple[DatabaseKind, ...]) -> DatabaseKind:
    """The kind of the database, by its application_id; the first kind when unreadable."""
    try:
        conn = _connect_read(db_path)
        try:
            return kind_of(conn, kinds) or kinds[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return kinds[0]


def _database(db_path: Path) -> Check:
    if not db_path.is_file():
        return Check("database", "fail", t("doctor.no_database", path=db_path))
    return Check("database", "ok", str(db_path))


def _connect_read(db_path: Path) -> sqlite3.Connection:
    conn = _open_read_only(db_path)
    if conn is None:
        raise sqlite3.OperationalError("unable to open database file")
    return conn


def _integrity_and_schema(db_path: Path, kind: DatabaseKind) -> list[Check]:
    try:
        conn = _connect_read(db_path)
    except sqlite3.DatabaseError as exc:
        return [Check("integrity", "fail", explain(exc))]
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return [Check("integrity", "fail", explain(exc))]
    finally:
        conn.close()
    integrity = Check("integrity", "ok" if result == "ok" else "fail",
                      t("doctor.integrity_ok") if result == "ok" else result)
    known = kind.schema_version
    if version > known:
        schema = Check("schema", "fail", t("error.db_newer", found=version, known=known))
    elif version < known:
        schema = Check("schema", "warn", t("doctor.schema_old", found=version, known=known))
    else:
        schema = Check("schema", "ok", t("doctor.schema_ok", found=version))
    return [integrity, schema]


def _writable(folder: Path) -> Check:
    """Really try: permission bits say nothing about a read-only mount or a full disk."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".kehoach-doctor-"):
            pass
    except OSError as exc:
        return Check("writable", "fail", t("doctor.not_writable", path=folder, reason=os_reason(exc)))
    return Check("writable", "ok", t("doctor.writable", path=folder))


def _last_backup(db_path: Path) -> Check:
    backups = all_backups(db_path)
    if not backups:
        return Check("backup", "fail", t("doctor.no_backup", folder=backups_dir()))
    made, newest = backups[0]
    try:
        with plain_copy(newest) as plain:  # a compressed backup is checked decompressed
            ok = quick_check(plain)
    except (StoreError, OSError):
        ok = False
    if not ok:
        return Check("backup", "fail", t("doctor.backup_damaged", path=newest))
    age = (now_utc() - made).days
    status = "warn" if age >= BACKUP_WARN_DAYS else "ok"
    return Check("backup", status, tn("doctor.backup", len(backups), when=fmt_datetime(made), path=newest))


def _keys(db_path: Path, key_status: KeyStatus, kind: DatabaseKind) -> Check:
    code = _identity(db_path, kind)
    if not code:
        return Check("keys", "warn", t("doctor.no_keys", folder=data_dir() / "keys"))
    if kind.key_role == "commune":
        return Check("keys", *key_status(code))
    return Check("keys", *key_status(code, role=kind.key_role))


def _identity(db_path: Path, kind: DatabaseKind) -> str:
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return kind.identity(conn)
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return ""


def _free_disk(db_path: Path) -> Check:
    folder = db_path.parent if db_path.parent.is_dir() else data_dir()
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        return Check("disk", "warn", str(exc))
    size = db_path.stat().st_size if db_path.is_file() else 0
    text = t("doctor.free", free=_human(free))
    if free < max(FREE_FAIL_BYTES, 3 * size):
        return Check("disk", "fail", text)
    return Check("disk", "warn" if free < FREE_WARN_BYTES else "ok", text)


def _human(size: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{fmt_number(size, 1)} {unit}"
        size /= 1024
    return f"{fmt_number(size, 1)} TiB"


def healthy(checks: list[Check]) -> bool:
    return all(c.status != "fail" for c in checks)
