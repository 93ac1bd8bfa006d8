"""Dialogs snapshotted after every mode has been shown (80x24 and 120x40): with one app
stylesheet, what was visited before cannot change a dialog. Look at the SVGs before
accepting them."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp
from tests.tui_helpers import settle, visit_every_mode

SIZES = [(80, 24), (120, 40)]
ids = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


def _open(mode: str, *keys: str):
    async def run_before(pilot) -> None:
        await visit_every_mode(pilot, back_to=mode)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_update_dialog_after_every_mode(snap_compare, seeded, size):
    assert snap_compare(KehoachApp(seeded), terminal_size=size, run_before=_open("tasks", "enter", "n"))


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_check_note_dialog_after_every_mode(snap_compare, seeded, size):
    assert snap_compare(KehoachApp(seeded), terminal_size=size, run_before=_open("checklist", "g"))


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_report_texts_dialog_after_every_mode(snap_compare, seeded, size):
    assert snap_compare(KehoachApp(seeded), terminal_size=size, run_before=_open("reports", "f2"))
