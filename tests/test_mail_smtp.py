"""E-mail hand-off against a real SMTP server on 127.0.0.1 (aiosmtpd), from the command line."""

from __future__ import annotations

import json
import re

import pytest

from tests.mail_helpers import Password, SmtpServer, free_port
from tests.sync_helpers import dump


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
def commune(cli, tmp_path):
    db = str(tmp_path / "c.db")
    assert cli("--db", db, "init")[0] == 0
    return db


def configure(cli, db, port, *extra):
    code, out, err = cli("--db", db, "mail", "configure", "--host", "127.0.0.1", "--port", str(port),
                         "--security", "none", "--from", "vanphong@nghiatho.nghean.gov.vn",
                         "--to", "sokhcn@nghean.gov.vn", *extra)
    assert code == 0, err
    return out


def outbox(cli, db) -> dict:
    code, out, _ = cli("--db", db, "outbox", "--json")
    assert code == 0
    return json.loads(out)


def test_export_is_queued_and_delivered_with_subject_and_attachment(cli, tmp_path, commune, server):
    usb = tmp_path / "usb"
    assert cli("--db", commune, "export", "--out", str(usb))[0] == 0
    bundle = next(usb.iterdir())
    box = outbox(cli, commune)
    assert box["counts"] == {"queued": 1, "sent": 0, "failed": 0}
    assert box["items"][0]["state_text"] == "Chờ gửi" and box["items"][0]["file"] == bundle.name

    configure(cli, commune, server.port)
    code, out, _ = cli("--db", commune, "outbox", "send")
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

    box = outbox(cli, commune)
    item = box["items"][0]
    assert item["state_text"] == "Đã gửi" and item["attempts"] == 1
    assert item["message_id"] == msg["Message-ID"] and item["recipients"] == "sokhcn@nghean.gov.vn"
    code, out, _ = cli("--db", commune, "outbox")
    assert "Đã gửi" in out and "0 chờ gửi · 1 đã gửi · 0 lỗi" in out


def test_server_down_stays_queued_then_each_sent_exactly_once(cli, tmp_path, commune):
    port = free_port()
    configure(cli, commune, port)
    assert cli("--db", commune, "export")[0] == 0
    assert cli("--db", commune, "export", "--full")[0] == 0

    code, out, _ = cli("--db", commune, "outbox", "send")
    assert code == 1
    assert f"2 tệp vẫn chờ gửi: Máy chủ thư 127.0.0.1:{port} không nhận kết nối" in out
    items = outbox(cli, commune)["items"]
    assert {i["state"] for i in items} == {"queued"} and {i["attempts"] for i in items} == {1}
    assert all("không nhận kết nối" in i["last_error"] for i in items)
    first_ids = {i["id"]: i["message_id"] for i in items}
    assert all(first_ids.values())  # recorded before the first try, kept for every later one

    smtp = SmtpServer(port).start()
    try:
        code, out, _ = cli("--db", commune, "outbox", "send")
        assert code == 0 and out.count("Đã gửi") == 2
        code, out, _ = cli("--db", commune, "outbox", "send")
        assert code == 0 and "Không có tệp nào chờ gửi" in out
        code, out, _ = cli("--db", commune, "outbox", "send", "--retry-failed")
        assert code == 0 and "Không có tệp nào chờ gửi" in out
        delivered = smtp.inbox.messages
    finally:
        smtp.stop()
    assert len(delivered) == 2
    assert sorted(m["Message-ID"] for m in delivered) == sorted(first_ids.values())
    # oldest first: the province imports them in the order they were made
    assert [m["Subject"].split("số ")[1][0] for m in delivered] == ["1", "2"]
    items = outbox(cli, commune)["items"]
    assert {i["state"] for i in items} == {"sent"} and {i["attempts"] for i in items} == {2}


def test_wrong_port_is_one_line(cli, commune):
    port = free_port()
    configure(cli, commune, port)
    code, out, err = cli("--db", commune, "mail", "test")
    assert code == 1 and out == ""
    assert err.strip() == f"Lỗi: Máy chủ thư 127.0.0.1:{port} không nhận kết nối: sai cổng hoặc máy chủ đang tắt"


