"""CLI: kehoach tasks filters, task show/update/trigger/history, targets, target set."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def db(cli, db_path):
    assert cli("--db", str(db_path), "init", "--officer", "Lê Thị B")[0] == 0
    return str(db_path)


def test_update_then_show_json(cli, db):
    code, out, _ = cli("--db", db, "task", "update", "1.1", "--status", "dang thuc hien",
                       "--progress", "40", "--note", "Họp [bold]x[/]\x1b[2J", "--evidence",
                       "Số 123/KH-UBND ngày 05/8/2025", "--officer", "Trần C")
    assert code == 0 and "Đang thực hiện, 40%" in out
    code, out, _ = cli("--db", db, "task", "show", "1.1", "--json")
    data = json.loads(out)
    assert (data["status"], data["progress"]) == ("in_progress", 40)
    update = data["updates"][0]
    assert update["note"] == "Họp [bold]x[/][2J" and update["officer"] == "Trần C"
    assert update["evidence"] == "Số 123/KH-UBND ngày 05/8/2025"
    assert data["deadline_understood"] == "thường xuyên"


@pytest.mark.parametrize("status", ["Hoàn thành", "hoan thanh", "done", "HOAN THANH"])
def test_statuses_in_any_spelling(cli, db, status):
    code, _, _ = cli("--db", db, "task", "update", "1.2", "--status", status)
    assert code == 0
    data = json.loads(cli("--db", db, "task", "show", "1.2", "--json")[1])
    assert (data["status"], data["progress"]) == ("done", 100)


@pytest.mark.parametrize(("args", "message"), [
    (("--progress", "101"), "0 đến 100"),
    (("--status", "xong"), "không có"),
    (("--status", "done", "--progress", "60"), "--yes"),
    (("--evidence", "Số 1/QĐ ngày 20/11/2025"), "tương lai"),
])
def test_bad_updates_are_one_line_and_change_nothing(cli, db, db_path, args, message):
    before = _dump(db_path)
    code, _, err = cli("--db", db, "task", "update", "1.1", *args)
    assert code == 1 and message in err and "Traceback" not in err and err.count("\n") == 1
    assert _dump(db_path) == before


def test_english_errors(cli, db):
    code, _, err = cli("--db", db, "--lang", "en", "task", "update", "1.1", "--progress", "-3")
    assert code == 1 and err.startswith("Error: Progress")


def test_done_below_100_with_yes(cli, db):
    code, _, _ = cli("--db", db, "task", "update", "1.1", "--status", "done", "--progress", "60", "--yes")
    assert code == 0
    assert json.loads(cli("--db", db, "task", "show", "1.1", "--json")[1])["progress"] == 60


def test_tasks_filters(cli, db):
    cli("--db", db, "task", "update", "2.2", "--progress", "30", "--note", "Kết nối máy chủ")
    rows = json.loads(cli("--db", db, "tasks", "--status", "in_progress", "--json")[1])
    assert [r["code"] for r in rows] == ["2.2"]
    rows = json.loads(cli("--db", db, "tasks", "--search", "KET NOI may chu", "--json")[1])
    assert [r["code"] for r in rows] == ["2.2"]
    rows = json.loads(cli("--db", db, "tasks", "--search", "số hóa", "--json")[1])
    assert {"2.4", "2.5"} <= {r["code"] for r in rows}
    assert json.loads(cli("--db", db, "tasks", "--overdue", "--json")[1]) == []
    rows = json.loads(cli("--db", db, "tasks", "--due-within", "500", "--json")[1])
    assert [r["code"] for r in rows] == ["2.5"]   # due 31/12/2026
    rows = json.loads(cli("--db", db, "tasks", "--lead", "cong an xa", "--json")[1])
    assert {r["code"] for r in rows} >= {"3.5"}
    code, _, err = cli("--db", db, "tasks", "--status", "bogus")
    assert code == 1 and "bogus" in err


def test_parent_progress_derived_in_cli(cli, db):
    cli("--db", db, "task", "update", "4.5.a", "--status", "done")
    rows = {r["code"]: r for r in json.loads(cli("--db", db, "tasks", "--json")[1])}
    assert rows["4.5"]["progress"] == 14  # 100 / 7 sub-items
    code, _, err = cli("--db", db, "task", "update", "4.5", "--progress", "50")
    assert code == 1 and "mục con" in err


def test_targets_set_and_list(cli, db):
    code, out, _ = cli("--db", db, "target", "set", "CT4", "65", "--period", "2025-10",
                       "--note", "Cổng DVC", "--officer", "Phạm D")
    assert code == 0 and "CT4" in out and "10/2025" in out
    data = {t["code"]: t for t in json.loads(cli("--db", db, "targets", "--json")[1])}
    assert data["CT4"]["latest"] == {"period": "2025-10", "value": 65, "note": "Cổng DVC", "officer": "Phạm D"}
    assert data["CT4"]["state"] == "behind" and data["CT1"]["state"] == "no_data"
    code, _, err = cli("--db", db, "target", "set", "CT4", "65", "--period", "10-2025x")
    assert code == 1 and "Kỳ" in err
    code, _, err = cli("--db", db, "target", "set", "CT99", "1", "--period", "2025-10")
    assert code == 1 and "CT99" in err


def test_history_and_trigger_commands(cli, db):
    cli("--db", db, "task", "update", "1.3", "--note", "Đã khắc dấu", "--officer", "Võ E")
    rows = json.loads(cli("--db", db, "task", "history", "1.3", "--json")[1])
    assert rows and all(r["subject"] == "1.3" for r in rows) and rows[0]["actor"] == "Võ E"
    code, _, err = cli("--db", db, "task", "trigger", "1.3", "10/9/2025")
    assert code == 1 and "không có thời hạn chờ" in err
    code, _, err = cli("--db", db, "task", "trigger", "1.3", "hôm qua")
    assert code == 1 and "dd/mm/yyyy" in err
    code, _, err = cli("--db", db, "task", "show", "9.9")
    assert code == 1 and "9.9" in err


def _dump(path):
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
