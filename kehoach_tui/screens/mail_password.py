"""Asking for the mail password when the OS has no keyring: kept in memory only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ..i18n import t
from ..safe import plain
from ..widgets.dialog import Dialog
from ..widgets.safe_input import SafeInput


class MailPasswordDialog(Dialog[str | None]):
    """Enter sends with the typed password; Esc cancels (nothing is sent)."""

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, user: str, server: str) -> None:
        super().__init__()
        self.user = user
        self.server = server

    def compose(self) -> ComposeResult:
        with self.box(t("mail.ask_password", user=self.user, server=self.server), id="mail-password"):
            yield Static(plain(t("mail.password_hint"), "dim"))
            yield SafeInput(password=True, id="mail-password-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_save(self) -> None:
        value = self.query_one(Input).value
        if value:
            self.dismiss(value)