@pytest.mark.parametrize("security, expected", [
    ("ssl", "Lỗi mã hóa với 127.0.0.1"),
    ("starttls", "không hỗ trợ STARTTLS"),
])
def test_wrong_tls_setting_is_one_line(cli, commune, server, security, expected):
    code, _, err = cli("--db", commune, "mail", "configure", "--host", "127.0.0.1", "--port",
                       str(server.port), "--security", security, "--from", "a@b.vn", "--to", "c@d.vn")
    assert code == 0
    code, out, err = cli("--db", commune, "mail", "test")
    assert code == 1 and expected in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_mail_test_ok_and_english(cli, commune, server):
    configure(cli, commune, server.port)
    code, out, _ = cli("--db", commune, "mail", "test")
    assert code == 0 and f"Kết nối được máy chủ thư 127.0.0.1:{server.port} (none)" in out
    code, out, _ = cli("--lang", "en", "--db", commune, "mail", "test")
    assert code == 0 and "Connected to mail server" in out
    assert server.inbox.envelopes == []  # a test sends nothing


def test_too_big_is_failed_before_sending(cli, commune, server):
    configure(cli, commune, server.port, "--max-size-mb", "0.001")
    assert cli("--db", commune, "export")[0] == 0
    code, out, _ = cli("--db", commune, "outbox", "send")
    assert code == 1 and "LỖI" in out and "vượt giới hạn 0,001 MB" in out
    [item] = outbox(cli, commune)["items"]
    assert item["state_text"] == "Lỗi" and "hãy chép tệp vào USB" in item["last_error"]
    assert server.inbox.envelopes == []
    # a bigger limit, then an explicit retry of the failed item
    configure(cli, commune, server.port)
    code, out, _ = cli("--db", commune, "outbox", "send")
    assert "Không có tệp nào chờ gửi" in out
    code, out, _ = cli("--db", commune, "outbox", "send", "--retry-failed")
    assert code == 0 and len(server.inbox.envelopes) == 1


def test_saved_eml_imports_at_the_province(cli, tmp_path, commune, server):
    province = str(tmp_path / "p.db")
    configure(cli, commune, server.port)
    assert cli("--db", commune, "export")[0] == 0
    assert cli("--db", commune, "outbox", "send")[0] == 0
    public = re.search(r"^[0-9a-f]{64}$", cli("--db", commune, "keys", "show")[1], re.M).group(0)

    saved = tmp_path / "thu"
    saved.mkdir()
    eml = saved / "Gói đồng bộ Nghĩa Thọ.eml"
    eml.write_bytes(server.inbox.envelopes[0].content)
    (saved / "khong-dinh-kem.eml").write_bytes(b"From: a@b.vn\r\nSubject: hi\r\n\r\nno attachment\r\n")

    assert cli("--db", province, "province", "init", "--province", "40")[0] == 0
    assert cli("--db", province, "province", "register", "--commune", "16969", "--key", public)[0] == 0
    code, out, _ = cli("--db", province, "province", "import", str(eml), "--json",
                       "--receipts", str(tmp_path / "receipts"))
    result = json.loads(out)
    assert code == 0 and result["files"][0]["status"] == "imported" and result["files"][0]["new"] > 30
    # the folder: the same message again (already imported) and one without a bundle (refused)
    code, out, _ = cli("--db", province, "province", "import", str(saved),
                       "--receipts", str(tmp_path / "receipts"))
    assert code == 1 and "đã nhập trước đây" in out
    assert "khong-dinh-kem.eml: KHÔNG NHẬN — Thư không có tệp đính kèm .khsync" in out


def test_password_never_stored_and_asked_without_keyring(cli, tmp_path, commune, monkeypatch):
    smtp = SmtpServer(authenticator=Password("xa", "Mật-khẩu-bí-mật"), auth_require_tls=False).start()
    try:
        code, _, err = cli("--db", commune, "mail", "configure", "--host", "127.0.0.1", "--port",
                           str(smtp.port), "--security", "none", "--user", "xa", "--from", "a@b.vn",
                           "--to", "c@d.vn", "--save-password")
        assert code == 1 and "không có kho mật khẩu" in err  # this machine has none
        configure(cli, commune, smtp.port, "--user", "xa")
        code, out, _ = cli("--db", commune, "mail")
        assert "Mật khẩu: không lưu; được hỏi mỗi lần gửi" in out
        assert cli("--db", commune, "export")[0] == 0
        # no terminal to ask on: a one-line reason, nothing tried
        monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
        code, _, err = cli("--db", commune, "outbox", "send")
        assert code == 1 and "Cần mật khẩu thư" in err
        assert outbox(cli, commune)["items"][0]["attempts"] == 0

        import click

        answers = iter(["sai", "Mật-khẩu-bí-mật"])
        monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
        monkeypatch.setattr(click, "prompt", lambda *a, **k: next(answers))
        code, out, _ = cli("--db", commune, "outbox", "send")
        assert code == 1 and "từ chối đăng nhập của xa" in out
        code, out, _ = cli("--db", commune, "outbox", "send")
        assert code == 0 and len(smtp.inbox.envelopes) == 1
    finally:
        smtp.stop()
    everything = "\n".join(dump(commune))
    assert "Mật-khẩu-bí-mật" not in everything  # the password is in no table, no change-log entry


