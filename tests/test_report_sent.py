"""A report is made (đã tạo) then sent (đã gửi): by bundle, by mail or marked by hand; it
stays due until sent. Exporting a period again never overwrites a file the officer may have
edited: "…-lan-2.docx"."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.report_data import on_day


@pytest.fixture
def db(capsys, db_path, cli):
    assert cli("--db", str(db_path), "init")[0] == 0
    return db_path


def test_exporting_again_writes_a_new_file_beside_the_first(capsys, db, tmp_path, cli):
    out = tmp_path / "out"
    args = ("report", "weekly", "--period", "2025-W45", "--out", f"{out}/", "--json")
    first = json.loads(cli("--db", str(db), *args)[1])["path"]
    edited = b"edited in Word"
    Path(first).write_bytes(edited)
    second = json.loads(cli("--db", str(db), *args)[1])["path"]
    third = json.loads(cli("--db", str(db), *args)[1])["path"]
    assert second.endswith("bao-cao-tuan-2025-W45-16969-lan-2.docx") and third.endswith("-lan-3.docx")
    assert Path(first).read_bytes() == edited


def test_a_made_report_stays_due_until_it_is_sent(capsys, db, tmp_path, cli):
    with on_day("2025-11-10"):
        assert cli("--db", str(db), "report", "weekly", "--period", "2025-W45", "--out", f"{tmp_path}/")[0] == 0
        due = json.loads(cli("--db", str(db), "report", "due", "--json")[1])
        week = [d for d in due if d["state"] == "overdue" and d["period"]["start"] == "2025-11-03"]
        assert week and week[0]["made"]
        assert "đã tạo, chưa gửi" in cli("--db", str(db), "report", "due")[1]
        code, out, err = cli("--db", str(db), "report", "sent", "weekly", "--period", "2025-W45", "--via", "iOffice")
        assert code == 0, err
        due = json.loads(cli("--db", str(db), "report", "due", "--json")[1])
        assert not [d for d in due if d["state"] == "overdue" and d["period"]["start"] == "2025-11-03"]
        history = json.loads(cli("--db", str(db), "report", "history", "--json")[1])
        assert (history[0]["state"], history[0]["sent_via"]) == ("sent", "iOffice")
        code, _, err = cli("--db", str(db), "report", "sent", "weekly", "--period", "2025-W45")
        assert code == 1 and err.count("\n") == 1  # nothing left to mark


def test_a_bundle_or_a_mailed_report_marks_it_sent(seeded, tmp_path):
    from kehoach_tui.domain.periods import parse_period
    from kehoach_tui.mail import outbox
    from kehoach_tui.reports.export import export_report
    from kehoach_tui.store.reports import list_runs
    from kehoach_tui.sync.export import export_bundle

    period = parse_period("week", "2025-W45", dt.date(2025, 11, 5))
    mailed = export_report(seeded, period, "docx", today=period.end, out=tmp_path / "a.docx", actor="B")
    item = outbox.queue_file(seeded, mailed.path, "report", label="Báo cáo tuần 45")
    outbox.mark_sent(seeded, item, recipients="vp@example.vn", actor="B")
    assert {(r.id, r.sent_via) for r in list_runs(seeded)} == {(mailed.run_id, "mail")}
    later = export_report(seeded, period.following(), "docx", today=period.end, out=tmp_path / "b.docx", actor="B")
    export_bundle(seeded, tmp_path / "usb")
    assert {r.id: r.sent_via for r in list_runs(seeded)}[later.run_id] == "bundle"


def test_exporting_with_sections_unwritten_warns(capsys, db, tmp_path, cli):
    code, _, err = cli("--db", str(db), "report", "monthly", "--period", "2025-11", "--out", f"{tmp_path}/")
    assert code == 0 and "chưa soạn nội dung mục I, III, V" in err
    for section in ("direction", "shortcomings", "proposals"):
        cli("--db", str(db), "report", "text", "monthly", "--period", "2025-11", "--section", section, "--text", "Đã soạn")
    code, _, err = cli("--db", str(db), "report", "monthly", "--period", "2025-11", "--out", f"{tmp_path}/")
    assert code == 0 and err == ""
