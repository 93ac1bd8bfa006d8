"""Where a USB stick shows up: drive letters of removable drives on Windows, mount points
under /media, /run/media (Linux) and /Volumes (macOS). KEHOACH_REMOVABLE (folders joined
by the path separator) replaces the probe, for demos and tests."""

from __future__ import annotations

import os
import string
import sys
from pathlib import Path

DRIVE_REMOVABLE = 2


def _windows() -> list[Path]:
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    found = []
    for index, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << index) and kernel.GetDriveTypeW(f"{letter}:\\") == DRIVE_REMOVABLE:
            found.append(Path(f"{letter}:\\"))
    return found


def _mounted(base: Path) -> list[Path]:
    """Mount points directly under base, or one level down (/media/<user>/<label>)."""
    found: list[Path] = []
    try:
        children = sorted(p for p in base.iterdir() if p.is_dir())
    except OSError:
        return found
    for child in children:
        if os.path.ismount(child):
            found.append(child)
            continue
        try:
            found.extend(sorted(p for p in child.iterdir() if p.is_dir() and os.path.ismount(p)))
        except OSError:
            continue
    return found


def removable_drives() -> list[Path]:
    override = os.environ.get("KEHOACH_REMOVABLE")
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    if os.name == "nt":
        try:
            return _windows()
        except (OSError, AttributeError):
            return []
    bases = ["/Volumes"] if sys.platform == "darwin" else ["/media", "/run/media"]
    return [path for base in bases for path in _mounted(Path(base))]
