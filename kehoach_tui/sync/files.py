"""Reading the files handed to an import, for the commune (`kehoach import`) and the
province (`kehoach province import`) alike: only regular files, their size checked before a
byte is read and capped while reading, one file in memory at a time, and one way to report
a file that cannot be read.

A FIFO or a device (`/dev/zero`) would otherwise be read without end, and a folder of big
files read whole before the first check."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..domain.numbers import fmt_size
from ..errors import os_reason
from ..i18n import t

MAX_FILE_READ = 64 * 1024 * 1024  # an .eml carrying a bundle: base64 makes it a third bigger
_CHUNK = 1024 * 1024


def cap_for(path: Path) -> int:
    """The most a file of this kind may hold: a bundle or a receipt is refused past its
    format's own limit without being read."""
    from .bundle import BUNDLE_SUFFIX, MAX_FILE
    from .receipt import MAX_FILE as MAX_RECEIPT
    from .receipt import RECEIPT_SUFFIX

    name = path.name.lower()
    if name.endswith(BUNDLE_SUFFIX):
        return MAX_FILE
    if name.endswith(RECEIPT_SUFFIX):
        return MAX_RECEIPT
    return MAX_FILE_READ


def gather_files(paths: Iterable[Path], suffix: str) -> list[Path]:
    """Files given, and entries with suffix inside folders given (not recursive), sorted.
    Entries that are not regular files are listed too, so they are refused by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.name.endswith(suffix)))
        else:
            found.append(path)
    return found


class ReadRefused(OSError):
    """A file that is not read: not a regular file, or too big. str() is the reason."""


def _mb(size: int) -> str:
    return fmt_size(size, "MiB")  # "64,0": Vietnamese decimals


def read_file(path: Path, cap: int | None = None) -> bytes:
    """The bytes of a regular file of at most cap bytes; ReadRefused (an OSError) otherwise."""
    cap = cap_for(Path(path)) if cap is None else cap
    info = os.stat(path)
    _check(info, cap)
    # O_NONBLOCK: should the path become a FIFO after the stat, opening it does not wait
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        _check(os.fstat(fd), cap)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:  # it grew since the stat
                raise ReadRefused(t("sync.err_file_too_big", size=">" + _mb(cap), limit=_mb(cap)))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _check(info: os.stat_result, cap: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ReadRefused(t("sync.err_is_folder"))
    if not stat.S_ISREG(info.st_mode):
        raise ReadRefused(t("sync.err_not_regular"))
    if info.st_size > cap:
        raise ReadRefused(t("sync.err_file_too_big", size=_mb(info.st_size), limit=_mb(cap)))


def read_items(paths: Iterable[Path]) -> Iterator[tuple[str, bytes | str]]:
    """(name, bytes) per file, read when asked for; (name, reason) for a file that cannot be
    read, is not a regular file, or is too big."""
    for path in paths:
        try:
            yield str(path), read_file(Path(path))
        except ReadRefused as exc:
            yield str(path), str(exc)
        except OSError as exc:
            yield str(path), t("sync.err_read", reason=os_reason(exc))
