"""`kehoach doctor`: is the data safe? Reads only; never migrates or creates anything.

Each check is ok, warn (worth knowing, nothing lost) or fail (something is wrong: the
command exits non-zero).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import data_dir, fmt_datetime, now_utc
from ..domain.numbers import fmt_number
from ..errors import os_reason
from ..i18n import t, tn
from .backup import _open_file_read_only, all_backups, backups_dir
from .db import SCHEMA_VERSION, _open_read_only, explain

FREE_FAIL_BYTES = 50 * 1024 * 1024
FREE_WARN_BYTES = 500 * 1024 * 1024
BACKUP_WARN_DAYS = 7


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # "ok" | "warn" | "fail"
    detail: str


KeyStatus = Callable[[str], tuple[str, str]]


def run_checks(db_path: Path, *, key_status: KeyStatus) -> list[Check]:
    """Every check, in the order shown. key_status(commune code) → (status, detail) checks
    the commune's signing key: the sync package knows keys, the store does not."""
    db_path = Path(db_path)
    checks = [_database(db_path)]
    if checks[0].status != "fail":
        checks += _integrity_and_schema(db_path)
    checks += [_writable(db_path.parent), _last_backup(db_path), _keys(db_path, key_status), _free_disk(db_path)]
    return checks


def _database(db_path: Path) -> Check:
    if not db_path.is_file():
        return Check("database", "fail", t("doctor.no_database", path=db_path))
    return Check("database", "ok", str(db_path))


def _connect_read(db_path: Path) -> sqlite3.Connection:
    conn = _open_read_only(db_path)
    if conn is None:
        raise sqlite3.OperationalError("unable to open database file")
    return conn


def _integrity_and_schema(db_path: Path) -> list[Check]:
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
    if version > SCHEMA_VERSION:
        schema = Check("schema", "fail", t("error.db_newer", found=version, known=SCHEMA_VERSION))
    elif version < SCHEMA_VERSION:
        schema = Check("schema", "warn", t("doctor.schema_old", found=version, known=SCHEMA_VERSION))
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
        conn = _open_file_read_only(newest)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        return Check("backup", "fail", t("doctor.backup_damaged", path=newest))
    age = (now_utc() - made).days
    status = "warn" if age >= BACKUP_WARN_DAYS else "ok"
    return Check("backup", status, tn("doctor.backup", len(backups), when=fmt_datetime(made), path=newest))


def _keys(db_path: Path, key_status: KeyStatus) -> Check:
    code = _commune_code(db_path)
    if not code:
        return Check("keys", "warn", t("doctor.no_keys", folder=data_dir() / "keys"))
    return Check("keys", *key_status(code))


def _commune_code(db_path: Path) -> str:
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'commune_code'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""
    return json.loads(row[0]) if row else ""


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
