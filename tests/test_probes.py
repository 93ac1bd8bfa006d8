"""Probes: each bounded by its timeout; offline the internet probe fails fast and says why."""

from __future__ import annotations

import os
import socket
import threading
import time

from kehoach_tui import probes
from kehoach_tui.probes import ProbeContext, ProbeResult, network, printers, run_probes, system


def ctx(tmp_path, **kw) -> ProbeContext:
    return ProbeContext(data_dir=tmp_path, **{"timeout": 2.0, **kw})


def test_hanging_probe_is_cut_at_its_timeout_and_reported(tmp_path):
    release = threading.Event()

    def hangs(_ctx):
        release.wait(30)
        return ProbeResult("internet", "ok", "never")

    seen = []
    results = run_probes(
        ["internet", "disk"], ctx(tmp_path, timeout=0.2),
        probes={"internet": hangs, "disk": lambda c: ProbeResult("disk", "ok", "fine")},
        on_result=lambda r, done, total: seen.append((r.name, done, total)),
    )
    release.set()
    assert [r.name for r in results] == ["internet", "disk"]
    assert results[0].state == "fail" and "Quá thời gian chờ 0.2 giây" in results[0].summary
    assert results[1].summary == "fine"
    assert seen == [("disk", 1, 2), ("internet", 2, 2)]


def test_broken_probe_is_a_result_not_a_crash(tmp_path):
    def boom(_ctx):
        raise RuntimeError("spooler gone")

    [result] = run_probes(["printers"], ctx(tmp_path), probes={"printers": boom})
    assert result.state == "fail" and "spooler gone" in result.summary


def test_internet_offline_fails_with_reasons(tmp_path):
    # .invalid never resolves (RFC 6761); a closed local port refuses at once
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    context = ctx(tmp_path, internet_hosts=["khong-co-that.invalid:443", f"127.0.0.1:{closed}"])
    [result] = run_probes(["internet"], context)
    assert result.state == "fail"
    assert "khong-co-that.invalid: không phân giải được tên miền" in result.summary
    assert f"127.0.0.1:{closed}: không kết nối được" in result.summary
    assert "Quá thời gian" not in result.summary  # it answered within its own timeout


def test_internet_slow_resolver_is_cut(tmp_path, monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(network.socket, "getaddrinfo", lambda *a, **k: release.wait(30))
    result = network.internet(ctx(tmp_path, timeout=0.8, internet_hosts=["dichvucong.gov.vn:443"]))
    release.set()
    assert result.state == "fail" and "phân giải tên miền quá" in result.summary


def test_internet_reachable_host_is_ok(tmp_path):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        result = network.internet(ctx(tmp_path, internet_hosts=[f"127.0.0.1:{port}"]))
    assert result.state == "ok" and f"127.0.0.1:{port}" in result.summary


def test_internet_bad_host_entry_and_no_hosts(tmp_path):
    assert network.internet(ctx(tmp_path, internet_hosts=[])).state == "skip"
    result = network.internet(ctx(tmp_path, internet_hosts=["no-port-here"]))
    assert result.state == "fail" and "không hợp lệ" in result.summary


def test_printers_parsing_and_judgement():
    lpstat = "printer HP_LaserJet is idle.  enabled since Mon\nprinter Canon disabled since Tue -\n\treason unknown\n"
    assert printers.parse_lpstat(lpstat) == [("HP_LaserJet", True), ("Canon", False)]
    assert printers.judge(printers.parse_lpstat(lpstat)).state == "warn"
    ps = '[{"Name":"Microsoft Print to PDF","Status":"Normal"},{"Name":"Brother HL","Status":"Normal"}]'
    result = printers.judge(printers.parse_get_printer(ps))
    assert result.state == "ok" and result.summary == "Máy in sẵn sàng: Brother HL"
    assert printers.judge(printers.parse_get_printer('{"Name":"Microsoft XPS Document Writer","Status":"Normal"}')).state == "fail"
    assert printers.judge([]).summary == "Chưa cài máy in nào"


def test_printers_skipped_without_a_tool(tmp_path, monkeypatch):
    monkeypatch.setattr(printers, "printer_command", lambda: None)
    result = printers.printers(ctx(tmp_path))
    assert result.state == "skip" and "lpstat" in result.summary


def test_disk_clock_database_backup(tmp_path):
    assert system.disk(ctx(tmp_path / "not" / "yet")).summary.startswith("Ổ dữ liệu còn trống")
    behind = system.clock(ctx(tmp_path, last_change_at="2025-11-05T01:00:00.000000Z",
                              now_utc_iso="2025-11-04T01:00:00.000000Z"))
    assert behind.state == "warn" and "05/11/2025 08:00" in behind.summary
    assert system.clock(ctx(tmp_path, last_change_at="2025-11-05T01:00:00Z", now_utc_iso="2025-11-05T02:00:00Z")).state == "ok"
    assert system.database(ctx(tmp_path, quick_check=lambda: "ok")).state == "ok"
    assert system.database(ctx(tmp_path, quick_check=lambda: "row 3 missing")).state == "fail"
    assert system.backup(ctx(tmp_path)).summary == "Chưa có bản sao lưu"
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "kehoach-2025-10-01.db"
    old.write_bytes(b"x")
    ten_days_ago = time.time() - 10 * 86400
    os.utime(old, (ten_days_ago, ten_days_ago))
    assert system.backup(ctx(tmp_path)).state == "warn"
    (folder / "kehoach-new.db").write_bytes(b"x")
    fresh = system.backup(ctx(tmp_path))
    assert fresh.state == "ok" and "0 ngày (kehoach-new.db)" in fresh.summary


def test_registry_names_match_the_domain():
    from kehoach_tui.domain.checklist import PROBE_NAMES

    assert tuple(probes.registry()) == PROBE_NAMES
