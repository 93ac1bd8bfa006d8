"""Make a folder read-only for a test, in whatever way this machine allows.

Root ignores permission bits, so as root a read-only bind mount is used (needs the mount
capability), else `chattr +i` (needs an ext-family file system and CAP_LINUX_IMMUTABLE);
as another user, plain permission bits. `how` says which one was used; when none works the
test is skipped, never silently passed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*args: str) -> bool:
    try:
        return subprocess.run(args, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[tuple[Path, str]]:
    """Yield (a read-only view of folder, how). Files keep their content."""
    if os.name != "posix":
        pytest.skip("read-only folder simulation is POSIX-only")
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
        try:
            yield folder, "chmod a-w"
        finally:
            for path, mode in modes.items():
                path.chmod(stat.S_IMODE(mode))
        return
    view = folder.with_name(folder.name + "-ro")
    view.mkdir()
    if _run("mount", "--bind", str(folder), str(view)):
        if _run("mount", "-o", "remount,ro,bind", str(view)):
            try:
                yield view, "read-only bind mount"
            finally:
                _run("umount", str(view))
            return
        _run("umount", str(view))
    paths = [folder, *folder.iterdir()]
    if _run("chattr", "+i", *map(str, paths)):
        try:
            yield folder, "chattr +i"
        finally:
            _run("chattr", "-i", *map(str, paths))
        return
    pytest.skip("cannot make a folder read-only here (no mount, chattr or non-root user)")
