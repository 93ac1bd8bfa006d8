"""Showing a folder in the system's file manager (after a report is saved): Explorer on
Windows, Finder on macOS, xdg-open elsewhere. Never waits for the file manager."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def open_folder(folder: Path) -> None:
    """OSError when there is no file manager to start (a bare server, a missing xdg-open)."""
    if os.name == "nt":
        os.startfile(str(folder))  # type: ignore[attr-defined]  # Windows only
        return
    command = ["open", str(folder)] if sys.platform == "darwin" else ["xdg-open", str(folder)]
    subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
