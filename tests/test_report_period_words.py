"""The report period box: a hint that cannot pass for a period, and the period that will be
exported said in words, with its first and last day (no ISO week numbers)."""

from __future__ import annotations

import re

from textual.widgets import Input, Select

from kehoach_tui.app import KehoachApp
from kehoach_tui.i18n import set_lang
from tests.tui_helpers import settle


def info(app) -> str:
    return app.screen.query_one("#report-info").render().plain


async def test_period_in_words(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        box = app.screen.query_one("#report-period", Input)
        assert not re.search(r"\d{1,2}/\d{4}|W\d", box.placeholder)
        assert "Kỳ báo cáo: tháng 11/2025 · " in info(app)
        app.screen.query_one("#report-kind", Select).value = "week"
        await settle(pilot)
        assert not re.search(r"\d{1,2}/\d{4}|W\d", box.placeholder)
        assert "Kỳ báo cáo: tuần từ 03/11/2025 đến 09/11/2025" in info(app)
        box.value = "28/10/2025"
        await settle(pilot)
        assert "tuần từ 27/10/2025 đến 02/11/2025" in info(app) and "W4" not in info(app)
        box.value = "2025-W45"  # still understood when typed
        await settle(pilot)
        assert "tuần từ 03/11/2025 đến 09/11/2025" in info(app)


async def test_period_in_words_in_english(seeded):
    set_lang("en")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert "Period: the month 11/2025 · " in info(app)
        assert "quá hạn" not in info(app)
