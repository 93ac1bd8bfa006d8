"""Snapshots of the Nhiệm vụ views at 80x24 and 120x40 (look at the SVGs before accepting)."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.store.targets import record_target_value
from kehoach_tui.store.tasks import record_update

SIZES = [(80, 24), (120, 40)]
ids = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


@pytest.fixture
def worked(store, monkeypatch):
    """Nghĩa Thọ with a few updates and target values, at a fixed clock time."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store.setup import initialise

    monkeypatch.setattr("kehoach_tui.config.now_utc", lambda: dt.datetime(2025, 11, 5, 2, 30, tzinfo=dt.UTC))
    initialise(store, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"), officer="Nguyễn Văn A")
    seeded = store
    record_update(seeded, "1.1", status="in_progress", progress=40, note="Đã họp triển khai [@click=app.quit]",
                  evidence="Số 123/KH-UBND ngày 05/8/2025", officer="Trần Thị C")
    record_update(seeded, "1.1", progress=60, note="Ban hành hướng dẫn chi tiết")
    record_update(seeded, "3.4.a", status="done")
    record_update(seeded, "3.4.b", status="blocked", progress=30, note="Thiếu máy quét")
    for period, value in (("2025-08", 42), ("2025-09", 55), ("2025-10", 68)):
        record_target_value(seeded, "CT4", value, period, note="Cổng Dịch vụ công")
    record_target_value(seeded, "CT5", 12, "2025-10")
    return seeded


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_task_list_worked(snap_compare, worked, size):
    assert snap_compare(KehoachApp(worked), terminal_size=size, press=["2"])


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_task_list_search(snap_compare, worked, size):
    assert snap_compare(KehoachApp(worked), terminal_size=size, press=["2", "slash", *"so hoa"])


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_task_detail(snap_compare, worked, size):
    assert snap_compare(KehoachApp(worked), terminal_size=size, press=["2", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_update_dialog(snap_compare, worked, size):
    assert snap_compare(KehoachApp(worked), terminal_size=size, press=["2", "enter", "n"])


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_targets(snap_compare, worked, size):
    assert snap_compare(KehoachApp(worked), terminal_size=size, press=["2", "c"])


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_history(snap_compare, worked, size):
    assert snap_compare(KehoachApp(worked), terminal_size=size, press=["2", "l"])
