"""Rules the code keeps, checked on the source itself."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kehoach_tui"


def test_every_text_field_is_a_safe_input():
    """A plain textual Input would echo a pasted escape sequence to the terminal."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "safe_input.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(?<![A-Za-z_.])Input\(", line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}")
    assert offenders == []


def test_files_are_written_with_an_explicit_encoding():
    """Windows defaults to a legacy code page: every open()/write_text for text names utf-8."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.(write_text|read_text)\((?![^)]*encoding)", line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []
