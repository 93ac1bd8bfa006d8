"""kehoach checklist: show, mark, probe, finish, history — text and --json, one-line errors."""

from __future__ import annotations

import json

import pytest

from kehoach_tui import probes
from kehoach_tui.probes import ProbeResult


@pytest.fixture
def db(cli, db_path):
    assert cli("--db", str(db_path), "init", "--officer", "Lê Thị B")[0] == 0
    return str(db_path)


@pytest.fixture
def fake_probes(monkeypatch):
    def fake(name, state, summary):
        return lambda ctx: ProbeResult(name, state, summary)

    fakes = {
        "internet": fake("internet", "fail", "dichvucong.gov.vn: không phân giải được tên miền"),
        "disk": fake("disk", "ok", "Ổ dữ liệu còn trống 40 GB"),
        "printers": fake("printers", "ok", "Máy in sẵn sàng: HP"),
        "clock": fake("clock", "ok", "Đồng hồ máy hợp lý"),
        "database": fake("database", "ok", "Cơ sở dữ liệu nguyên vẹn"),
        "backup": fake("backup", "warn", "Chưa có bản sao lưu"),
    }
    monkeypatch.setattr(probes, "registry", lambda: fakes)
    return fakes


def test_show_today_json_lists_16_items(cli, db):
    code, out, _ = cli("--db", db, "checklist", "--json")
    data = json.loads(out)
    assert code == 0 and data["date"] == "2025-11-05" and data["started"] is False
    assert data["total"] == 16 and data["checked"] == 0
    assert data["items"][1] == {
        "code": "INTERNET", "title": "Kết nối Internet", "category": "Mạng", "required": True,
        "probe": "internet", "state": "unchecked", "note": "", "source": None, "evidence": "",
    }


def test_mark_then_show(cli, db):
    code, out, _ = cli("--db", db, "checklist", "mark", "may in", "fail", "--note", "Kẹt giấy")
    assert code == 0 and out.strip() == "05/11/2025 · Máy in: Lỗi"
    cli("--db", db, "checklist", "mark", "DIEN_UPS", "ok", "--date", "04/11/2025")
    code, out, _ = cli("--db", db, "checklist")
    assert "Cán bộ: Lê Thị B" in out and "1/16 đã kiểm tra · 1 lỗi" in out
    assert " 5 MAY_IN      Lỗi            Máy in — Kẹt giấy" in out
    data = json.loads(cli("--db", db, "checklist", "--date", "4/11/2025", "--json")[1])
    assert data["checked"] == 1 and data["items"][0]["state"] == "ok"


def test_probe_records_and_keeps_the_officers_answer(cli, db, fake_probes):
    cli("--db", db, "checklist", "mark", "internet", "ok")
    code, out, _ = cli("--db", db, "checklist", "probe", "--json")
    data = json.loads(out)
    assert code == 0 and data["filled"] == ["MAY_TINH", "MAY_IN"]
    items = {i["code"]: i for i in data["day"]["items"]}
    assert items["INTERNET"]["state"] == "ok" and items["INTERNET"]["source"] == "manual"
    assert items["MAY_IN"]["state"] == "ok" and items["MAY_IN"]["source"] == "probe"
    assert [r["name"] for r in data["results"]] == ["internet", "disk", "printers", "clock", "database", "backup"]
    code, out, _ = cli("--db", db, "checklist", "probe")
    assert "Kết nối Internet: giữ kết quả cán bộ đã nhập" in out and "Sao lưu" in out


def test_probe_with_a_hanging_probe_reports_the_timeout(cli, db, fake_probes, monkeypatch):
    import threading

    release = threading.Event()
    fake_probes["printers"] = lambda ctx: release.wait(30) and ProbeResult("printers", "ok", "late")
    cli("--db", db, "checklist")  # installs the items
    from kehoach_tui.store import open_store
    from kehoach_tui.store.settings import put_settings

    store = open_store(db)
    put_settings(store, {"checklist.probe_timeout": 0.3}, actor="test")
    store.close()
    code, out, _ = cli("--db", db, "checklist", "probe", "--json")
    release.set()
    results = {r["name"]: r for r in json.loads(out)["results"]}
    assert results["printers"]["state"] == "fail"
    assert results["printers"]["summary"] == "Quá thời gian chờ 0.3 giây, đã dừng"
    assert results["disk"]["state"] == "ok"


def test_finish_asks_for_yes_when_items_are_left(cli, db):
    code, _, err = cli("--db", db, "checklist", "finish")
    assert code == 1 and "Còn 16 mục chưa kiểm tra" in err and "--yes" in err and "Traceback" not in err
    code, out, _ = cli("--db", db, "checklist", "finish", "--yes", "--json")
    assert code == 0 and json.loads(out)["finished_at"]


def test_history_json_and_text(cli, db):
    cli("--db", db, "checklist", "mark", "camera", "na")
    code, out, _ = cli("--db", db, "checklist", "history", "--days", "7", "--json")
    data = json.loads(out)
    assert code == 0 and data["working_days"] == 5 and data["days_checked"] == 1
    assert data["items"][7]["cells"][-1] == "na"
    code, out, _ = cli("--db", db, "checklist", "history", "--days", "90")
    assert "Lịch sử kiểm tra 90 ngày (08/08/2025 – 05/11/2025)" in out and "Ngày làm việc: 62" in out


@pytest.mark.parametrize(("args", "reason"), [
    (("mark", "khong-co", "ok"), "không có mục kiểm tra “khong-co”"),
    (("mark", "camera", "ok", "--date", "06/11/2025"), "ngày chưa tới"),
    (("mark", "camera", "ok", "--date", "31/02/2025"), "Ngày không hợp lệ"),
    (("--date", "hôm qua"), "Ngày không hợp lệ"),
    (("mark", "phan mem", "ok"), "khớp nhiều mục"),
])
def test_bad_input_one_line_reason(cli, db, args, reason):
    code, out, err = cli("--db", db, "checklist", *args)
    assert code == 1 and reason in err and len(err.strip().splitlines()) == 1


def test_english_messages(cli, db):
    code, _, err = cli("--db", db, "--lang", "en", "checklist", "mark", "nope", "ok")
    assert code == 1 and err.strip() == "Error: no check item “nope”"


def test_settings_change_late_time_saturdays_holidays(cli, db):
    code, out, _ = cli("--db", db, "checklist", "settings", "--late-after", "7h45", "--saturdays",
                       "--holiday", "20/11/2025", "--host", "dichvucong.gov.vn:443", "--json")
    data = json.loads(out)
    assert code == 0 and data["late_after"] == "07:45" and data["saturdays"] is True
    assert data["holidays"] == ["2025-11-20"] and data["internet_hosts"] == ["dichvucong.gov.vn:443"]
    code, _, err = cli("--db", db, "checklist", "settings", "--late-after", "25:00")
    assert code == 1 and "giờ không hợp lệ" in err
    code, _, err = cli("--db", db, "checklist", "settings", "--host", "nope")
    assert code == 1 and "không hợp lệ: nope" in err
    data = json.loads(cli("--db", db, "checklist", "settings", "--json")[1])
    assert data["late_after"] == "07:45"  # the refused changes left everything as it was
