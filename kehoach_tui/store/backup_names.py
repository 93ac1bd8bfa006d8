"""Where a database's backups go and what they are called: apart from store/backup.py so that
every command can see, with one stat, whether today's backup is still to be made without
loading the code that makes one (compression, checks)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..config import data_dir, default_db_path, today

# Backups the app names itself are compressed (store/backup_file.py); one under a name the
# officer gives is as named.
SUFFIX = ".xz"
EXT = ".db" + SUFFIX


def backups_dir() -> Path:
    return data_dir() / "backups"


def backup_set(db_path: Path) -> str:
    """File-name prefix of one database's backups: "kehoach" for the default database;
    another database adds a short hash of its path so two databases never share backups."""
    db_path = Path(db_path)
    stem = re.sub(r"[^\w-]+", "_", db_path.stem) or "kehoach"
    if _same_path(db_path, default_db_path()):
        return stem
    digest = _sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:6]
    return f"{stem}-{digest}"


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def daily_path(db_path: Path, day: dt.date | None = None) -> Path:
    return backups_dir() / f"{backup_set(db_path)}-{(day or today()).isoformat()}{EXT}"


def daily_backup_due(db_path: Path) -> bool:
    """Today's automatic backup is not there yet (nor a plain .db of today, which an earlier
    version made before backups were compressed) and there is a database to copy."""
    target = daily_path(db_path)
    return not (target.exists() or target.with_suffix("").exists()) and Path(db_path).is_file()


def _sha1(data: bytes):
    # Python's own SHA-1, where there is one: hashlib starts OpenSSL (≈ 2 ms), and this runs
    # in every command on a database other than the default one. The same digest either way.
    try:
        from _sha1 import sha1
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import sha1
    return sha1(data)
