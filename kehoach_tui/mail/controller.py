"""The app-wide mail controller: the connectivity watch and the one key that sends the outbox.

Mixed into the App. Every minute a timer looks at the settings (a cheap read); when mail is
configured and the check interval has passed, a thread worker opens a TCP connection to
the mail server (send.reachable, 5 s timeout) — the screen never waits for it. When the
connection comes back with files waiting: a notice, F9 appears in the footer ("Gửi thư"),
and with auto-send on the queue goes by itself. Sending runs in a thread worker too.

It never reaches into screens or widgets: when the queue or the connection changes it posts
`OutboxChanged` to the active screen (a screen that shows the outbox re-reads it; the
message bubbles on to the App, whose footer F9 follows), and when a password is needed it
posts `MailPasswordNeeded` for the App to ask.
"""

from __future__ import annotations

import time

from textual import work
from textual.message import Message

from ..config import utc_iso
from ..i18n import t, tn
from .watch import CAME_BACK, LOST, Watch

TICK_SECONDS = 60.0
FIRST_CHECK_SECONDS = 2.0


class OutboxChanged(Message):
    """The outbox or the mail connection changed: whoever shows them re-reads."""


class MailPasswordNeeded(Message):
    """Sending needs the password this session does not have yet (no keyring)."""

    def __init__(self, user: str, server: str) -> None:
        super().__init__()
        self.user = user
        self.server = server


class MailController:
    """Textual dispatches on_mount to every class in the App's MRO, so this one runs
    beside the App's own without the App calling it."""

    mail_watch: Watch
    _mail_password: str | None = None  # typed in this session when there is no keyring
    _mail_sending: bool = False
    _mail_last_probe: float = 0.0

    def on_mount(self) -> None:
        self.mail_watch = Watch()
        self.outbox_changed()
        self.set_timer(FIRST_CHECK_SECONDS, self.mail_tick)
        self.set_interval(TICK_SECONDS, self.mail_tick)

    # --- the watch ------------------------------------------------------------------------
    def _mail_settings(self):
        from . import settings as mail_settings

        try:
            return mail_settings.load(self.store)
        except Exception:  # a locked database for a moment: try at the next tick
            return None

    def mail_tick(self, *, force: bool = False) -> None:
        settings = self._mail_settings()
        if settings is None:
            return
        due = time.monotonic() - self._mail_last_probe >= settings.check_minutes * 60
        if force or due or self.mail_watch.online is None:
            self._mail_last_probe = time.monotonic()
            self._mail_probe(settings)

    @work(thread=True, exclusive=True, group="mail-watch", exit_on_error=False)
    def _mail_probe(self, settings) -> None:
        from .send import reachable

        ok, reason = reachable(settings)
        self.call_from_thread(self.mail_observed, settings, ok, reason)

    def mail_observed(self, settings, ok: bool, reason: str) -> None:
        from .outbox import counts

        change = self.mail_watch.observe(ok, reason, utc_iso())
        waiting = counts(self.store)["queued"]
        if change == CAME_BACK and waiting:
            if settings.auto_send:
                self.notify(tn("mail.came_back_auto", waiting, server=settings.server), timeout=8)
                self.mail_send(manual=False, due_only=False)
            else:
                self.notify(tn("mail.came_back", waiting, server=settings.server), timeout=15)
        elif change == LOST:
            self.notify(t("mail.lost", server=settings.server), severity="warning", timeout=5)
        elif ok and waiting and settings.auto_send:
            self.mail_send(manual=False, due_only=True)  # queued while online: due items go now
        self.outbox_changed()

    # --- sending --------------------------------------------------------------------------
    def mail_offer(self) -> int:
        """How many files F9 would send now (0: F9 hidden)."""
        watch = getattr(self, "mail_watch", None)
        if watch is None or not watch.online or self._mail_sending:
            return 0
        from .outbox import counts  # here: the first frame (no mail watch yet) needs none of it

        return counts(self.store)["queued"]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send_outbox":
            return self.mail_offer() > 0
        return super().check_action(action, parameters)

    def action_send_outbox(self) -> None:
        """F9: offered in the footer while the server is reachable and files wait."""
        self.mail_send(manual=True)

    def action_send_outbox_now(self) -> None:
        """g in the Đồng bộ mode: always tried; when the line is down the reason is shown."""
        self.mail_send(manual=True)

    def mail_send(self, *, manual: bool, due_only: bool = False) -> None:
        """Send the queue in a worker. due_only: respect each item's back-off (the periodic
        auto-send); a person pressing the key, or the line coming back, sends everything."""
        if self._mail_sending:
            return
        settings = self._mail_settings()
        if settings is None:
            if manual:
                self.notify(t("mail.conn_not_configured_app"), severity="warning")
            return
        self._mail_sending = True
        self.outbox_changed()
        self._mail_send_worker(settings, self._mail_password, manual, due_only)

    @work(thread=True, exclusive=True, group="mail-send", exit_on_error=False)
    def _mail_send_worker(self, settings, password: str | None, manual: bool, due_only: bool) -> None:
        from . import secret
        from .send import send_outbox

        try:
            if settings.user and not password:
                password = secret.get_password(settings.user, settings.host)
                if not password:
                    self.call_from_thread(self._mail_need_password, settings, manual)
                    return
            report = send_outbox(self.store, settings, password, due_only=due_only)
        except Exception as exc:  # a database error: say it, keep the app
            self.call_from_thread(self._mail_finished, None, str(exc))
            return
        self.call_from_thread(self._mail_finished, report, "")

    def _mail_need_password(self, settings, manual: bool) -> None:
        self._mail_sending = False
        self.outbox_changed()
        if not manual:
            self.notify(t("mail.need_password_auto"), severity="warning", timeout=10)
            return
        self.post_message(MailPasswordNeeded(settings.user, settings.server))

    def mail_password_typed(self, password: str | None) -> None:
        """The answer to MailPasswordNeeded: kept for this session only, then sent."""
        if password:
            self._mail_password = password
            self.mail_send(manual=True)

    def _mail_finished(self, report, error: str) -> None:
        self._mail_sending = False
        if report is None:
            self.notify(error, severity="error")
        else:
            if report.final_error:
                self._mail_password = None  # a wrong password is not kept for the next try
            if report.sent:
                self.notify(tn("mail.sent_n", len(report.sent)))
            for item, reason in report.failed:
                self.notify(t("mail.failed_one", file=item.file_name, reason=reason), severity="error", timeout=15)
            if report.waiting:
                self.notify(tn("mail.waiting", len(report.waiting), reason=report.connection_error
                               or report.waiting[0][1]), severity="warning", timeout=10)
        self.outbox_changed()

    def outbox_changed(self) -> None:
        """Tell the active screen (and, as the message bubbles, the App); a screen already
        closing takes no message, then the App hears it directly so F9 still follows."""
        if not self.screen.post_message(OutboxChanged()):
            self.post_message(OutboxChanged())
