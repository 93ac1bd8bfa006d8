"""The audit log in words: who · when · what: change — no table or column names, no raw
keys or ISO times, incident states in incident words, each act once."""

from __future__ import annotations

import re

import pytest

from kehoach_tui.app import KehoachApp
from kehoach_tui.cli import main
from kehoach_tui.config import today
from kehoach_tui.domain.incident_models import IncidentDraft
from kehoach_tui.i18n import set_lang
from kehoach_tui.store import checklist as cl
from kehoach_tui.store.history import history
from kehoach_tui.store.incidents import change_status, open_incident
from kehoach_tui.store.reports import save_report_settings
from kehoach_tui.store.settings import put_settings
from kehoach_tui.store.targets import record_target_value
from kehoach_tui.store.tasks import record_update
from tests.incident_fixtures import pin_now

# What must never reach the reader: table/column names, catalogue keys, ISO times, ids.
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(status|cstate|incident|mail)\.[a-z_]+\b|\d{4}-\d{2}-\d{2}T|"
                 r"[0-9a-f]{8}-[0-9a-f]{4}")
OFFICER = "Nguyễn Thị Hoa"


@pytest.fixture
def busy(seeded, monkeypatch):
    """A day of work: a task update, an incident through its states, the morning check,
    a target value, settings."""
    pin_now(monkeypatch)
    record_update(seeded, "1.1", status="in_progress", progress=30, note="Đã họp", officer=OFFICER)
    made = open_incident(seeded, IncidentDraft(title="Mất mạng", category="internet", severity="medium",
                                               opened_at="05/11/2025 08:00"), actor=OFFICER)
    change_status(seeded, made.id, "in_progress", note="Gọi nhà mạng", actor=OFFICER)
    change_status(seeded, made.id, "resolved", note="Khởi động lại modem", actor=OFFICER)
    cl.ensure_items(seeded)
    cl.mark_item(seeded, today(), "INTERNET", "fail", note="rớt mạng", actor=OFFICER)
    cl.mark_rest(seeded, today(), "ok", actor=OFFICER)
    cl.finish_day(seeded, today(), actor=OFFICER)
    record_target_value(seeded, "CT4", "85,5", "2025-10", officer=OFFICER)
    put_settings(seeded, {"checklist.late_after": "08:30"}, actor=OFFICER)
    save_report_settings(seeded, {"signer_name": "Lê Văn B"}, actor=OFFICER)
    return seeded


def lines(store, **kw) -> list[str]:
    return [e.line() for e in history(store, **kw)]


def test_incident_change_reads_as_a_sentence(busy):
    got = lines(busy)
    assert f"{OFFICER} · 05/11/2025 10:00 · Sự cố #1: Đang xử lý → Đã khắc phục; " \
           "Cách khắc phục: Khởi động lại modem" in got
    assert f"{OFFICER} · 05/11/2025 10:00 · Sự cố #1: Mới → Đang xử lý; Gọi nhà mạng" in got
    assert any(line.startswith(f"{OFFICER} · 05/11/2025 10:00 · Sự cố #1: ghi nhận “Mất mạng”") for line in got)


def test_no_table_column_key_or_iso_time(busy):
    bad = [line for line in lines(busy, limit=1000) if RAW.search(line.split(" · ", 2)[2])]
    assert bad == []
    text = "\n".join(lines(busy))
    for word in ("Thêm incident_events", "marked_at", "status.closed", "Đang thực hiện → Đã khắc phục"):
        assert word not in text


def test_each_task_update_once(busy):
    got = [line for line in lines(busy, task_code="1.1")]
    changes = [line for line in got if "Đang thực hiện" in line]
    assert changes == [f"{OFFICER} · 05/11/2025 10:00 · Nhiệm vụ 1.1: Chưa bắt đầu → Đang thực hiện, 30%; Đã họp"]


def test_check_target_and_settings_in_words(busy):
    got = lines(busy)
    assert f"{OFFICER} · 05/11/2025 10:00 · Kiểm tra 05/11/2025: Kết nối Internet: Lỗi; rớt mạng" in got
    assert f"{OFFICER} · 05/11/2025 10:00 · Chỉ tiêu CT4: kỳ 10/2025: 85,5" in got
    assert f"{OFFICER} · 05/11/2025 10:00 · Cài đặt: giờ muộn của kiểm tra đầu giờ: 08:30" in got
    assert f"{OFFICER} · 05/11/2025 10:00 · Cài đặt: Họ tên người ký: Lê Văn B" in got
    assert any("Kiểm tra 05/11/2025: hoàn thành lúc " in line for line in got)


def test_in_english(busy):
    set_lang("en")
    got = lines(busy)
    assert f"{OFFICER} · 05/11/2025 10:00 · Incident #1: In progress → Resolved; " \
           "Resolution: Khởi động lại modem" in got
    assert f"{OFFICER} · 05/11/2025 10:00 · Target CT4: period 10/2025: 85.5" in got


def test_cli_task_history_prints_sentences(busy, capsys, db_path):
    busy.close()
    try:
        main(["--db", str(db_path), "task", "history", "1.1"])
    except SystemExit as exc:
        assert not exc.code
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{OFFICER} · 05/11/2025 10:00 · Nhiệm vụ 1.1: Chưa bắt đầu → Đang thực hiện, 30%; Đã họp"


async def test_history_screen_shows_the_whole_line(busy):
    app = KehoachApp(busy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "l")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HistoryScreen"
        full = app.screen.query_one("#history-full").render().plain
        assert full.startswith(f"{OFFICER} · 05/11/2025 10:00 · ")
        assert not RAW.search(full.split(" · ", 2)[2])
