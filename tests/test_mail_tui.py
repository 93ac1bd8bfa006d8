"""The connectivity watch and the outbox panel in the running app, with a real SMTP server."""

from __future__ import annotations

import pytest
from textual.app import ComposeResult

from kehoach_tui.app import KehoachApp
from kehoach_tui.mail import outbox
from kehoach_tui.mail import settings as mail_settings
from kehoach_tui.mail.controller import OutboxChanged
from kehoach_tui.screens.base import ModeScreen
from kehoach_tui.widgets.outbox import OutboxPanel
from tests.mail_helpers import SmtpServer, free_port
from tests.tui_helpers import settle as tui_settle


class OutboxScreen(ModeScreen):
    """The panel on its own, as the Đồng bộ mode shows it."""

    MODE = "sync"

    def compose_body(self) -> ComposeResult:
        yield OutboxPanel()

    def on_outbox_changed(self, _: OutboxChanged) -> None:  # as SyncScreen does
        self.query_one(OutboxPanel).refresh_data()


def configure(store, port: int, *, auto_send: bool = False) -> mail_settings.MailSettings:
    settings = mail_settings.build(host="127.0.0.1", port=port, security="none", sender="xa@nghiatho.gov.vn",
                                   recipients=["so@nghean.gov.vn"], auto_send=auto_send)
    mail_settings.save(store, settings, actor="test")
    return settings


def export(store, tmp_path) -> None:
    from kehoach_tui.sync.export import export_bundle

    export_bundle(store, tmp_path / "usb", full=True)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def footer_keys(app) -> dict[str, str]:
    """What the footer offers now (a binding whose check_action says False is not there)."""
    return {key: active.binding.description for key, active in app.screen.active_bindings.items()
            if active.enabled}


@pytest.mark.parametrize("auto_send", [False, True], ids=["one-key", "auto"])
async def test_line_comes_back_then_queue_sent_once(seeded, tmp_path, auto_send):
    port = free_port()
    configure(seeded, port, auto_send=auto_send)
    export(seeded, tmp_path)
    app = KehoachApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(OutboxScreen())
        app.mail_tick(force=True)
        await settle(app, pilot)
        assert app.mail_watch.online is False
        assert "f9" not in footer_keys(app)
        status = str(app.screen.query_one("#outbox-status").render())
        assert "Chưa có kết nối" in status and "không nhận kết nối" in status

        smtp = SmtpServer(port).start()
        try:
            app.mail_tick(force=True)
            await settle(app, pilot)
            assert app.mail_watch.online is True
            notices = [n.message for n in app._notifications]
            if auto_send:
                assert any("đang tự gửi 1 tệp" in m for m in notices)
            else:
                assert any("1 tệp chờ gửi. Nhấn F9 để gửi." in m for m in notices)
                assert footer_keys(app).get("f9") == "Gửi thư (1)"
                assert smtp.inbox.envelopes == []
                await pilot.press("f9")
                await settle(app, pilot)
            assert len(smtp.inbox.envelopes) == 1
            assert "f9" not in footer_keys(app)  # nothing left to send
            await pilot.press("g")  # an explicit try with an empty queue sends nothing more
            await settle(app, pilot)
            app.mail_tick(force=True)
            await settle(app, pilot)
            assert len(smtp.inbox.envelopes) == 1
        finally:
            smtp.stop()
        assert outbox.counts(seeded) == {"queued": 0, "sent": 1, "failed": 0}
        table = app.screen.query_one("#outbox-table")
        assert str(table.get_row_at(0)[0]) == "Đã gửi"


async def test_without_mail_settings_nothing_probes(seeded, tmp_path):
    export(seeded, tmp_path)
    app = KehoachApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(OutboxScreen())
        app.mail_tick(force=True)
        await settle(app, pilot)
        assert app.mail_watch.online is None
        status = str(app.screen.query_one("#outbox-status").render())
        assert "1 chờ gửi" in status and "Chưa cấu hình thư điện tử" in status
        await pilot.press("g")
        await settle(app, pilot)
        assert any("Chưa cấu hình" in n.message for n in app._notifications)


