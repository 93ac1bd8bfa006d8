"""Snapshots of the Báo cáo screen at 80x24 and 120x40 (look at the SVGs before accepting)."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp
from tests.report_data import fill

SIZES = [(80, 24), (120, 40)]


async def _settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reports_mode(snap_compare, seeded, size):
    fill(seeded)
    assert snap_compare(KehoachApp(seeded), terminal_size=size, run_before=_open_reports)


async def _open_reports(pilot):
    await pilot.press("5")
    await _settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reports_text_dialog(snap_compare, seeded, size):
    async def run_before(pilot):
        await _open_reports(pilot)
        await pilot.press("f2")
        await pilot.pause()

    assert snap_compare(KehoachApp(seeded), terminal_size=size, run_before=run_before)
