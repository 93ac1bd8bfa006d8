"""Incident events take the time the officer gives (`--at`, the TUI's time field): never in
the future, never before the previous event; downtime is reckoned from those times."""

from __future__ import annotations

import json
import sqlite3

import pytest


@pytest.fixture
def cli_db(capsys, db_path, cli):
    assert cli("--db", str(db_path), "init")[0] == 0
    code, _, err = cli("--db", str(db_path), "incident", "open", "--category", "mat mang", "--title", "Mất mạng",
                       "--interrupted", "--at", "04/11/2025 08:10")
    assert code == 0, err
    return db_path


def _dump(path):
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_update_at_a_given_time_sets_the_timeline_and_downtime(capsys, cli_db, cli):
    # fixed at 10:20, recorded in the evening: the downtime is 2 h 10, not up to the recording
    code, out, err = cli("--db", str(cli_db), "incident", "update", "1", "--status", "Đã khắc phục",
                         "--note", "Nhà mạng khôi phục", "--at", "04/11/2025 10:20", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["events"][-1]["at"] == "2025-11-04T03:20:00+00:00"
    assert data["resolved_at"] == "2025-11-04T03:20:00+00:00" and data["downtime_minutes"] == 130


@pytest.mark.parametrize(("at", "fragment"), [
    ("06/11/2025 09:00", "tương lai"),          # today is pinned to 05/11/2025
    ("04/11/2025 08:00", "sớm hơn diễn biến trước"),
    ("hôm qua", "Thời điểm"),
])
def test_a_time_in_the_future_or_before_the_previous_event_is_refused(capsys, cli_db, at, fragment, cli):
    before = _dump(cli_db)
    code, _, err = cli("--db", str(cli_db), "incident", "update", "1", "--status", "Đang xử lý", "--at", at)
    assert code == 1 and fragment in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert _dump(cli_db) == before


def test_a_time_in_the_minute_of_the_previous_event_follows_it(capsys, cli_db, cli):
    code, out, err = cli("--db", str(cli_db), "incident", "update", "1", "--status", "Đã báo cáo",
                         "--at", "04/11/2025 08:10", "--json")
    assert code == 0, err
    events = json.loads(out)["events"]
    assert events[-1]["at"] >= events[0]["at"]


def test_reopened_then_fixed_again_counts_both_stretches(capsys, cli_db, cli):
    for status, at in (("Đã khắc phục", "04/11/2025 10:20"), ("Mở lại", "05/11/2025 07:00"),
                       ("Đã khắc phục", "05/11/2025 07:30")):
        code, out, err = cli("--db", str(cli_db), "incident", "update", "1", "--status", status, "--note", "x",
                             "--at", at, "--json")
        assert code == 0, err
    assert json.loads(out)["downtime_minutes"] == 130 + 30


async def test_the_move_dialog_takes_a_time_defaulting_to_now(seeded):
    from kehoach_tui.app import KehoachApp
    from kehoach_tui.domain.incident_models import IncidentDraft
    from kehoach_tui.screens.incident_detail import MoveStatusScreen
    from kehoach_tui.store import incidents

    made = incidents.open_incident(seeded, IncidentDraft(title="Máy in", category="printer_scanner",
                                                         opened_at="05/11/2025 07:00"), actor="B")
    app = KehoachApp(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MoveStatusScreen(made.id))
        await pilot.pause()
        field = app.screen.query_one("#move-at")
        assert field.value.startswith("05/11/2025 ")
        field.value = "05/11/2025 07:45"
        app.screen.query_one("#move-status").highlighted = 0  # Đã báo cáo
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
    events = incidents.list_events(seeded, made.id)
    assert events[-1].to_status == "reported"
    assert events[-1].at.astimezone(incidents.config.TZ).strftime("%H:%M") == "07:45"
