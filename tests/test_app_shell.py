"""Pilot tests of the app shell: first run, every mode by key, command palette."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kehoach_tui.app import KehoachApp
from kehoach_tui.modes import MODES
from kehoach_tui.store.plans import active_plan
from kehoach_tui.store.settings import get_setting


async def test_first_run_enter_through_gives_nghia_tho(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FirstRunScreen"
        for text in ("", "", "Lê Văn Tám", ""):  # the officer's name has no default
            await pilot.press(*text, "enter")
            await pilot.pause()
        assert app.current_mode == "overview"
        assert get_setting(store, "commune_code") == "16969"
        assert active_plan(store).code == "nghia-tho"


async def test_first_run_typed_vietnamese_key_by_key(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Thanh Hóa", "enter")
        await pilot.press(*"Xã Hoằng Hóa", "enter")
        await pilot.press(*"Lê Văn Tám", "backspace", "m", "enter", "enter")
        await pilot.pause()
        assert get_setting(store, "province_code") == "38"
        assert get_setting(store, "officer") == "Lê Văn Tám"


async def test_first_run_bad_province_says_why(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Atlantis", "enter", "enter", "enter", "enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FirstRunScreen"
        assert "Atlantis" in str(app.screen.query_one("#first-error").render())
        assert isinstance(app.focused, Input) and app.focused.id == "province"
        assert get_setting(store, "commune_code") is None


async def test_every_mode_opens_by_key(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for number, mode in enumerate(MODES, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            assert app.current_mode == mode
            assert app.screen.query_one("#modebar")


async def test_modes_from_command_palette(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Nhiem vu")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "tasks"


async def test_overview_shows_groups(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#group-table")
        assert table.row_count == 4
        cards = str(app.screen.query_one("#card-check").render())
        assert "Chưa có dữ liệu" in cards


async def test_english_labels(seeded):
    from kehoach_tui.i18n import set_lang

    set_lang("en")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Overview" in str(app.screen.query_one("#modebar").render())


def footer_labels(app) -> list[str]:
    """The descriptions the footer shows now, left to right."""
    from kehoach_tui.widgets.key_footer import KeyFooter

    return app.screen.query_one(KeyFooter).labels()


async def test_english_footer_after_switching_language(seeded):
    from kehoach_tui.i18n import set_lang
    from kehoach_tui.screens import tasks  # noqa: F401  imported while the UI was Vietnamese

    set_lang("en")
    app = KehoachApp(seeded)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        labels = footer_labels(app)
        assert "Search" in labels and "Update" in labels and "Quit" in labels
        assert "Tìm" not in labels and "Cập nhật" not in labels


async def palette_offers(app, pilot, typed: str = "") -> list[str]:
    """The command names the open palette lists (after typing `typed`)."""
    from textual.command import CommandList

    if typed:
        await pilot.press(*typed)
    await pilot.pause(0.5)
    found = app.screen.query_one(CommandList)
    return [str(found.get_option_at_index(i).prompt).split("\n")[0] for i in range(found.option_count)]


@pytest.mark.parametrize(("lang", "words"), [
    ("vi", ("Nhiệm vụ", "Đổi giao diện màu", "Thoát", "Tìm lệnh")),
    ("en", ("Tasks", "Theme", "Quit", "Search for commands")),
])
async def test_palette_has_kehoach_and_system_commands_in_catalogue_words(seeded, lang, words):
    from textual.command import CommandInput

    from kehoach_tui.i18n import set_lang

    set_lang(lang)
    mode, theme, quit_, prompt = words
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        offered = await palette_offers(app, pilot)
        assert mode in offered and theme in offered and quit_ in offered
        assert str(app.screen.query_one(CommandInput).placeholder).startswith(prompt)
        if lang == "vi":  # a system command found without diacritics, like the app's own
            assert await palette_offers(app, pilot, "thoat") == ["Thoát"]
            await pilot.press("enter")
            await pilot.pause()
            assert not app.is_running
