"""File and database work of the screens runs in workers, each worker on a database
connection of its own; the UI thread only draws."""

from __future__ import annotations

import importlib
import threading

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.screens.plan_switch import PlanSwitchScreen
from tests.tui_helpers import settle


@pytest.fixture
def calls(monkeypatch):
    """Wrap functions so each call records (name, thread, store argument)."""
    seen: list[tuple[str, int, object]] = []

    def spy(target: str):
        module_name, name = target.rsplit(".", 1)
        module = importlib.import_module(module_name)
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            seen.append((name, threading.get_ident(), args[0] if args else None))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    return seen, spy


async def test_plan_switch_reads_and_switches_in_workers(seeded, calls):
    seen, spy = calls
    spy("kehoach_tui.screens.plan_switch.plan_choices")
    spy("kehoach_tui.store.plan_revision.switch_plan")
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ui = threading.get_ident()
        app.push_screen(PlanSwitchScreen())
        await settle(pilot)
        await pilot.press("down", "enter")  # dong-nai, a bundled plan: read and added
        await settle(pilot)
        assert not isinstance(app.screen, PlanSwitchScreen)
    names = [name for name, _, _ in seen]
    assert names == ["plan_choices", "switch_plan"]
    assert all(thread != ui for _, thread, _ in seen)
    assert all(store is not seeded and store.path == seeded.path for _, _, store in seen)


async def test_sync_screen_scans_drives_and_reads_the_key_in_workers(seeded, calls, tmp_path, monkeypatch):
    seen, spy = calls
    monkeypatch.setenv("KEHOACH_REMOVABLE", str(tmp_path))
    spy("kehoach_tui.sync.drives.removable_drives")
    spy("kehoach_tui.sync.keys.ensure_key")
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ui = threading.get_ident()
        await app.switch_mode("sync")
        await settle(pilot)
        assert "…" not in str(app.screen.query_one("#sync-status").render())  # the fingerprint came
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    names = [name for name, _, _ in seen]
    assert names.count("ensure_key") == 1 and names.count("removable_drives") == 2
    assert all(thread != ui for _, thread, _ in seen)


async def test_probes_write_through_their_own_connection(seeded, calls, monkeypatch):
    from kehoach_tui import probes

    seen, spy = calls
    monkeypatch.setattr(probes, "registry", lambda: {})
    spy("kehoach_tui.store.checklist.run_probes_and_record")
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ui = threading.get_ident()
        await app.switch_mode("checklist")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
    ((_, thread, store),) = seen
    assert thread != ui and store is not seeded and store.path == seeded.path
