"""The error log: the traceback of an unexpected error, in kehoach.log beside the database.

The officer sees one line; whoever helps them later reads the file. It is kept small: past
MAX_BYTES the file becomes kehoach.log.1 (the one older file kept) and a new one starts.
Writing it never raises: a log that cannot be written must not add a second failure.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from .atomic_write import rotate

LOG_NAME = "kehoach.log"
MAX_BYTES = 512 * 1024


def log_path(db_path: Path | None) -> Path:
    """Beside the database file; the data folder for an in-memory database."""
    if db_path is not None:
        return Path(db_path).parent / LOG_NAME
    from .config import data_dir

    return data_dir() / LOG_NAME


def log_error(path: Path, error: BaseException, context: str) -> bool:
    """Append the time, context and traceback of error. False when the file cannot be written."""
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    text = f"{stamp} {context}\n{''.join(traceback.format_exception(error))}\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size + len(text.encode("utf-8")) > MAX_BYTES:
            rotate(path, path.with_name(path.name + ".1"))
        with open(path, "a", encoding="utf-8") as log:
            log.write(text)
    except OSError:
        return False
    return True