def test_bad_settings_are_one_line(cli, commune):
    base = ["--db", commune, "mail", "configure", "--host", "127.0.0.1", "--from"]
    code, _, err = cli(*base, "khong-phai-dia-chi", "--to", "c@d.vn")
    assert code == 1 and err.strip() == "Lỗi: Địa chỉ thư không hợp lệ: “khong-phai-dia-chi”"
    code, _, err = cli(*base, "a@b.vn", "--to", "[@click=app.quit]")
    assert code == 1 and "Địa chỉ thư không hợp lệ" in err
    code, _, err = cli("--db", commune, "mail", "configure", "--host", "máy chủ", "--from", "a@b.vn",
                       "--to", "c@d.vn")
    assert code == 1 and "Tên máy chủ thư không hợp lệ" in err
    code, _, err = cli("--db", commune, "outbox", "send")
    assert code == 1 and "Chưa cấu hình thư điện tử" in err


# A Message-ID of 67–77 characters does not fit after "Message-ID: " on a 78-column line, and
# Python's email package puts it on a continuation line, then reads it back with a leading
# space: the id recorded in the outbox was not the one the province received.

FOLDED_ID = "<176233920000.4242.12345678901.kehoach.16969.1@nghiatho.nghean.gov.vn>"  # as make_msgid


def _outbox_item(**values):
    from kehoach_tui.mail.outbox import OutboxItem

    base = dict(id=7, kind="bundle", file_name="a.khsync", size=3, sha256="0" * 64, label="", period="",
                summary={"seq_from": 0, "seq_to": 9}, queued_at="", state="queued", attempts=0,
                last_error="", last_attempt_at=None, next_attempt_at=None, message_id=None, recipients="",
                sent_at=None)
    return OutboxItem(**{**base, **values})


def _read_back(msg) -> str:
    from email import message_from_bytes, policy

    wire = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))  # as smtplib sends it
    return message_from_bytes(wire, policy=policy.default)["Message-ID"]


def test_message_id_reads_back_unchanged_whatever_its_length():
    from kehoach_tui.mail.message import build_message, new_message_id
    from kehoach_tui.mail.settings import MailSettings

    assert 67 <= len(FOLDED_ID) <= 77
    item = _outbox_item()

    def check(sender: str, message_id: str) -> None:
        settings = MailSettings(host="127.0.0.1", port=25, security="none", user="", sender=sender,
                                recipients=("sokhcn@nghean.gov.vn",))
        msg = build_message(item, b"abc", settings, message_id=message_id, commune_code="16969",
                            commune_name="Xã Nghĩa Thọ", province_name="Tỉnh Nghệ An", number=1)
        assert _read_back(msg) == message_id, (len(message_id), message_id)

    domain = "nghiatho.nghean.gov.vn"
    for length in range(50, 100):  # every length from short to longer than a line
        check(f"vanphong@{domain}", "<" + "7" * (length - len(domain) - 3) + "@" + domain + ">")
    for domain_length in range(4, 90, 5):  # and ids as the outbox makes them, for any domain
        sender = "vanphong@" + ("x" * domain_length)[:-3] + ".vn"
        check(sender, new_message_id(MailSettings("h", 25, "none", "", sender, ()), "16969", 7))


def test_folded_length_message_id_arrives_as_recorded(cli, commune, server, monkeypatch):
    import kehoach_tui.mail.message as message

    monkeypatch.setattr(message, "new_message_id", lambda *args: FOLDED_ID)
    configure(cli, commune, server.port)
    assert cli("--db", commune, "export")[0] == 0
    assert cli("--db", commune, "outbox", "send")[0] == 0
    [msg] = server.inbox.messages
    [item] = outbox(cli, commune)["items"]
    assert item["message_id"] == msg["Message-ID"] == FOLDED_ID
