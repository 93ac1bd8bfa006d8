"""Optimistic concurrency: two stores on one file (two windows on one PC). A dialog keeps
the version it read; saving over a newer one shows what changed, in words, and saves only
when asked again. Nothing is silently reverted."""

from __future__ import annotations

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.domain.incident_models import IncidentDraft
from kehoach_tui.screens.incident_detail import MoveStatusScreen
from kehoach_tui.screens.incident_form import IncidentFormScreen
from kehoach_tui.screens.task_dialogs import UpdateDialog
from kehoach_tui.store import open_store
from kehoach_tui.store.incidents import change_status, get_incident, open_incident
from kehoach_tui.store.rows import StaleRecord
from kehoach_tui.store.tasks import get_record, record_update
from tests.incident_fixtures import pin_now


@pytest.fixture
def other(seeded, db_path):
    """The second window: its own store on the same file."""
    second = open_store(db_path)
    yield second
    second.close()


def shown(app, selector: str) -> str:
    return app.screen.query_one(selector).render().plain


def test_store_refuses_a_stale_version(seeded, other):
    version = get_record(seeded, "1.1").version
    record_update(other, "1.1", status="done", progress=100, officer="Trần B")
    with pytest.raises(StaleRecord) as caught:
        record_update(seeded, "1.1", status="in_progress", progress=10, officer="A", expected_version=version)
    assert caught.value.current > version
    assert get_record(seeded, "1.1").status == "done"  # nothing written


async def test_stale_task_dialog_shows_the_change_and_asks(seeded, other, monkeypatch):
    pin_now(monkeypatch)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen, UpdateDialog)
        record_update(other, "1.1", status="done", progress=100, note="Xong", officer="Trần B")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UpdateDialog)  # not saved: asked
        told = shown(app, ".dialog-error")
        assert "Đã có thay đổi khác" in told
        assert "Trần B · 05/11/2025 10:00 · Nhiệm vụ 1.1: Chưa bắt đầu → Hoàn thành, 100%; Xong" in told
        assert get_record(other, "1.1").status == "done"
        await pilot.press("ctrl+s")  # asked again: the officer's values go over it
        await pilot.pause()
        assert not isinstance(app.screen, UpdateDialog)
    assert get_record(other, "1.1").status == "not_started"


async def test_stale_task_dialog_escape_keeps_the_other_change(seeded, other):
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        record_update(other, "1.1", status="done", progress=100, officer="Trần B")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, UpdateDialog)
    assert get_record(other, "1.1").status == "done"


async def test_stale_incident_status_and_form(seeded, other, monkeypatch):
    pin_now(monkeypatch)
    made = open_incident(seeded, IncidentDraft(title="Mất mạng", category="internet", severity="medium",
                                               opened_at="05/11/2025 08:00"), actor="A")
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MoveStatusScreen(made.id))
        await pilot.pause()
        change_status(other, made.id, "in_progress", note="Đang gọi nhà mạng", actor="Trần B")
        await pilot.press("enter", "enter")  # first status offered, empty note
        await pilot.pause()
        assert isinstance(app.screen, MoveStatusScreen)
        told = shown(app, "#move-error")
        assert "Trần B · 05/11/2025 10:00 · Sự cố #1: Mới → Đang xử lý; Đang gọi nhà mạng" in told
        assert get_incident(other, made.id).status == "in_progress"
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(IncidentFormScreen(incident_id=made.id))
        await pilot.pause()
        change_status(other, made.id, "resolved", note="Khởi động lại modem", actor="Trần B")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncidentFormScreen)
        assert "Đang xử lý → Đã khắc phục" in shown(app, "#incident-form-error")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IncidentFormScreen)
    found = get_incident(other, made.id)
    assert found.status == "resolved" and found.resolution == "Khởi động lại modem"  # the form edits facts only
