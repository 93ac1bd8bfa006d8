"""CLI: kehoach incident open/update/text/show/categories, kehoach incidents."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def cli_db(cli, db_path):
    assert cli("--db", str(db_path), "init", "--officer", "Lê Thị B")[0] == 0
    return db_path


def open_json(cli, db, *extra):
    code, out, err = cli("--db", str(db), "incident", "open", "--category", "mat mang", "--title", "Mất mạng Internet",
                         "--at", "04/11/2025 10:05", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_open_json_prints_the_incident_with_id(cli, cli_db):
    data = open_json(cli, cli_db, "--severity", "cao", "--via", "nhom zalo", "--to", "Tổ hỗ trợ tỉnh",
                     "--item", "3.4.c-01")
    assert data["number"] == 1 and len(data["id"]) == 36
    assert data["category"] == "internet" and data["category_name"] == "Mất mạng Internet"
    assert data["severity"] == "high" and data["reported_via"] == "zalo" and data["reported_to"] == "Tổ hỗ trợ tỉnh"
    assert data["checklist_item"] == "3.4.c-01" and data["status"] == "new" and data["reporter"] == "Lê Thị B"
    assert data["events"][0]["to"] == "new"


def test_lifecycle_by_cli(cli, cli_db):
    ident = open_json(cli, cli_db)["id"]
    code, out, _ = cli("--db", str(cli_db), "incident", "update", ident[:8], "--status", "da bao cao", "--note", "Đã gọi")
    assert code == 0 and "Đã báo cáo" in out
    code, _, err = cli("--db", str(cli_db), "incident", "update", "1", "--status", "Đóng")
    assert code == 1 and err.strip() == "Lỗi: Đóng sự cố cần ghi cách khắc phục (ghi chú)"
    code, out, _ = cli("--db", str(cli_db), "incident", "update", "1", "--status", "dong", "--note", "Modem chạy lại", "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "closed" and data["resolution"] == "Modem chạy lại"
    assert [e["to"] for e in data["events"]] == ["new", "reported", "closed"]
    code, out, _ = cli("--db", str(cli_db), "incident", "update", "#1", "--status", "mo lai", "--note", "Lại mất")
    assert code == 0 and "Mở lại" in out
    code, out, _ = cli("--db", str(cli_db), "incidents", "--open", "--json")
    assert [r["status"] for r in json.loads(out)] == ["reopened"]


def test_incidents_list_and_filters(cli, cli_db):
    open_json(cli, cli_db)
    code, _, _ = cli("--db", str(cli_db), "incident", "open", "-c", "may in", "-t", "Máy in kẹt giấy", "-s", "thap",
                     "--at", "04/11/2025 09:00")
    assert code == 0
    code, out, _ = cli("--db", str(cli_db), "incidents", "--json")
    assert [r["number"] for r in json.loads(out)] == [1, 2]  # newest first
    code, out, _ = cli("--db", str(cli_db), "incidents", "--search", "MAY IN", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Máy in kẹt giấy"]
    code, out, _ = cli("--db", str(cli_db), "incidents", "--severity", "thấp")
    assert code == 0 and "Máy in kẹt giấy" in out and "Mất mạng" not in out


def test_text_prints_the_summary(cli, cli_db):
    open_json(cli, cli_db, "--via", "zalo")
    code, out, _ = cli("--db", str(cli_db), "incident", "text", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "[SỰ CỐ CNTT] #1: Mất mạng Internet"
    assert "- Địa điểm: Xã Nghĩa Thọ, Tỉnh Nghệ An" in lines and "- Đã báo qua: Nhóm Zalo" in lines


def test_show_lists_the_timeline(cli, cli_db):
    open_json(cli, cli_db)
    cli("--db", str(cli_db), "incident", "update", "1", "--status", "dang xu ly", "--note", "Đang gọi nhà mạng")
    code, out, _ = cli("--db", str(cli_db), "incident", "show", "1")
    assert code == 0 and "Mở sự cố" in out and "Đang gọi nhà mạng" in out


@pytest.mark.parametrize(("args", "reason"), [
    (("incident", "open", "-c", "xyz", "-t", "A"), "Không có loại sự cố “xyz”"),
    (("incident", "open", "-c", "power", "-t", "  "), "Cần nhập tiêu đề"),
    (("incident", "open", "-c", "power", "-t", "A", "-s", "gấp"), "Không có mức độ “gấp”"),
    (("incident", "open", "-c", "power", "-t", "A", "--at", "hôm qua"), "không hợp lệ"),
    (("incident", "update", "7", "--status", "dong", "-n", "x"), "Không tìm thấy sự cố “7”"),
    (("incident", "update", "1", "--status", "xong"), "Không có trạng thái “xong”"),
    (("incident", "text", "abc"), "Không tìm thấy"),
])
def test_bad_input_one_line_nothing_changed(cli, cli_db, args, reason):
    import sqlite3

    def dump():
        conn = sqlite3.connect(cli_db)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()

    before = dump()
    code, out, err = cli("--db", str(cli_db), *args)
    assert code == 1 and reason in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert dump() == before


def test_english_errors(cli, cli_db):
    code, _, err = cli("--db", str(cli_db), "--lang", "en", "incident", "open", "-c", "xyz", "-t", "A")
    assert code == 1 and err.startswith("Error: No incident category “xyz”")


def test_hostile_title_round_trips_literally(cli, cli_db):
    title = "[@click=app.quit]x[/] Le [/] Van"
    code, out, _ = cli("--db", str(cli_db), "incident", "open", "-c", "khac", "-t", title + "\x1b[2J", "--json")
    assert code == 0 and json.loads(out)["title"] == title + "[2J"


def test_categories_add(cli, cli_db):
    code, out, _ = cli("--db", str(cli_db), "incident", "categories", "--add", "Lỗi máy chủ xã", "--json")
    assert code == 0 and [c["name"] for c in json.loads(out)][-2:] == ["Lỗi máy chủ xã", "Khác"]
    code, out, _ = cli("--db", str(cli_db), "incident", "open", "-c", "may chu", "-t", "Máy chủ treo", "--json")
    assert code == 0 and json.loads(out)["category_name"] == "Lỗi máy chủ xã"
