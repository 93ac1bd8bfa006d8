"""First-run completion ignores diacritics and case, like every search in the app."""

from __future__ import annotations

from textual.widgets import Input

from kehoach_tui.app import KehoachApp
from kehoach_tui.widgets.fold_suggest import FoldingSuggester
from tests.tui_helpers import settle


async def test_suggester_folds_and_skips_the_unit_word():
    names = ["Xã Nghĩa Đàn", "Xã Nghĩa Thọ", "Phường Vinh Phú"]
    suggester = FoldingSuggester(names)
    assert await suggester.get_suggestion("nghia t") == "nghia thọ"
    assert await suggester.get_suggestion("Xa Nghia T") == "Xa Nghia Thọ"
    assert await suggester.get_suggestion("nghia d") == "nghia dàn"  # what was typed stays; → gives "Xã Nghĩa Đàn"
    assert await suggester.get_suggestion("vinh") == "vinh Phú"
    assert await suggester.get_suggestion("Nghĩa Thọ") is None  # nothing left to add
    assert await suggester.get_suggestion("hanoi") is None


async def _typed(pilot, text: str) -> Input:
    await pilot.press(*text)
    await settle(pilot)
    return pilot.app.focused


async def test_first_run_completes_without_diacritics(store):
    app = KehoachApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FirstRunScreen"
        province = await _typed(pilot, "nghe a")
        assert province._suggestion == "nghe an"
        await pilot.press("right")
        assert province.value == "Tỉnh Nghệ An"
        await pilot.press("enter")
        await pilot.pause()
        commune = await _typed(pilot, "nghia th")
        assert commune.id == "commune" and commune._suggestion == "nghia thọ"
        await pilot.press("right")
        assert commune.value == "Xã Nghĩa Thọ"
