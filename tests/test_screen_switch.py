"""Switching screens does only the work that shows: a screen comes back without reloading
when nothing changed, its first visit parses no stylesheet again, its footer is not rebuilt
for the same keys."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App

from kehoach_tui.app import KehoachApp
from kehoach_tui.modes import MODES
from kehoach_tui.store import open_store
from kehoach_tui.store.settings import put_settings
from kehoach_tui.widgets.bindings import relabel
from kehoach_tui.widgets.key_footer import KeyFooter


@pytest.fixture(autouse=True)
def _one_minute(monkeypatch):
    """A screen's data key holds the minute (cards say "hôm nay", due times pass): none may
    turn in the middle of a test, or a screen would rightly reload once more."""
    import kehoach_tui.screens.base as base

    monkeypatch.setattr(base, "now_utc", lambda: dt.datetime(2025, 11, 5, 1, 30, tzinfo=dt.UTC))


async def _settle(pilot, app):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _visit(pilot, app, mode):
    await pilot.press(str(MODES.index(mode) + 1))
    await _settle(pilot, app)
    assert app.current_mode == mode


async def test_coming_back_reloads_only_after_a_change(seeded, db_path, monkeypatch):
    import kehoach_tui.store.overview as overview

    loads = []
    real = overview.overview_summary
    monkeypatch.setattr(overview, "overview_summary", lambda *a, **k: loads.append(1) or real(*a, **k))
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        assert len(loads) == 1  # the first visit: once, though Textual resumes it twice
        await _visit(pilot, app, "incidents")
        await _visit(pilot, app, "overview")
        assert len(loads) == 1  # nothing changed
        other = open_store(db_path)  # another program writes
        put_settings(other, {"commune_name": "Xã Khác"}, actor="CLI")
        other.close()
        await _visit(pilot, app, "incidents")
        await _visit(pilot, app, "overview")
        assert len(loads) == 2
        assert "Xã Khác" in str(app.screen.query_one("#overview-title").render())
        put_settings(seeded, {"commune_name": "Xã Nghĩa Thọ"}, actor="A")  # this window writes
        await _visit(pilot, app, "incidents")
        await _visit(pilot, app, "overview")
        assert len(loads) == 3


async def test_a_first_visit_parses_no_stylesheet_again(seeded, monkeypatch):
    refreshed = []
    real = App.refresh_css
    monkeypatch.setattr(App, "refresh_css", lambda self, *a, **k: refreshed.append(1) or real(self, *a, **k))
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        for mode in MODES[1:]:
            await _visit(pilot, app, mode)
        assert refreshed == []


async def test_the_footer_is_one_line_drawn_again_only_when_its_keys_change(seeded, monkeypatch):
    """The footer is one widget drawing one line (widgets/key_footer.py): a screen switch
    mounts no key widgets, and a key whose label changes is shown with the new label."""
    app = KehoachApp(seeded)
    async with app.run_test(size=(160, 30)) as pilot:
        await _settle(pilot, app)
        for mode in MODES:
            await _visit(pilot, app, mode)
        footer = app.screen.query_one(KeyFooter)
        assert not footer.children
        keys = [item.key for item in footer.shown()]
        assert "ctrl+q" in keys and "1" not in keys  # the numbered screens: the mode bar names them
        relabel(app, "ctrl+p", "Lệnh mới")  # a key that changes is shown
        await _settle(pilot, app)
        assert "Lệnh mới" in app.screen.query_one(KeyFooter).labels()


async def test_a_screen_shown_again_after_a_theme_change_has_the_new_colours(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await _visit(pilot, app, "tasks")
        before = app.screen.query_one("#modebar").styles.background
        await _visit(pilot, app, "overview")
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await _settle(pilot, app)
        await _visit(pilot, app, "tasks")
        after = app.screen.query_one("#modebar").styles.background
        assert after != before
        assert after == app.get_screen_stack("overview")[0].query_one("#modebar").styles.background


async def test_a_first_visit_loads_its_list_once(seeded, monkeypatch):
    """The Selects of Sự cố and Báo cáo announce their first value as they mount; the list
    and the preview are not built again for it. A filter or a write still rebuilds."""
    import kehoach_tui.reports.model as report_model
    import kehoach_tui.store.incidents as incidents

    listed, built = [], []
    real_list, real_build = incidents.list_incidents, report_model.build_report
    monkeypatch.setattr(incidents, "list_incidents", lambda *a, **k: listed.append(1) or real_list(*a, **k))
    monkeypatch.setattr(report_model, "build_report", lambda *a, **k: built.append(1) or real_build(*a, **k))
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await _visit(pilot, app, "incidents")
        assert len(listed) == 1
        await pilot.press("slash", *"mat")  # typing in the search filters again
        await _settle(pilot, app)
        assert len(listed) == 4
        await pilot.press("enter")  # back to the table, where number keys switch screens
        await _visit(pilot, app, "reports")
        assert len(built) == 1
        assert app.screen.model is not None  # the preview is shown
        from kehoach_tui.domain.periods import parse_period
        from kehoach_tui.store.reports import save_texts

        save_texts(seeded, parse_period("month", "", __import__("datetime").date(2025, 11, 5)),
                   {"direction": "Chỉ đạo mới"}, actor="A")
        app.screen.refresh_data()  # as the texts dialog does after saving
        await _settle(pilot, app)
        assert len(built) == 2


async def test_the_sync_screen_reloads_on_each_visit_once(seeded, monkeypatch):
    """Sync shows files (the signing key, the outbox): every visit reloads, once."""
    from kehoach_tui.screens.sync import SyncScreen

    loads = []
    real = SyncScreen.refresh_data
    monkeypatch.setattr(SyncScreen, "refresh_data", lambda self: loads.append(1) or real(self))
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await _visit(pilot, app, "sync")
        assert len(loads) == 1
        await _visit(pilot, app, "overview")
        await _visit(pilot, app, "sync")
        assert len(loads) == 2


async def test_a_switch_is_not_held_back(seeded, monkeypatch):
    """Textual holds updates for 50 ms on each switch to mask a screen being built. Here no
    switch is held, the first screen's at start included: the hold's timer cannot fire while
    the build has the loop, so it only threw away the frame rendered meanwhile."""
    held = []
    real = App.delay_update
    monkeypatch.setattr(App, "delay_update", lambda self, delay=0.05: held.append(delay) or real(self, delay))
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await _visit(pilot, app, "tasks")
        await _visit(pilot, app, "overview")
        await _visit(pilot, app, "tasks")
        assert held == []


async def test_the_first_frame_of_the_overview_is_shown_not_held(seeded, monkeypatch):
    """Tổng quan is built after Textual's start-up batch (the app's mount) is over: a frame
    rendered inside a batch is not shown, and the first screen was rendered twice."""
    from textual.screen import Screen

    from kehoach_tui.screens.overview import OverviewScreen

    batches = []
    real = Screen._compositor_refresh

    def refresh(self):
        if isinstance(self, OverviewScreen) and self.query("#group-table"):
            batches.append(self.app._batch_count)
        return real(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", refresh)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        assert app.screen.query_one("#group-table").row_count == 4
    assert batches and batches[0] == 0
