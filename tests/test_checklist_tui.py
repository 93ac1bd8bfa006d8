"""Pilot: the morning check by keyboard, probes in a worker, confirmations, late marker."""

from __future__ import annotations

import sys
import types

import pytest
from textual.screen import Screen

from kehoach_tui import probes
from kehoach_tui.app import KehoachApp
from kehoach_tui.config import today
from kehoach_tui.probes import ProbeResult
from kehoach_tui.store import checklist as cl
from kehoach_tui.store.settings import put_settings


def marks(store):
    return {m.item_code: m for m in cl.get_day(store, today()).marks}


async def open_check(pilot):
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    assert pilot.app.screen.__class__.__name__ == "ChecklistScreen"


@pytest.fixture
def fake_probes(monkeypatch):
    results = {
        "internet": ("fail", "dichvucong.gov.vn: không phân giải được tên miền"),
        "disk": ("ok", "Ổ dữ liệu còn trống 40 GB"),
        "printers": ("ok", "Máy in sẵn sàng: HP"),
        "clock": ("ok", "Đồng hồ máy hợp lý"),
        "database": ("ok", "Cơ sở dữ liệu nguyên vẹn"),
        "backup": ("warn", "Chưa có bản sao lưu"),
    }
    fakes = {name: (lambda ctx, n=name, r=r: ProbeResult(n, *r)) for name, r in results.items()}
    monkeypatch.setattr(probes, "registry", lambda: fakes)
    return fakes


async def test_whole_check_by_keyboard(seeded):
    put_settings(seeded, {"checklist.late_after": "23:59"}, actor="test")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press(*"ooxoonoooooonooo")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ChecklistScreen"  # nothing left: no question
    day = cl.get_day(seeded, today())
    states = [m.state for m in day.marks]
    assert states.count("ok") == 13 and states[2] == "fail" and states[5] == "na" and states[12] == "na"
    assert day.finished_at and not day.late
    assert all(m.source == "manual" for m in day.marks)


async def test_probes_prefill_and_keep_a_persons_answer(seeded, fake_probes):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("down", "o")  # the officer says Internet works
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert "Tự động: điền 2 mục" in str(screen.query_one("#check-progress").render())
        panel = str(screen.query_one("#probe-panel").render())
        assert "Chưa có bản sao lưu" in panel and "Đồng hồ" in panel
    got = marks(seeded)
    assert (got["INTERNET"].state, got["INTERNET"].source) == ("ok", "manual")
    assert "tên miền" in got["INTERNET"].evidence
    assert (got["MAY_TINH"].state, got["MAY_TINH"].source) == ("ok", "probe")
    assert (got["MAY_IN"].state, got["MAY_IN"].source) == ("ok", "probe")


async def test_finish_with_unchecked_items_asks_first(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("o", "f")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        assert "Còn 15 mục chưa kiểm tra (12 mục bắt buộc)" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await pilot.pause()
        assert not cl.get_day(seeded, today()).finished_at
        await pilot.press("f", "y")
        await pilot.pause()
        assert cl.get_day(seeded, today()).finished_at


async def test_late_finish_is_marked(seeded):
    put_settings(seeded, {"checklist.late_after": "00:00"}, actor="test")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("o", "f", "y")
        await pilot.pause()
        assert "MUỘN (sau 00:00)" in str(app.screen.query_one("#check-head").render())
    assert cl.get_day(seeded, today()).late


async def test_note_with_hostile_text_is_kept_literally(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("x", "up", "g")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "NoteScreen"
        await pilot.press(*"[@click=app.quit]Mất điện[/]", "enter")
        await pilot.pause()
        assert app.is_running and app.screen.__class__.__name__ == "ChecklistScreen"
        table = app.screen.query_one("#check-table")
        assert str(table.get_row_at(0)[2]).startswith("[@click=app.quit]Mất")
    got = marks(seeded)["DIEN_UPS"]
    assert got.state == "fail" and got.note == "[@click=app.quit]Mất điện[/]"


async def test_report_incident_without_incident_log_keeps_the_note(seeded, monkeypatch):
    monkeypatch.setitem(sys.modules, "kehoach_tui.screens.incident_form", None)  # import fails
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ChecklistScreen"  # not failed: nothing to report
        await pilot.press("x", "up", "b")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "NoteScreen"
        await pilot.press(*"UPS kêu bíp", "enter")
        await pilot.pause()
    assert marks(seeded)["DIEN_UPS"].note == "UPS kêu bíp"


async def test_report_incident_opens_the_incident_form_when_it_exists(seeded, monkeypatch):
    opened = []

    class IncidentFormScreen(Screen):
        def __init__(self, prefill_item: str = "") -> None:
            super().__init__()
            opened.append(prefill_item)

    module = types.ModuleType("kehoach_tui.screens.incident_form")
    module.IncidentFormScreen = IncidentFormScreen
    monkeypatch.setitem(sys.modules, "kehoach_tui.screens.incident_form", module)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("down", "x", "up", "b")
        await pilot.pause()
        assert isinstance(app.screen, IncidentFormScreen)
    assert opened == ["INTERNET"]


async def test_history_and_items_screens(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("o", "h")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ChecklistHistoryScreen"
        assert "30 ngày" in str(app.screen.query_one("#history-head").render())
        await pilot.press("d")
        await pilot.pause()
        assert "90 ngày" in str(app.screen.query_one("#history-head").render())
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ChecklistItemsScreen"
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Máy chiếu", "enter", *"Thiết bị", "enter", "enter")
        await pilot.pause()
        await pilot.press("left_square_bracket", "space")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    items = cl.list_items(seeded, include_inactive=True)
    assert [i.code for i in items][-2:] == ["MAY_CHIEU", "DIET_VIRUS"]
    assert not cl.get_item(seeded, "MAY_CHIEU").active


async def test_item_form_refuses_an_empty_title(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(pilot)
        await pilot.press("s", "a")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ItemFormScreen"
        assert "không được để trống" in str(app.screen.query_one("#item-error").render())
    assert len(cl.list_items(seeded)) == 16
