"""Writing a file to a USB stick so that it is either whole or absent, and proven whole.

Temp file in the target folder, fsync, rename over the final name, fsync the folder, then
read the file back from the target and compare its SHA-256 with what was meant to be
written. Only then may the person be told the stick is safe to remove.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from ..i18n import t
from .errors import SyncError


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_verified(path: Path, data: bytes, *, durable: bool = True) -> str:
    """Write data to path atomically and verify it by reading it back; returns the SHA-256.
    durable=False skips the flushes, for files that can simply be made again."""
    expected = hashlib.sha256(data).hexdigest()
    folder = path.parent
    temp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
        if durable:
            _fsync_dir(folder)
        with open(path, "rb") as handle:
            found = hashlib.sha256(handle.read()).hexdigest()
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise SyncError(t("sync.err_write", path=path, reason=exc.strerror or exc)) from exc
    if found != expected:
        raise SyncError(t("sync.err_readback", path=path))
    return expected
