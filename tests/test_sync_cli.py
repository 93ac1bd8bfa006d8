"""The loop from the command line, as the commune and the province officer type it."""

from __future__ import annotations

import json
import re

from tests.sync_helpers import dump


def test_cli_loop(cli, tmp_path):
    commune, province = str(tmp_path / "c.db"), str(tmp_path / "p.db")
    usb, receipts = tmp_path / "usb", tmp_path / "receipts"
    assert cli("--db", commune, "init")[0] == 0
    code, out, _ = cli("--db", commune, "keys", "show")
    assert code == 0
    public = re.search(r"^[0-9a-f]{64}$", out, re.M).group(0)
    assert re.search(r"Dấu vân tay: \d{4}-\d{4}-\d{4}-\d{4}-\d{4}", out)

    code, out, _ = cli("--db", commune, "export", "--out", str(usb))
    assert code == 0 and "có thể rút USB an toàn" in out and "tasks 34" in out

    assert cli("--db", province, "province", "init", "--province", "40")[0] == 0
    code, out, _ = cli("--db", province, "province", "register", "--commune", "16969", "--key", public.upper())
    assert code == 0 and "Xã Nghĩa Thọ" in out
    code, out, _ = cli("--db", province, "province", "import", str(usb), "--dry-run")
    assert code == 0 and "Chạy thử" in out
    code, out, _ = cli("--db", province, "province", "import", str(usb), "--json",
                       "--receipts", str(receipts))
    result = json.loads(out)
    assert code == 0 and result["files"][0]["status"] == "imported"
    assert result["communes"]["16969"]["new"] == result["files"][0]["new"] > 0
    code, out, _ = cli("--db", province, "province", "import", str(usb), "--receipts", str(receipts))
    assert code == 0 and "đã nhập trước đây" in out

    code, out, _ = cli("--db", province, "province", "status", "--json")
    mine = next(s for s in json.loads(out) if s["code"] == "16969")
    assert mine["tasks_total"] == 30 and mine["bundles"] == 1 and mine["open_incidents"] is None
    code, out, _ = cli("--db", province, "province", "status", "--filter", "not-reported")
    assert code == 0 and "Xã Nghĩa Thọ" not in out and "chưa gửi" in out

    key_file = tmp_path / "tinh.json"
    assert cli("--db", province, "province", "key", "--out", str(key_file))[0] == 0
    assert cli("--db", commune, "keys", "trust-province", str(key_file))[0] == 0
    code, out, _ = cli("--db", commune, "import", str(receipts))
    assert code == 0 and "đã xác nhận đến" in out
    code, out, _ = cli("--db", commune, "export", "--out", str(usb))
    assert code == 0 and "Không có thay đổi mới" in out
    code, out, _ = cli("--db", commune, "export", "--out", str(usb), "--full", "--json")
    assert json.loads(out)["kind"] == "full"

    for fmt in ("md", "xlsx", "docx"):
        target = tmp_path / f"r.{fmt}"
        code, out, _ = cli("--db", province, "province", "report", "--format", fmt, "--out", str(target))
        assert code == 0 and target.stat().st_size > 200
    assert "Xã Nghĩa Thọ" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_bad_file_one_line_and_exit_1(cli, tmp_path):
    province = str(tmp_path / "p.db")
    cli("--db", province, "province", "init", "--province", "40")
    bad = tmp_path / "x.khsync"
    bad.write_bytes(b"PK\x03\x04 not really")
    before = dump(tmp_path / "p.db")
    code, out, err = cli("--db", province, "province", "import", str(bad))
    assert code == 1 and "x.khsync: KHÔNG NHẬN — Tệp bị hỏng" in out and "Traceback" not in out + err
    assert dump(tmp_path / "p.db") == before


def test_databases_are_not_mixed_up(cli, tmp_path):
    commune, province = str(tmp_path / "c.db"), str(tmp_path / "p.db")
    cli("--db", commune, "init")
    cli("--db", province, "province", "init", "--province", "40")
    code, _, err = cli("--db", commune, "province", "status")
    assert code == 1 and "không phải cơ sở dữ liệu cấp tỉnh" in err
    code, _, err = cli("--db", province, "tasks")
    assert code == 1 and "cơ sở dữ liệu cấp tỉnh" in err and "\n" not in err.strip()


def test_register_bad_key_and_unknown_commune(cli, tmp_path):
    province = str(tmp_path / "p.db")
    cli("--db", province, "province", "init", "--province", "40")
    code, _, err = cli("--db", province, "province", "register", "--commune", "16969", "--key", "abc")
    assert code == 1 and "64 ký tự hex" in err
    code, _, err = cli("--lang", "en", "--db", province, "province", "register", "--commune", "00004",
                       "--key", "ab" * 32)
    assert code == 1 and "not in" in err
