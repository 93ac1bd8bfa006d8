"""Outbox store, sending rules (back-off, claims, item failures) and the .eml reader."""

from __future__ import annotations

import json
from email.message import EmailMessage

import pytest

from kehoach_tui.mail import eml, outbox
from kehoach_tui.mail import settings as mail_settings
from kehoach_tui.mail.send import send_outbox
from tests.mail_helpers import SmtpServer, free_port


def configure(store, port: int, **extra) -> mail_settings.MailSettings:
    settings = mail_settings.build(host="127.0.0.1", port=port, security="none", sender="xa@nghiatho.gov.vn",
                                   recipients=["so@nghean.gov.vn", "vp@nghean.gov.vn"], **extra)
    mail_settings.save(store, settings, actor="test")
    assert mail_settings.load(store) == settings
    return settings


def report_file(tmp_path, name="Báo cáo tuần 45.docx", body=b"PK report"):
    path = tmp_path / name
    path.write_bytes(body)
    return path


def test_queue_copies_into_outbox_once(seeded, tmp_path):
    path = report_file(tmp_path)
    item = outbox.queue_file(seeded, path, label="Báo cáo tuần 45", period="Tuần 45/2025")
    assert item.path.parent == outbox.outbox_dir() and item.path.read_bytes() == path.read_bytes()
    assert item.state == "queued" and item.kind == "report" and item.period == "Tuần 45/2025"
    again = outbox.queue_file(seeded, path)
    assert again.id == item.id and len(outbox.list_items(seeded)) == 1
    other = report_file(tmp_path / "..", name=path.name, body=b"PK other content")  # same name, new content
    second = outbox.queue_file(seeded, other)
    assert second.file_name != item.file_name and second.path.read_bytes() == b"PK other content"
    logged = seeded.conn.execute("SELECT count(*) FROM changes WHERE entity = 'mail_outbox'").fetchone()[0]
    assert logged == 2


def test_queue_refuses_a_bundle_that_is_not_one(seeded, tmp_path):
    from kehoach_tui.errors import KehoachError

    fake = report_file(tmp_path, "x.khsync", b"not a zip")
    with pytest.raises(KehoachError):
        outbox.queue_file(seeded, fake, "bundle")
    assert outbox.list_items(seeded) == [] and not list(outbox.outbox_dir().glob("x.khsync"))


def test_connection_retries_with_back_off_then_waits(seeded, tmp_path):
    settings = configure(seeded, free_port())
    outbox.queue_file(seeded, report_file(tmp_path))
    slept: list[float] = []
    report = send_outbox(seeded, settings, None, retry_waits=(2.0, 5.0), sleep=slept.append)
    assert slept == [2.0, 5.0]  # three connection attempts in this run
    assert not report.sent and len(report.waiting) == 1 and "không nhận kết nối" in report.connection_error
    [item] = outbox.list_items(seeded)
    assert item.state == "queued" and item.attempts == 1 and item.next_attempt_at > item.last_attempt_at
    # the automatic sender respects the back-off; a person (or the line returning) does not
    assert send_outbox(seeded, settings, None, due_only=True, retry_waits=()).tried == 0
    assert send_outbox(seeded, settings, None, retry_waits=()).tried == 1
    assert outbox.get_item(seeded, item.id).attempts == 2


def test_a_claimed_item_is_not_sent_by_a_second_sender(seeded, tmp_path):
    settings = configure(seeded, 25)
    outbox.queue_file(seeded, report_file(tmp_path))
    token, taken = outbox.claim(seeded)
    assert len(taken) == 1
    assert send_outbox(seeded, settings, None, retry_waits=()).tried == 0  # nothing left to take
    outbox.release(seeded, token)
    assert len(outbox.claim(seeded)[1]) == 1


def test_one_bad_item_does_not_stop_the_others(seeded, tmp_path):
    smtp = SmtpServer().start()
    try:
        settings = configure(seeded, smtp.port)
        gone = outbox.queue_file(seeded, report_file(tmp_path, "a.docx", b"PK a"))
        altered = outbox.queue_file(seeded, report_file(tmp_path, "b.docx", b"PK b"))
        good = outbox.queue_file(seeded, report_file(tmp_path, "c.docx", b"PK c"))
        gone.path.unlink()
        altered.path.write_bytes(b"PK changed")
        report = send_outbox(seeded, settings, None, retry_waits=())
    finally:
        smtp.stop()
    assert [i.id for i in report.sent] == [good.id]
    reasons = {i.id: r for i, r in report.failed}
    assert "Không đọc được tệp a.docx" in reasons[gone.id]
    assert "đã bị sửa sau khi đưa vào hộp thư đi" in reasons[altered.id]
    assert outbox.counts(seeded) == {"queued": 0, "sent": 1, "failed": 2}
    [envelope] = smtp.inbox.envelopes
    assert envelope.rcpt_tos == ["so@nghean.gov.vn", "vp@nghean.gov.vn"]
    [msg] = smtp.inbox.messages
    assert msg["Subject"] == "[kehoach] 16969 Xã Nghĩa Thọ — báo cáo: c"
    body = msg.get_body(("plain",)).get_content()
    assert "Xã Nghĩa Thọ (mã 16969) gửi báo cáo: c." in body
    with pytest.raises(Exception, match="đã gửi"):
        outbox.requeue(seeded, good.id, actor="test")
    assert outbox.requeue(seeded, gone.id, actor="test").state == "queued"


def test_settings_json_has_no_password(seeded):
    configure(seeded, 587, user="vanphong")
    raw = json.dumps(seeded.conn.execute("SELECT value FROM settings WHERE key = 'mail'").fetchone()[0])
    assert "password" not in raw and "vanphong" in raw


def _message_with(*attachments: tuple[str, bytes]) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = "gói"
    msg.set_content("xin gửi")
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def test_eml_attachments_read_in_memory():
    data = _message_with(("a.khsync", b"one"), ("ghi-chu.txt", b"skip"), ("../../b.KHSYNC", b"two"))
    items = eml.read_eml_bytes(data, "thu.eml", ".khsync")
    assert items == [("thu.eml:a.khsync", b"one"), ("thu.eml:b.KHSYNC", b"two")]
    forwarded = EmailMessage()
    forwarded["Subject"] = "Fwd: gói"
    forwarded.set_content("chuyển tiếp")
    from email import message_from_bytes, policy

    forwarded.add_attachment(message_from_bytes(_message_with(("c.khsync", b"three")), policy=policy.default))
    assert [d for _, d in eml.read_eml_bytes(forwarded.as_bytes(), "fwd.eml", ".khsync")] == [b"three"]


@pytest.mark.parametrize("data", [b"", b"\x00\xff" * 100, b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x",
                                  b"From: [@click=app.quit]\r\n\r\nbody"])
def test_eml_without_bundle_is_one_reason(data):
    [(source, reason)] = eml.read_eml_bytes(data, "x.eml", ".khsync")
    assert source == "x.eml" and isinstance(reason, str) and "\n" not in reason


def test_eml_expand_keeps_other_items():
    items = [("a.khsync", b"zip"), ("b.eml", _message_with(("c.khsync", b"c"))), ("d.khsync", "lỗi đọc")]
    assert eml.expand(items, ".khsync") == [("a.khsync", b"zip"), ("b.eml:c.khsync", b"c"), ("d.khsync", "lỗi đọc")]