async def test_password_asked_when_no_keyring(seeded, tmp_path):
    from tests.mail_helpers import Password

    smtp = SmtpServer(authenticator=Password("xa", "mật khẩu"), auth_require_tls=False).start()
    try:
        settings = mail_settings.build(host="127.0.0.1", port=smtp.port, security="none", user="xa",
                                       sender="xa@nghiatho.gov.vn", recipients=["so@nghean.gov.vn"])
        mail_settings.save(seeded, settings, actor="test")
        export(seeded, tmp_path)
        app = KehoachApp(seeded)
        async with app.run_test(size=(100, 30)) as pilot:
            app.push_screen(OutboxScreen())
            await pilot.pause()
            await pilot.press("g")
            await settle(app, pilot)
            from kehoach_tui.screens.mail_password import MailPasswordDialog

            assert isinstance(app.screen, MailPasswordDialog)
            for key in "mật khẩu":
                await pilot.press(key if key != " " else "space")
            await pilot.press("enter")
            await settle(app, pilot)
            assert len(smtp.inbox.envelopes) == 1
    finally:
        smtp.stop()


def test_hostile_label_shown_literally(seeded, tmp_path):
    report = tmp_path / "bao-cao.md"
    report.write_text("# Báo cáo\n", encoding="utf-8")
    item = outbox.queue_file(seeded, report, "report", label="[@click=app.quit]Tuần 45[/]\x1b]52;c;eA==\x07")
    assert item.label == "[@click=app.quit]Tuần 45[/]]52;c;eA=="  # control characters gone
    cells = OutboxPanel._cells(item)
    assert cells[1].plain == "Báo cáo: [@click=app.quit]Tuần 45[/…"  # a Text, cut to width: never markup


SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def outbox_states(seeded, tmp_path):
    """Three items, one in each state, with fixed times and a fixed commune key."""
    from kehoach_tui.config import data_dir

    folder = data_dir() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "commune-16969.key").write_text("11" * 32 + "\n", encoding="ascii")
    configure(seeded, 2525)
    export(seeded, tmp_path)
    report = tmp_path / "Báo cáo tháng 10-2025.docx"
    report.write_bytes(b"PK docx stand-in")
    outbox.queue_file(seeded, report, "report", label="Báo cáo tháng 10/2025", period="Tháng 10/2025")
    big = tmp_path / "Ảnh chụp phòng máy.zip"
    big.write_bytes(b"x" * 2048)
    outbox.queue_file(seeded, big, "report", label="Ảnh chụp phòng máy")
    items = {i.kind + str(i.id): i for i in outbox.list_items(seeded)}
    first, second, third = sorted(items.values(), key=lambda i: i.id)
    outbox.mark_sent(seeded, first, recipients="so@nghean.gov.vn", actor="test")
    outbox.mark_waiting(seeded, second, "Máy chủ thư 127.0.0.1:2525 không nhận kết nối", actor="test")
    outbox.mark_failed(seeded, third, "Thư 12.3 MB vượt giới hạn 10 MB; hãy chép tệp vào USB", actor="test")
    with seeded.writing() as db:  # times on screen fixed: the clock is not pinned, only the day
        db.conn.execute("UPDATE mail_outbox SET sent_at = '2025-11-05T01:30:00.000000Z' WHERE id = ?",
                        (first.id,))
        db.conn.execute("UPDATE sync_exports SET created_at = '2025-11-05T01:20:00.000000Z'")
    return seeded


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sync_screen_with_outbox_snapshot(snap_compare, outbox_states, size, monkeypatch):
    monkeypatch.setattr("kehoach_tui.mail.controller.FIRST_CHECK_SECONDS", 3600.0)  # no probe on screen
    async def open_sync(pilot):  # the commune key is read by a worker: wait for it
        await pilot.press("6")
        await tui_settle(pilot)

    assert snap_compare(KehoachApp(outbox_states), terminal_size=size, run_before=open_sync)
