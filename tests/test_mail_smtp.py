"""E-mail hand-off against a real SMTP server on 127.0.0.1 (aiosmtpd), from the command line."""

from __future__ import annotations

import json
import re

import pytest

from tests.mail_helpers import Password, SmtpServer, free_port
from tests.sync_helpers import dump
from tests.test_cli_foundation import run


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch):
    """The retry waits are real seconds in use; here the back-off is recorded, not slept."""
    import kehoach_tui.mail.send as send

    monkeypatch.setattr(send, "RETRY_WAITS", (0.0, 0.0))


@pytest.fixture
def server():
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


@pytest.fixture
def commune(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    assert run(capsys, "--db", db, "init")[0] == 0
    return db


def configure(capsys, db, port, *extra):
    code, out, err = run(capsys, "--db", db, "mail", "configure", "--host", "127.0.0.1", "--port", str(port),
                         "--security", "none", "--from", "vanphong@nghiatho.nghean.gov.vn",
                         "--to", "sokhcn@nghean.gov.vn", *extra)
    assert code == 0, err
    return out


def outbox(capsys, db) -> dict:
    code, out, _ = run(capsys, "--db", db, "outbox", "--json")
    assert code == 0
    return json.loads(out)


def test_export_is_queued_and_delivered_with_subject_and_attachment(capsys, tmp_path, commune, server):
    usb = tmp_path / "usb"
    assert run(capsys, "--db", commune, "export", "--out", str(usb))[0] == 0
    bundle = next(usb.iterdir())
    box = outbox(capsys, commune)
    assert box["counts"] == {"queued": 1, "sent": 0, "failed": 0}
    assert box["items"][0]["state_text"] == "Chờ gửi" and box["items"][0]["file"] == bundle.name

    configure(capsys, commune, server.port)
    code, out, _ = run(capsys, "--db", commune, "outbox", "send")
    assert code == 0 and f"Đã gửi {bundle.name} tới sokhcn@nghean.gov.vn" in out

    [msg] = server.inbox.messages
    assert msg["Subject"] == "[kehoach] 16969 Xã Nghĩa Thọ — gói đồng bộ số 1 (thay đổi #0–#" + \
        msg["X-Kehoach-Seq"].split("-")[1] + ")"
    assert msg["To"] == "sokhcn@nghean.gov.vn" and msg["From"] == "vanphong@nghiatho.nghean.gov.vn"
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == bundle.name
    assert attachment.get_content() == bundle.read_bytes()
    text = msg.get_body(("plain",)).get_content()
    assert "Số bản ghi:" in text and "tasks: 34" in text and "Thay đổi #0–#" in text

    box = outbox(capsys, commune)
    item = box["items"][0]
    assert item["state_text"] == "Đã gửi" and item["attempts"] == 1
    assert item["message_id"] == msg["Message-ID"] and item["recipients"] == "sokhcn@nghean.gov.vn"
    code, out, _ = run(capsys, "--db", commune, "outbox")
    assert "Đã gửi" in out and "0 chờ gửi · 1 đã gửi · 0 lỗi" in out


def test_server_down_stays_queued_then_each_sent_exactly_once(capsys, tmp_path, commune):
    port = free_port()
    configure(capsys, commune, port)
    assert run(capsys, "--db", commune, "export")[0] == 0
    assert run(capsys, "--db", commune, "export", "--full")[0] == 0

    code, out, _ = run(capsys, "--db", commune, "outbox", "send")
    assert code == 1
    assert f"2 tệp vẫn chờ gửi: Máy chủ thư 127.0.0.1:{port} không nhận kết nối" in out
    items = outbox(capsys, commune)["items"]
    assert {i["state"] for i in items} == {"queued"} and {i["attempts"] for i in items} == {1}
    assert all("không nhận kết nối" in i["last_error"] for i in items)
    first_ids = {i["id"]: i["message_id"] for i in items}
    assert all(first_ids.values())  # recorded before the first try, kept for every later one

    smtp = SmtpServer(port).start()
    try:
        code, out, _ = run(capsys, "--db", commune, "outbox", "send")
        assert code == 0 and out.count("Đã gửi") == 2
        code, out, _ = run(capsys, "--db", commune, "outbox", "send")
        assert code == 0 and "Không có tệp nào chờ gửi" in out
        code, out, _ = run(capsys, "--db", commune, "outbox", "send", "--retry-failed")
        assert code == 0 and "Không có tệp nào chờ gửi" in out
        delivered = smtp.inbox.messages
    finally:
        smtp.stop()
    assert len(delivered) == 2
    assert sorted(m["Message-ID"] for m in delivered) == sorted(first_ids.values())
    # oldest first: the province imports them in the order they were made
    assert [m["Subject"].split("số ")[1][0] for m in delivered] == ["1", "2"]
    items = outbox(capsys, commune)["items"]
    assert {i["state"] for i in items} == {"sent"} and {i["attempts"] for i in items} == {2}


def test_wrong_port_is_one_line(capsys, commune):
    port = free_port()
    configure(capsys, commune, port)
    code, out, err = run(capsys, "--db", commune, "mail", "test")
    assert code == 1 and out == ""
    assert err.strip() == f"Lỗi: Máy chủ thư 127.0.0.1:{port} không nhận kết nối: sai cổng hoặc máy chủ đang tắt"


@pytest.mark.parametrize("security, expected", [
    ("ssl", "Lỗi mã hóa với 127.0.0.1"),
    ("starttls", "không hỗ trợ STARTTLS"),
])
def test_wrong_tls_setting_is_one_line(capsys, commune, server, security, expected):
    code, _, err = run(capsys, "--db", commune, "mail", "configure", "--host", "127.0.0.1", "--port",
                       str(server.port), "--security", security, "--from", "a@b.vn", "--to", "c@d.vn")
    assert code == 0
    code, out, err = run(capsys, "--db", commune, "mail", "test")
    assert code == 1 and expected in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_mail_test_ok_and_english(capsys, commune, server):
    configure(capsys, commune, server.port)
    code, out, _ = run(capsys, "--db", commune, "mail", "test")
    assert code == 0 and f"Kết nối được máy chủ thư 127.0.0.1:{server.port} (none)" in out
    code, out, _ = run(capsys, "--lang", "en", "--db", commune, "mail", "test")
    assert code == 0 and "Connected to mail server" in out
    assert server.inbox.envelopes == []  # a test sends nothing


def test_too_big_is_failed_before_sending(capsys, commune, server):
    configure(capsys, commune, server.port, "--max-size-mb", "0.001")
    assert run(capsys, "--db", commune, "export")[0] == 0
    code, out, _ = run(capsys, "--db", commune, "outbox", "send")
    assert code == 1 and "LỖI" in out and "vượt giới hạn 0,001 MB" in out
    [item] = outbox(capsys, commune)["items"]
    assert item["state_text"] == "Lỗi" and "hãy chép tệp vào USB" in item["last_error"]
    assert server.inbox.envelopes == []
    # a bigger limit, then an explicit retry of the failed item
    configure(capsys, commune, server.port)
    code, out, _ = run(capsys, "--db", commune, "outbox", "send")
    assert "Không có tệp nào chờ gửi" in out
    code, out, _ = run(capsys, "--db", commune, "outbox", "send", "--retry-failed")
    assert code == 0 and len(server.inbox.envelopes) == 1


def test_saved_eml_imports_at_the_province(capsys, tmp_path, commune, server):
    province = str(tmp_path / "p.db")
    configure(capsys, commune, server.port)
    assert run(capsys, "--db", commune, "export")[0] == 0
    assert run(capsys, "--db", commune, "outbox", "send")[0] == 0
    public = re.search(r"^[0-9a-f]{64}$", run(capsys, "--db", commune, "keys", "show")[1], re.M).group(0)

    saved = tmp_path / "thu"
    saved.mkdir()
    eml = saved / "Gói đồng bộ Nghĩa Thọ.eml"
    eml.write_bytes(server.inbox.envelopes[0].content)
    (saved / "khong-dinh-kem.eml").write_bytes(b"From: a@b.vn\r\nSubject: hi\r\n\r\nno attachment\r\n")

    assert run(capsys, "--db", province, "province", "init", "--province", "40")[0] == 0
    assert run(capsys, "--db", province, "province", "register", "--commune", "16969", "--key", public)[0] == 0
    code, out, _ = run(capsys, "--db", province, "province", "import", str(eml), "--json",
                       "--receipts", str(tmp_path / "receipts"))
    result = json.loads(out)
    assert code == 0 and result["files"][0]["status"] == "imported" and result["files"][0]["new"] > 30
    # the folder: the same message again (already imported) and one without a bundle (refused)
    code, out, _ = run(capsys, "--db", province, "province", "import", str(saved),
                       "--receipts", str(tmp_path / "receipts"))
    assert code == 1 and "đã nhập trước đây" in out
    assert "khong-dinh-kem.eml: KHÔNG NHẬN — Thư không có tệp đính kèm .khsync" in out


def test_password_never_stored_and_asked_without_keyring(capsys, tmp_path, commune, monkeypatch):
    smtp = SmtpServer(authenticator=Password("xa", "Mật-khẩu-bí-mật"), auth_require_tls=False).start()
    try:
        code, _, err = run(capsys, "--db", commune, "mail", "configure", "--host", "127.0.0.1", "--port",
                           str(smtp.port), "--security", "none", "--user", "xa", "--from", "a@b.vn",
                           "--to", "c@d.vn", "--save-password")
        assert code == 1 and "không có kho mật khẩu" in err  # this machine has none
        configure(capsys, commune, smtp.port, "--user", "xa")
        code, out, _ = run(capsys, "--db", commune, "mail")
        assert "Mật khẩu: không lưu; được hỏi mỗi lần gửi" in out
        assert run(capsys, "--db", commune, "export")[0] == 0
        # no terminal to ask on: a one-line reason, nothing tried
        monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
        code, _, err = run(capsys, "--db", commune, "outbox", "send")
        assert code == 1 and "Cần mật khẩu thư" in err
        assert outbox(capsys, commune)["items"][0]["attempts"] == 0

        import click

        answers = iter(["sai", "Mật-khẩu-bí-mật"])
        monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
        monkeypatch.setattr(click, "prompt", lambda *a, **k: next(answers))
        code, out, _ = run(capsys, "--db", commune, "outbox", "send")
        assert code == 1 and "từ chối đăng nhập của xa" in out
        code, out, _ = run(capsys, "--db", commune, "outbox", "send")
        assert code == 0 and len(smtp.inbox.envelopes) == 1
    finally:
        smtp.stop()
    everything = "\n".join(dump(commune))
    assert "Mật-khẩu-bí-mật" not in everything  # the password is in no table, no change-log entry


def test_bad_settings_are_one_line(capsys, commune):
    base = ["--db", commune, "mail", "configure", "--host", "127.0.0.1", "--from"]
    code, _, err = run(capsys, *base, "khong-phai-dia-chi", "--to", "c@d.vn")
    assert code == 1 and err.strip() == "Lỗi: Địa chỉ thư không hợp lệ: “khong-phai-dia-chi”"
    code, _, err = run(capsys, *base, "a@b.vn", "--to", "[@click=app.quit]")
    assert code == 1 and "Địa chỉ thư không hợp lệ" in err
    code, _, err = run(capsys, "--db", commune, "mail", "configure", "--host", "máy chủ", "--from", "a@b.vn",
                       "--to", "c@d.vn")
    assert code == 1 and "Tên máy chủ thư không hợp lệ" in err
    code, _, err = run(capsys, "--db", commune, "outbox", "send")
    assert code == 1 and "Chưa cấu hình thư điện tử" in err
