"""Writing a file so that it is either whole or absent: the one helper for reports, sync
bundles and receipts, backups and the signing keys.

The data goes to a temp file beside the target (same folder, so the same file system), is
flushed to disk, and only then takes the final name; the folder is flushed too, so the new
name survives a power cut. A crash or a full disk at any point leaves the old file (or none)
and at most a stray `.<name>.<random>.tmp`, never half a file under the real name.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def write_atomic(path: Path, data: bytes, *, durable: bool = True, exclusive: bool = False,
                 private: bool = False) -> None:
    """Write data to path whole or not at all; OSError (the temp file removed) otherwise.

    durable=False skips the flushes, for files that can simply be made again.
    exclusive=True never replaces an existing file: FileExistsError, and that file is kept
    (two processes creating the same key: the first one wins, the second reads it).
    private=True: readable by the owner only, from the first byte on."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = _create_temp(path, 0o600 if private else 0o666)
    try:
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        _publish(temp, path, exclusive)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def flush_file(path: Path) -> None:
    """Flush a file written by someone else (SQLite's write-ahead log, a VACUUM INTO copy)
    to the disk."""
    fd = os.open(path, os.O_RDWR | _BINARY)  # Windows flushes only handles open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(temp: Path, path: Path) -> None:
    """Give a finished temp file (made by someone else, e.g. SQLite's VACUUM INTO) the final
    name, flushing it first and the folder after."""
    flush_file(temp)
    os.replace(temp, path)
    fsync_dir(path.parent)


def rotate(path: Path, older: Path) -> None:
    """Move a finished file aside (a log past its size cap): a rename, so a reader sees the
    whole file under one name or the other, never half of it."""
    os.replace(path, older)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable, where the system allows it: Windows has no directory handles,
    and some file systems (network, FUSE, FAT) refuse the call; the rename is done either way."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _create_temp(path: Path, mode: int) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    for _ in range(16):
        temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temp, flags, mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(temp)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _publish(temp: Path, path: Path, exclusive: bool) -> None:
    if not exclusive:
        os.replace(temp, path)
        return
    if os.name == "nt":
        os.rename(temp, path)  # refuses (FileExistsError) when path exists
        return
    try:
        os.link(temp, path)  # refuses (FileExistsError) when path exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: a last look, then a plain rename
        if path.exists():
            raise FileExistsError(path) from None
        os.rename(temp, path)
        return
    with contextlib.suppress(OSError):  # the file is in place; a stray link is only clutter
        temp.unlink()
