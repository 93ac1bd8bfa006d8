"""Snapshots of Cài đặt and the file picker at 80x24 and 120x40 (look at the SVGs before
accepting). Everything on screen is pinned: the commune key, the report folder, the folders
and the times the picker lists."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.config import data_dir
from kehoach_tui.i18n import set_lang
from kehoach_tui.reports.export import REPORT_FOLDER_SETTING
from kehoach_tui.screens.settings import ROWS
from kehoach_tui.store.settings import put_settings
from tests.tui_helpers import settle

SIZES = [(80, 24), (120, 40)]
SEED = "11" * 32
PINNED = 1762300800  # 05/11/2025 07:00 +07


@pytest.fixture
def settled(seeded):
    folder = data_dir() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "commune-16969.key").write_text(SEED + "\n", encoding="ascii")
    put_settings(seeded, {REPORT_FOLDER_SETTING: "C:\\Users\\canbo\\Documents\\Báo cáo kế hoạch"}, actor="T")
    return seeded


@pytest.fixture
def demo_stick(monkeypatch):
    """A stick at a fixed path with fixed times, so the listing is the same on every run."""
    base = Path(tempfile.gettempdir()) / "kehoach-demo"
    shutil.rmtree(base, ignore_errors=True)
    stick = base / "usb"
    (stick / "Biên nhận cũ").mkdir(parents=True)
    (stick / "tinh-nghe-an.json").write_text("{}", encoding="utf-8")
    (stick / "ghi-chu.txt").write_text("x", encoding="utf-8")
    for path in (stick / "Biên nhận cũ", stick / "tinh-nghe-an.json", stick / "ghi-chu.txt", stick, base):
        os.utime(path, (PINNED, PINNED))
    monkeypatch.setenv("KEHOACH_REMOVABLE", str(stick))
    monkeypatch.setenv("HOME", str(base))
    monkeypatch.setenv("USERPROFILE", str(base))
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")  # the listing shows local times
    time.tzset()
    yield stick
    monkeypatch.undo()
    time.tzset()
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings_screen(snap_compare, settled, size):
    assert snap_compare(KehoachApp(settled), terminal_size=size, press=["c"])


def test_settings_screen_english(snap_compare, settled):
    set_lang("en")
    assert snap_compare(KehoachApp(settled), terminal_size=(80, 24), press=["c"])


# One fixed folder for both sizes (its path is on screen): one worker runs them, one after
# the other, or the second size's set-up deletes the folder the first is listing.
@pytest.mark.xdist_group("demo-stick")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_file_picker(snap_compare, settled, demo_stick, size):
    async def open_picker(pilot) -> None:
        await pilot.pause()
        await pilot.press("c", *["down"] * ROWS.index("province_key"), "enter")
        await settle(pilot)  # the drive scan, then the folder listing it starts
        await settle(pilot)

    assert snap_compare(KehoachApp(settled), terminal_size=size, run_before=open_picker)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_officer_picker(snap_compare, settled, size):
    from kehoach_tui.store.officers import add_officer

    add_officer(settled, "Trần Văn Nam", "Công chức Văn hóa - Xã hội", actor="T")
    add_officer(settled, "Phạm Thị Dung", "Văn thư", actor="T")
    assert snap_compare(KehoachApp(settled), terminal_size=size)
