"""kehoach report …: files, JSON, one-line errors that change nothing."""

from __future__ import annotations

import json
import sqlite3


def _dump(path):
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_monthly_docx_json_and_history(cli, db_path, tmp_path):
    cli("--db", str(db_path), "init")
    out_dir = tmp_path / "out"
    code, out, err = cli("--db", str(db_path), "report", "monthly", "--period", "2025-11", "--format", "docx",
                         "--out", str(out_dir) + "/", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["path"].endswith("bao-cao-thang-2025-11-16969.docx")
    assert result["period"] == {"kind": "month", "code": "2025-11", "start": "2025-11-01", "end": "2025-11-30",
                                "label": "tháng 11 năm 2025"}
    assert (out_dir / "bao-cao-thang-2025-11-16969.docx").exists()
    code, out, _ = cli("--db", str(db_path), "report", "history", "--json")
    assert [r["sha256"] for r in json.loads(out)] == [result["sha256"]]


def test_weekly_markdown_to_stdout_and_custom_range(cli, db_path, tmp_path):
    cli("--db", str(db_path), "init")
    code, out, _ = cli("--db", str(db_path), "report", "weekly", "--period", "2025-W45", "--format", "md",
                       "--out", "-")
    assert code == 0 and "tuần 45 năm 2025 (03/11/2025 - 09/11/2025)" in out
    code, out, _ = cli("--db", str(db_path), "report", "custom", "--from", "01/11/2025", "--to", "20/11/2025",
                       "--format", "csv", "--out", str(tmp_path / "r.csv"))
    assert code == 0 and (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    code, out, _ = cli("--db", str(db_path), "report", "monthly", "--mid-month", "--period", "2025-11",
                       "--format", "txt", "--out", "-")
    assert "từ 15/10/2025 đến 14/11/2025" in out


def test_bad_input_one_line_and_nothing_changed(cli, db_path):
    cli("--db", str(db_path), "init")
    before = _dump(db_path)
    for args, fragment in (
        (["report", "monthly", "--period", "13/2025"], "Kỳ báo cáo không hợp lệ"),
        (["report", "weekly", "--period", "2025-W60"], "không có tuần 60"),
        (["report", "custom", "--from", "01/11/2025"], "--from và --to"),
        (["report", "custom", "--from", "20/11/2025", "--to", "01/11/2025"], "trước ngày bắt đầu"),
        (["report", "monthly", "--format", "docx", "--out", "-"], "--out -"),
        (["report", "schedule", "--preset", "Hà Nội"], "Không có chế độ báo cáo"),
    ):
        code, out, err = cli("--db", str(db_path), *args)
        assert code == 1 and fragment in err and "Traceback" not in err and err.count("\n") == 1, (args, err)
    code, _, err = cli("--db", str(db_path), "--lang", "en", "report", "monthly", "--period", "13/2025")
    assert code == 1 and "Invalid report period" in err
    assert _dump(db_path) == before


def test_texts_settings_due_and_presets(cli, db_path):
    cli("--db", str(db_path), "init")
    code, out, _ = cli("--db", str(db_path), "report", "text", "monthly", "--period", "2025-11",
                       "--section", "proposals", "--text", "Đề nghị cấp máy quét")
    assert code == 0 and "V. Đề xuất, kiến nghị" in out
    code, out, _ = cli("--db", str(db_path), "report", "monthly", "--period", "2025-11", "--format", "txt",
                       "--out", "-")
    assert "Đề nghị cấp máy quét" in out
    cli("--db", str(db_path), "report", "settings", "--signer-name", "Nguyễn Văn C",
        "--signer-title", "TM. ỦY BAN NHÂN DÂN\\nCHỦ TỊCH")
    code, out, _ = cli("--db", str(db_path), "report", "settings", "--json")
    settings = json.loads(out)
    assert settings["signer_name"] == "Nguyễn Văn C" and settings["signer_title"] == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    assert [(d["schedule"], d["due"][:10]) for d in json.loads(out)] == [("weekly", "2025-11-07"), ("monthly", "2025-11-28")]
    code, out, _ = cli("--db", str(db_path), "report", "schedule", "--preset", "thanh hoa")
    assert code == 0
    code, out, _ = cli("--db", str(db_path), "report", "due", "--json")
    assert {d["schedule"] for d in json.loads(out)} == {"daily", "weekly", "monthly"}
