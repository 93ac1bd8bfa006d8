"""Snapshots of the morning check: today, history grid, item list (80x24 and 120x40)."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.config import TZ
from kehoach_tui.store import checklist as cl

SIZES = [(80, 24), (120, 40)]
TODAY = dt.date(2025, 11, 5)


def at(day: dt.date, hh: int, mm: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=TZ)


def morning(store) -> None:
    """Today's check half done, with probe results and a hostile note, all at fixed times."""
    cl.ensure_items(store)
    cl.mark_item(store, TODAY, "DIEN_UPS", "ok", at=at(TODAY, 7, 31))
    cl.mark_item(store, TODAY, "TSLCD", "fail", note="[@click=app.quit]Mất kết nối[/] từ 7h", at=at(TODAY, 7, 32))
    cl.mark_item(store, TODAY, "CAMERA", "na", at=at(TODAY, 7, 33))
    cl.record_probes(store, TODAY, [
        {"name": "internet", "state": "fail", "summary": "dichvucong.gov.vn: không phân giải được tên miền"},
        {"name": "disk", "state": "ok", "summary": "Ổ dữ liệu còn trống 41,2 GB / 237,8 GB (17%)"},
        {"name": "printers", "state": "skip", "summary": "Bỏ qua: máy này không có lpstat hay PowerShell"},
        {"name": "clock", "state": "ok", "summary": "Đồng hồ máy hợp lý"},
        {"name": "database", "state": "ok", "summary": "Cơ sở dữ liệu nguyên vẹn (quick_check)"},
        {"name": "backup", "state": "warn", "summary": "Chưa có bản sao lưu"},
    ], at=at(TODAY, 7, 34))


def past_weeks(store) -> None:
    """Six weeks of checks with a pattern: a late day each week, a failing printer now and then."""
    cl.ensure_items(store)
    calendar = cl.checklist_settings(store).calendar()
    codes = [item.code for item in cl.list_items(store)]
    with store.writing():  # one commit: the test is about the screen, not about fsync
        _fill(store, calendar, codes)


def _fill(store, calendar, codes) -> None:
    for n, day in enumerate(calendar.workdays(TODAY - dt.timedelta(days=42), TODAY - dt.timedelta(days=1))):
        if n % 9 == 4:
            continue  # a day nobody checked
        for i, code in enumerate(codes):
            state = "fail" if (code == "MAY_IN" and n % 4 == 0) or (code == "INTERNET" and n % 7 == 3) else "ok"
            if code == "CAMERA" and n % 2:
                state = "na"
            if code == "HOP_TT" and n % 3 == 0:
                state = "unchecked"
            cl.mark_item(store, day, code, state, at=at(day, 7, 20 + i))
        cl.finish_day(store, day, at=at(day, 8, 10) if n % 5 == 2 else at(day, 7, 50))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checklist_today(snap_compare, seeded, size):
    morning(seeded)
    assert snap_compare(KehoachApp(seeded), terminal_size=size, press=["3"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checklist_history(snap_compare, seeded, size):
    past_weeks(seeded)
    assert snap_compare(KehoachApp(seeded), terminal_size=size, press=["3", "h"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checklist_history_90(snap_compare, seeded, size):
    past_weeks(seeded)
    assert snap_compare(KehoachApp(seeded), terminal_size=size, press=["3", "h", "d"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checklist_items(snap_compare, seeded, size):
    assert snap_compare(KehoachApp(seeded), terminal_size=size, press=["3", "s"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview_with_check_card(snap_compare, seeded, size):
    morning(seeded)
    cl.finish_day(seeded, TODAY, at=at(TODAY, 7, 45))
    assert snap_compare(KehoachApp(seeded), terminal_size=size)
