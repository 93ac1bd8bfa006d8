"""Snapshots of the shell at 80x24 and 120x40 (look at the SVGs before accepting)."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview(snap_compare, seeded, size):
    assert snap_compare(KehoachApp(seeded), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_run(snap_compare, store, size):
    assert snap_compare(KehoachApp(store), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tasks_mode(snap_compare, seeded, size):
    assert snap_compare(KehoachApp(seeded), terminal_size=size, press=["2"])
