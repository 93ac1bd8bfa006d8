"""Reading the files handed to an import, for the commune (`kehoach import`) and the
province (`kehoach province import`) alike: one size limit, one way to report a file that
cannot be read."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..domain.numbers import fmt_size
from ..errors import os_reason
from ..i18n import t

MAX_FILE_READ = 64 * 1024 * 1024


def gather_files(paths: Iterable[Path], suffix: str) -> list[Path]:
    """Files given, and files with suffix inside folders given (not recursive), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(suffix)))
        else:
            found.append(path)
    return found


def read_items(paths: Iterable[Path]) -> list[tuple[str, bytes | str]]:
    """(name, bytes) per file; (name, reason) for a file that cannot be read or is too big."""
    items: list[tuple[str, bytes | str]] = []
    for path in paths:
        try:
            if path.stat().st_size > MAX_FILE_READ:
                items.append((str(path), t("sync.err_file_too_big", size=fmt_size(path.stat().st_size, "MiB"),
                                             limit=fmt_size(MAX_FILE_READ, "MiB"))))
                continue
            items.append((str(path), path.read_bytes()))
        except OSError as exc:
            items.append((str(path), t("sync.err_read", reason=os_reason(exc))))
    return items
