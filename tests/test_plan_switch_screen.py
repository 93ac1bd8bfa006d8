"""The plan switch dialog: reachable from the command palette, lists installed and bundled
plans, switches, keeps progress, shows hostile titles literally."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from kehoach_tui.app import KehoachApp
from kehoach_tui.domain.plan import parse_plan
from kehoach_tui.screens.plan_switch import PlanSwitchScreen, plan_choices
from kehoach_tui.store.plan_revision import import_plan
from kehoach_tui.store.plans import active_plan, list_tasks
from tests.tui_helpers import settle

SIZES = [(80, 24), (120, 40)]


def test_choices_installed_first_then_bundled(seeded):
    choices = plan_choices(seeded)
    assert [c.code for c in choices] == ["nghia-tho", "dong-nai", "son-thuy", "thanh-hoa", "tinh-uy-365"]
    assert [c.active for c in choices] == [True, False, False, False, False]
    assert choices[0].installed and not choices[1].installed
    assert {c.code: c.tasks for c in choices}["thanh-hoa"] == 61


async def test_palette_opens_dialog_and_switches(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"chon ke hoach")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanSwitchScreen)
        options = app.screen.query_one("#plan-list", OptionList)
        assert options.get_option_at_index(options.highlighted).id == "nghia-tho"
        await pilot.press("down", "down", "down")  # dong-nai, son-thuy, thanh-hoa (heading skipped)
        await pilot.pause()
        assert options.get_option_at_index(options.highlighted).id == "thanh-hoa"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PlanSwitchScreen)
        assert active_plan(seeded).code == "thanh-hoa"
        assert len(list_tasks(seeded)) == 61
        assert app.current_mode == "overview"
        assert app.screen.query_one("#group-table").row_count == 8


async def test_note_for_plan_of_another_commune(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PlanSwitchScreen())
        await settle(pilot)
        await pilot.press("down", "down")  # son-thuy
        await pilot.pause()
        note = str(app.screen.query_one("#plan-switch-note").render())
        assert "Xã Sơn Thủy" in note and "Xã Nghĩa Thọ" in note


async def test_escape_and_active_plan_change_nothing(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PlanSwitchScreen())
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlanSwitchScreen)
        app.push_screen(PlanSwitchScreen())
        await settle(pilot)
        await pilot.press("enter")  # the active plan is highlighted
        await pilot.pause()
        assert not isinstance(app.screen, PlanSwitchScreen)
        assert active_plan(seeded).code == "nghia-tho"


async def test_hostile_plan_title_shown_literally(seeded):
    text = ('format = 1\n[plan]\ncode = "doc-hai"\ntitle = "[@click=app.quit]x[/] [b]Kế hoạch"\n'
            'level = "commune"\n[[targets]]\ncode = "CT1"\nlabel = "L"\n')
    import_plan(seeded, parse_plan(text, "x.toml"), actor="A")
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(PlanSwitchScreen())
        await settle(pilot)
        options = app.screen.query_one("#plan-list", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("[@click=app.quit]x[/] [b]Kế hoạch" in p for p in prompts)
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_switch_snapshot(snap_compare, seeded, size):
    async def open_dialog(pilot):
        await pilot.pause()
        pilot.app.push_screen(PlanSwitchScreen())
        await settle(pilot)
        await pilot.press("down", "down")

    assert snap_compare(KehoachApp(seeded), terminal_size=size, run_before=open_dialog)
