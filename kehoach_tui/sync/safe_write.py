"""Writing a file to a USB stick so that it is either whole or absent, and proven whole.

Written atomically (atomic_write: temp file, fsync, rename, fsync the folder), then read
back from the target and its SHA-256 compared with what was meant to be written. Only then
may the person be told the stick is safe to remove.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..atomic_write import write_atomic
from ..errors import os_reason
from ..i18n import t
from .errors import SyncError


def write_verified(path: Path, data: bytes, *, durable: bool = True) -> str:
    """Write data to path atomically and verify it by reading it back; returns the SHA-256.
    durable=False skips the flushes, for files that can simply be made again."""
    expected = hashlib.sha256(data).hexdigest()
    try:
        write_atomic(path, data, durable=durable)
        with open(path, "rb") as handle:
            found = hashlib.sha256(handle.read()).hexdigest()
    except OSError as exc:
        raise SyncError(t("sync.err_write", path=path, reason=os_reason(exc))) from exc
    if found != expected:
        raise SyncError(t("sync.err_readback", path=path))
    return expected
