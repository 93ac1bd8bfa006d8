"""Pilot flows of the Nhiệm vụ mode: filter, search typed key by key, detail, update dialog,
targets, history; hostile text shown literally."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select, Static

from kehoach_tui.app import KehoachApp
from kehoach_tui.store.targets import target_standings
from kehoach_tui.store.tasks import get_record, list_updates, record_update
from kehoach_tui.widgets.row_list import RowList

HOSTILE = "Họp [bold]x[/] [@click=app.quit]bấm[/] \x1b]52;c;aGk=\x07 xong"


def codes(app) -> list[str]:
    return list(app.screen.query_one("#task-table", RowList).keys)


def text_of(widget: Static) -> str:
    return str(widget.render())


async def open_tasks(pilot):
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()


async def test_filters_by_status_group_and_clear(seeded):
    record_update(seeded, "2.2", status="in_progress", progress=20)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        assert len(codes(app)) == 34
        await pilot.press("s")          # Chưa bắt đầu
        await pilot.pause()
        assert "2.2" not in codes(app) and len(codes(app)) == 33
        await pilot.press("s")          # Đang thực hiện
        await pilot.pause()
        assert codes(app) == ["2.2"]
        assert "Đang làm" in text_of(app.screen.query_one("#task-filters"))
        await pilot.press("x", "g", "g")  # group 2
        await pilot.pause()
        assert codes(app) == ["2.1", "2.2", "2.3", "2.4", "2.5"]
        await pilot.press("x")
        await pilot.pause()
        assert len(codes(app)) == 34


async def test_search_typed_key_by_key_ignores_diacritics(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"Số hóa")
        await pilot.pause()
        found = codes(app)
        assert {"2.4", "2.5"} <= set(found) and "1.1" not in found
        # as an IME would: type a letter, erase it with backspace, retype without accents
        for _ in range(6):
            await pilot.press("backspace")
        await pilot.press(*"so hoaa", "backspace")
        await pilot.pause()
        assert codes(app) == found
        await pilot.press("escape")     # clears the search, back to the list
        await pilot.pause()
        assert len(codes(app)) == 34 and isinstance(app.focused, RowList)


async def test_search_finds_words_of_notes(seeded):
    record_update(seeded, "3.2", note="Đã nâng cấp máy chủ thư điện tử")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        await pilot.press("slash", *"may chu")
        await pilot.pause()
        assert codes(app) == ["3.2"]


async def test_open_detail_add_update_see_it_in_list_and_history(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        await pilot.press("down", "enter")          # 1.2
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TaskDetailScreen"
        assert "Công bố danh mục" in text_of(app.screen.query_one("#detail-head"))
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "UpdateDialog"
        await pilot.press("tab", *"45", "tab", *"Đã niêm yết", "enter", *"Số 12/TB-UBND ngày 03/11/2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TaskDetailScreen"
        updates = text_of(app.screen.query_one("#detail-updates"))
        assert "Đã niêm yết" in updates and "Số 12/TB-UBND ngày 03/11/2025" in updates
        assert "Chưa bắt đầu → Đang thực hiện, 45%" in updates
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HistoryScreen"
        table = app.screen.query_one("#history-table", DataTable)
        cells = [str(table.get_row_at(i)[3]) for i in range(table.row_count)]
        assert any("Đã niêm yết" in c for c in cells)
        assert all(str(table.get_row_at(i)[2]) == "1.2" for i in range(table.row_count))
        await pilot.press("escape", "escape")
        await pilot.pause()
        row = app.screen.query_one("#task-table", RowList).row_text("1.2")
        assert row[4] == "Đang làm" and row[5] == "45"
    assert get_record(seeded, "1.2").progress == 45


async def test_update_dialog_bad_progress_and_done_confirmation(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("tab", *"150", "ctrl+s")
        await pilot.pause()
        assert "0 đến 100" in text_of(dialog.query_one(".dialog-error"))
        assert list_updates(seeded, "1.1") == []
        dialog.query_one("#upd-status", Select).value = "done"
        await pilot.pause()
        assert dialog.query_one("#upd-progress", Input).value == "100"   # Hoàn thành sets 100
        dialog.query_one("#upd-progress", Input).value = "60"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "xác nhận" in text_of(dialog.query_one(".dialog-error"))
        assert list_updates(seeded, "1.1") == []
        await pilot.press("ctrl+s")                                      # confirmed
        await pilot.pause()
        assert app.screen is not dialog
    task = get_record(seeded, "1.1")
    assert (task.status, task.progress) == ("done", 60)


async def test_hostile_note_stored_clean_and_shown_literally(seeded):
    record_update(seeded, "1.1", note=HOSTILE, officer="Lê [/] Văn")
    stored = list_updates(seeded, "1.1")[0]
    assert "\x1b" not in stored.note and "\x07" not in stored.note
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        await pilot.press("enter")
        await pilot.pause()
        shown = text_of(app.screen.query_one("#detail-updates"))
        assert "[@click=app.quit]bấm[/]" in shown and "Lê [/] Văn" in shown
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HistoryScreen"   # still running: no action fired
    assert app.return_code in (None, 0)


async def test_parent_dialog_records_note_only(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        app.screen.query_one("#task-table", RowList).move_to("3.4")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#upd-status", Select).disabled
        await pilot.press(*"Đôn đốc", "ctrl+s")
        await pilot.pause()
    assert list_updates(seeded, "3.4")[0].note == "Đôn đốc"


async def test_targets_record_a_value(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TargetsScreen"
        await pilot.press("down", "down", "down", "n")          # CT4
        await pilot.pause()
        await pilot.press(*"abc", "ctrl+s")
        await pilot.pause()
        assert "không phải số" in text_of(app.screen.query_one(".dialog-error"))
        for _ in range(3):
            await pilot.press("backspace")
        await pilot.press(*"62,5", "enter", *"Báo cáo DVC tháng 10", "ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TargetsScreen"
        row = app.screen.query_one("#target-table", DataTable).get_row("CT4")
        assert str(row[1]) == "62,5 (11/2025)"  # Vietnamese decimal comma (issue 16, item 19)
    ct4 = next(s for s in target_standings(seeded) if s.code == "CT4")
    assert ct4.latest.note == "Báo cáo DVC tháng 10"


async def test_palette_reaches_targets_and_history(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        names = [name for name, _, _ in app.palette_commands(app.screen)]
        assert "Chỉ tiêu" in names and "Lịch sử" in names
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"lich su")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HistoryScreen"


@pytest.fixture
def trigger_store(store):
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.domain.plan import parse_plan
    from kehoach_tui.store.setup import initialise

    from .test_tasks_store import TRIGGER_PLAN

    initialise(store, plan=parse_plan(TRIGGER_PLAN), commune=commune_by_code("16969"), officer="A")
    return store


async def test_trigger_date_from_detail(trigger_store):
    app = KehoachApp(trigger_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tasks(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert "nhấn t" in text_of(app.screen.query_one("#detail-text"))
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"31/02/2025", "ctrl+s")
        await pilot.pause()
        assert "không hợp lệ" in text_of(app.screen.query_one(".dialog-error"))
        app.screen.query_one("#trg-date", Input).value = "10/9/2025"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "10/10/2025" in text_of(app.screen.query_one("#detail-text"))
    assert str(get_record(trigger_store, "1.1").due_date) == "2025-10-10"
