"""Pilot flows of the incident log: open, open from a failed check item, lifecycle, reopen,
filters and search, text to paste, hostile text shown literally."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static, TextArea

from kehoach_tui.app import KehoachApp
from kehoach_tui.domain.incident_models import IncidentFilter
from kehoach_tui.screens.incident_form import IncidentFormScreen
from kehoach_tui.store.incidents import get_incident, list_events, list_incidents, summary_text
from tests.incident_fixtures import FIXED_NOW, add_sample_incidents, pin_now


def rendered(widget) -> str:
    return str(widget.render())


async def test_open_from_scratch_by_keyboard(seeded, monkeypatch):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "Chưa có sự cố nào" in rendered(app.screen.query_one("#incident-count"))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, IncidentFormScreen)
        assert app.screen.query_one("#f-opened", Input).value == "05/11/2025 10:00"
        # typed key by key, with a Telex-style correction (backspace)
        await pilot.press(*"Mất mạng Intenet", "backspace", "backspace", "backspace", *"rnet")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "IncidentDetailScreen"
        facts = rendered(app.screen.query_one("#incident-facts"))
        assert "#1 Mất mạng Internet" in facts and "Nguyễn Văn A" in facts
    rows, total = list_incidents(seeded)
    assert total == 1 and rows[0].title == "Mất mạng Internet" and rows[0].category == "other"


async def test_form_refuses_bad_input_and_says_why(seeded, monkeypatch):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncidentFormScreen)
        assert "Cần nhập tiêu đề" in rendered(app.screen.query_one("#incident-form-error"))
        app.screen.query_one("#f-title", Input).value = "Mất điện"
        app.screen.query_one("#f-opened", Input).value = "06/11/2025 08:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "tương lai" in rendered(app.screen.query_one("#incident-form-error"))
        await pilot.press("escape", "y")  # typed text: Esc asks before discarding it
        await pilot.pause()
        assert app.screen.__class__.__name__ == "IncidentsScreen"
    assert list_incidents(seeded)[1] == 0


async def test_open_from_a_failed_check_item(seeded, monkeypatch):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(IncidentFormScreen(prefill_item="3.4.c-01 Kết nối Internet"), callback=results.append)
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-item", Input).value == "3.4.c-01 Kết nối Internet"
        assert form.query_one("#f-title", Input).value == "3.4.c-01 Kết nối Internet"
        assert form.query_one("#f-category", Select).value == "internet"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.current_mode == "overview" and not isinstance(app.screen, IncidentFormScreen)
    incident = get_incident(seeded, results[0])
    assert incident.checklist_item == "3.4.c-01 Kết nối Internet" and incident.category == "internet"


async def _move(pilot, app, target_name: str, note: str = "") -> None:
    await pilot.press("s")
    await pilot.pause()
    options = app.screen.query_one("#move-status")
    names = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    for _ in range(names.index(target_name)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.press(*note) if note else None
    await pilot.press("enter")
    await pilot.pause()


async def test_lifecycle_and_reopen_by_keyboard(seeded, monkeypatch):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        await pilot.press(*"Hỏng máy tính", "ctrl+s")
        await pilot.pause()
        await _move(pilot, app, "Đã báo cáo", "Đã nhắn Zalo")
        await _move(pilot, app, "Đang xử lý")
        await _move(pilot, app, "Đã khắc phục")
        await _move(pilot, app, "Đóng")  # no note and no resolution yet: refused, dialog stays
        assert app.screen.__class__.__name__ == "MoveStatusScreen"
        assert "cách khắc phục" in rendered(app.screen.query_one("#move-error"))
        await pilot.press(*"Thay ổ cứng", "enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "IncidentDetailScreen"
        await _move(pilot, app, "Mở lại", "Lại hỏng")
        timeline = app.screen.query_one("#incident-timeline", DataTable)
        assert timeline.row_count == 6
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "IncidentsScreen"
    incident = list_incidents(seeded)[0][0]
    assert incident.status == "reopened"
    events = list_events(seeded, incident.id)
    assert [e.to_status for e in events] == ["new", "reported", "in_progress", "resolved", "closed", "reopened"]
    assert events[1].note == "Đã nhắn Zalo" and events[4].note == "Thay ổ cứng" and events[5].note == "Lại hỏng"


async def test_filters_and_search_refresh_the_list(seeded, monkeypatch):
    pin_now(monkeypatch)
    add_sample_incidents(seeded)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.screen.query_one("#incident-table", DataTable)
        assert table.row_count == 3  # open only by default: the printer incident is closed
        await pilot.press("slash", *"lua dao")
        await pilot.pause()
        assert table.row_count == 1 and "1 sự cố" in rendered(app.screen.query_one("#incident-count"))
        await pilot.press(*["backspace"] * 7)
        app.screen.query_one("#incident-status", Select).value = "*"
        await pilot.pause()
        assert table.row_count == 4
        app.screen.query_one("#incident-severity", Select).value = "high"
        await pilot.pause()
        assert table.row_count == 2
        app.screen.query_one("#incident-period", Select).value = "today"
        await pilot.pause()
        assert table.row_count == 1
    assert app.return_code in (None, 0)


async def test_hostile_title_shown_literally(seeded, monkeypatch):
    pin_now(monkeypatch)
    made = add_sample_incidents(seeded)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.screen.query_one("#incident-table", DataTable)
        assert str(table.get_cell(made[2].id, "title")).startswith("[@click=app.quit]x[/] Lỗi ký")
        table.move_cursor(row=table.get_row_index(made[2].id))
        await pilot.press("enter")
        await pilot.pause()
        assert "[@click=app.quit]x[/] Lỗi ký số Le [/] Van" in rendered(app.screen.query_one("#incident-facts"))
        await pilot.click("#incident-facts")
        await pilot.pause()
        assert app.is_running


async def test_text_to_paste_is_copied_and_shown(seeded, monkeypatch):
    pin_now(monkeypatch)
    made = add_sample_incidents(seeded)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("enter")  # newest first: the security incident
        await pilot.pause()
        security = rendered(app.screen.query_one("#incident-security"))
        assert "Công an xã" in security and app.screen.query_one("#incident-security").display
        await pilot.press("t")
        await pilot.pause()
        expected = summary_text(seeded, get_incident(seeded, made[3].id), FIXED_NOW)
        area = app.screen.query_one("#paste-text", TextArea)
        assert area.read_only and area.text == expected and app.clipboard == expected
        assert "- Thời gian gián đoạn: 1 giờ 30 phút" in expected
        app.copy_to_clipboard("")
        await pilot.press("c")
        assert app.clipboard == expected
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "IncidentDetailScreen"


async def test_edit_from_detail(seeded, monkeypatch):
    pin_now(monkeypatch)
    made = add_sample_incidents(seeded)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-title", Input).value == made[3].title
        form.query_one("#f-dossiers", Input).value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "7 hồ sơ bị chậm" in rendered(app.screen.query_one("#incident-facts"))
    assert get_incident(seeded, made[3].id).dossiers_delayed == 7


async def test_overview_card_counts_open_incidents(seeded, monkeypatch):
    pin_now(monkeypatch)
    add_sample_incidents(seeded)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = rendered(app.screen.query_one("#card-incidents", Static))
        assert "3 sự cố chưa đóng" in card and "2 mức Cao" in card
    assert list_incidents(seeded, IncidentFilter(status="open"))[1] == 3


async def test_palette_opens_the_form(seeded, monkeypatch):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mo su co moi")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentFormScreen)
