"""A ticked box and an unticked one differ in their characters, not only in colour."""

from __future__ import annotations

from kehoach_tui.app import KehoachApp
from kehoach_tui.screens.checklist_dialogs import ItemFormScreen
from kehoach_tui.screens.incident_form import IncidentFormScreen
from tests.incident_fixtures import pin_now


def shown(widget) -> str:
    return widget.render().plain.strip()


async def test_service_interrupted_reads_without_colour(seeded, monkeypatch):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        assert isinstance(app.screen, IncidentFormScreen)
        box = app.screen.query_one("#f-interrupted")
        assert shown(box) == "[ ] Không"
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value is True
        assert shown(box) == "[x] Có, người dân phải chờ"
        await pilot.press("space")
        await pilot.pause()
        assert shown(box) == "[ ] Không"


async def test_required_item_box_reads_without_colour(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ItemFormScreen("Mục", required=False))
        await pilot.pause()
        box = app.screen.query_one("#item-required")
        assert shown(box) == "[ ] Bắt buộc"
        box.value = True
        await pilot.pause()
        assert shown(box) == "[x] Bắt buộc"
