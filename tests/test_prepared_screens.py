"""The screens built while the officer reads Tổng quan (app.py: PREPARED): each shows exactly
what it would show built on its key, a key pressed meanwhile is not held, and building one
changes nothing in the data."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from kehoach_tui.app import PREPARED, KehoachApp
from kehoach_tui.modes import MODES


@pytest.fixture(autouse=True)
def _one_minute(monkeypatch):
    """A screen's data key holds the minute: none may turn between building and showing, or
    the visit would rightly reload (and the comparison would hold less)."""
    import kehoach_tui.screens.base as base

    monkeypatch.setattr(base, "now_utc", lambda: dt.datetime(2025, 11, 5, 1, 30, tzinfo=dt.UTC))


async def workers_done(app) -> None:
    """Every worker ended; one replaced by a newer of its group (the preview rendered again
    at a new width) ends cancelled, which is no failure."""
    from textual.worker import WorkerCancelled

    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def until_prepared(pilot) -> None:
    for _ in range(500):
        if pilot.app.screens_prepared:
            break
        await pilot.pause(0.01)
    assert pilot.app.screens_prepared
    await workers_done(pilot.app)
    await pilot.pause()


async def shown(app, pilot, mode: str, *, prepare: bool) -> str:
    if prepare:
        await until_prepared(pilot)
        assert mode in app._screen_stacks  # built before it was asked for
    await pilot.press(str(MODES.index(mode) + 1))
    for _ in range(3):  # the screen, its workers (the report preview: its top, then the whole)
        await pilot.pause()
        await workers_done(app)
    await pilot.pause()
    assert app.current_mode == mode
    return screen_text(app)


def test_every_screen_but_the_first_is_prepared():
    assert set(PREPARED) == set(MODES) - {"overview"}
    assert list(PREPARED) == [m for m in MODES if m in PREPARED]  # in the order of their keys


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("mode", PREPARED)
async def test_a_prepared_screen_shows_what_one_built_on_its_key_shows(seeded, mode, size):
    from kehoach_tui.store.checklist import ensure_items
    from kehoach_tui.store.tasks import record_update

    ensure_items(seeded)  # the morning check has been used: it may be prepared
    record_update(seeded, "1.1", status="in_progress", progress=40, note="Đang soạn dự thảo", officer="Trần Thị C")
    texts = []
    for prepare in (False, True):
        app = KehoachApp(seeded, prepare_screens=prepare)
        async with app.run_test(size=size) as pilot:
            texts.append(await shown(app, pilot, mode, prepare=prepare))
    built_on_key, prepared = texts
    assert prepared == built_on_key


async def test_screens_prepared_before_the_window_grew_fit_the_new_size(seeded):
    from kehoach_tui.store.checklist import ensure_items

    ensure_items(seeded)
    texts: dict[bool, list[str]] = {}
    for prepare in (False, True):
        app = KehoachApp(seeded, prepare_screens=prepare)
        async with app.run_test(size=(80, 24) if prepare else (120, 40)) as pilot:
            if prepare:
                await until_prepared(pilot)
                await pilot.resize_terminal(120, 40)
                await pilot.pause()
            texts[prepare] = [await shown(app, pilot, mode, prepare=False) for mode in PREPARED]
    assert texts[True] == texts[False]


async def test_a_key_pressed_while_screens_are_prepared_is_not_held(seeded):
    """The last screen asked for at once: it is shown (built on its key, or prepared by then),
    once, and the rest are still prepared."""
    app = KehoachApp(seeded, prepare_screens=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert app.current_mode == "sync"
        await until_prepared(pilot)
        assert app.current_mode == "sync"
        assert len(app._screen_stacks["sync"]) == 1
        assert {m for m in PREPARED if m != "checklist"} <= set(app._screen_stacks)


async def test_preparing_writes_nothing(seeded):
    """The morning check never used: its first visit installs the items, so it waits for it."""
    before = seeded.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    app = KehoachApp(seeded, prepare_screens=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_prepared(pilot)
        assert "checklist" not in app._screen_stacks
        assert seeded.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == before
        await pilot.press("3")  # the officer opens it: now the items are installed
        await pilot.pause()
        await workers_done(app)
        assert seeded.conn.execute("SELECT count(*) FROM checklist_items").fetchone()[0] > 0


async def test_a_prepared_report_preview_is_rendered_whole_once_shown(seeded, monkeypatch):
    """Prepared, only the top of the preview is rendered; the whole once the officer looks,
    at the view's width. (The model takes a while, as on years of data: the screen is laid
    out by the time it is there.)"""
    import time

    import kehoach_tui.reports.model as model
    from kehoach_tui.widgets.rendered_view import RenderedView

    build = model.build_report
    monkeypatch.setattr(model, "build_report", lambda *a, **k: (time.sleep(0.3), build(*a, **k))[1])
    app = KehoachApp(seeded, prepare_screens=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_prepared(pilot)
        screen = app._screen_stacks["reports"][0]
        view = screen.query_one("#report-scroll", RenderedView)
        top = view.text()
        assert top.startswith("BÁO CÁO") and screen._whole_later
        assert view.rendered_width == view.width_wanted > 20  # laid out at the window's size
        await shown(app, pilot, "reports", prepare=False)
        whole = view.text()
        assert not screen._whole_later
        assert view.rendered_width == view.width_wanted
        assert len(whole.splitlines()) > len(top.splitlines())
        assert whole.startswith(top.rsplit("\n", 1)[0])


def test_the_app_as_started_prepares_its_screens(monkeypatch, tmp_path):
    """`kehoach` prepares them; KEHOACH_PREPARE=0 builds each on its key (to measure that)."""
    from kehoach_tui import tui

    made = []

    class Recorded:
        def __init__(self, store, **kwargs):
            made.append(kwargs)

        def run(self):
            pass

    monkeypatch.setattr("kehoach_tui.app.KehoachApp", Recorded)
    tui.run_tui(tmp_path / "a.db")
    monkeypatch.setenv("KEHOACH_PREPARE", "0")
    tui.run_tui(tmp_path / "b.db")
    assert [m["prepare_screens"] for m in made] == [True, False]


def recorded_frames(monkeypatch) -> list:
    """(screen, "whole" | "part" | None) of each frame the app writes from now on."""
    from textual._compositor import LayoutUpdate

    painted: list = []
    display = KehoachApp._display

    def recorded(self, screen, update):
        kind = "whole" if isinstance(update, LayoutUpdate) else "part" if update is not None else None
        painted.append((screen, kind))
        return display(self, screen, update)

    monkeypatch.setattr(KehoachApp, "_display", recorded)
    return painted


async def test_a_prepared_screen_is_painted_on_its_key(seeded, monkeypatch):
    """Its first frame is written by the switch itself, as for a screen shown before: not at
    the next frame tick after its resume (≈ 17 ms later)."""
    app = KehoachApp(seeded, prepare_screens=True)
    painted = recorded_frames(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_prepared(pilot)
        screen = app._screen_stacks["tasks"][0]
        assert screen.prepared
        painted.clear()
        app.switch_mode("tasks")  # no pause: nothing else has run since
        assert painted == [(screen, "whole")]  # all of it, not only what changed in it
        await pilot.pause()
        screen_text_now = screen_text(app)
    built_on_key = KehoachApp(seeded)
    async with built_on_key.run_test(size=(80, 24)) as pilot:
        assert await shown(built_on_key, pilot, "tasks", prepare=False) == screen_text_now


async def spare_history(pilot):
    """Kiểm tra đầu giờ shown, and the history grid it keeps ready."""
    from kehoach_tui.screens.checklist import ChecklistScreen

    await pilot.press("3")
    for _ in range(300):
        screen = pilot.app.screen
        spare = screen._spare_history if isinstance(screen, ChecklistScreen) else None
        if spare is not None and spare.prepared:
            return screen, spare
        await pilot.pause(0.01)
    raise AssertionError("no history grid was prepared")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_history_grid_kept_ready_shows_what_one_built_on_h_shows(seeded, size):
    from kehoach_tui.screens.checklist_history import ChecklistHistoryScreen
    from kehoach_tui.store.checklist import ensure_items

    ensure_items(seeded)
    texts = []
    for prepare in (False, True):
        app = KehoachApp(seeded, prepare_screens=prepare)
        async with app.run_test(size=size) as pilot:
            if prepare:
                checklist, spare = await spare_history(pilot)
                assert spare not in app.screen_stack
            else:
                await pilot.press("3")
                await pilot.pause()
            await pilot.press("h")
            await pilot.pause()
            assert isinstance(app.screen, ChecklistHistoryScreen)
            if prepare:
                assert app.screen is spare
            texts.append(screen_text(app))
    assert texts[1] == texts[0]


async def test_the_history_grid_kept_ready_shows_a_mark_made_after_it_was_built(seeded, monkeypatch):
    """o on the first item, then h: the grid opens with today's mark in it, at once."""
    app = KehoachApp(seeded, prepare_screens=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # the first visit installs the items
        await pilot.pause()
        checklist, spare = await spare_history(pilot)
        before = screen_text(app)
        await pilot.press("x")  # the first item failed
        await pilot.pause()
        assert checklist._spare_history is spare
        painted = recorded_frames(monkeypatch)
        checklist.action_history()
        assert painted == [(spare, "whole")]  # painted by the key, all of it, with the mark:
        grid = spare.query_one("#history-cells").render()
        assert "✗" in str(grid)
        await pilot.pause()
        assert app.screen is spare and "✗" in screen_text(app)
        assert before != screen_text(app)


async def test_a_history_grid_shown_is_gone_when_closed_and_another_is_made_ready(seeded):
    app = KehoachApp(seeded, prepare_screens=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        checklist, first = await spare_history(pilot)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("d")  # 90 days, in the grid shown
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not first.is_attached  # removed, as a grid closed always was
        _, second = await spare_history(pilot)
        assert second is not first and second.days == 30  # a new grid opens on 30 days again
        alive = [node for node in app._registry if type(node).__name__ == "ChecklistHistoryScreen"]
        assert alive == [second]  # one kept ready, no more


async def test_tests_and_kehoach_prepare_0_build_the_history_grid_on_h(seeded):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause(0.2)
        assert app.screen._spare_history is None
