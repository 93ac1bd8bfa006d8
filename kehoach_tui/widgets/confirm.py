"""ConfirmDialog: a yes/no question — y (or Enter on “Có”) for yes, n or Esc for no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from ..i18n import t
from ..safe import plain
from .dialog import Dialog


class ConfirmDialog(Dialog[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "dialog.yes"),
        Binding("n,escape", "answer(False)", "dialog.no"),
    ]

    CANCEL_RESULT = False

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with self.box(id="confirm-dialog"):
            yield Static(plain(self.question), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.yes"), id="yes", variant="warning", compact=True)
                yield Button(t("dialog.no"), id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # Enter right away is the safe answer

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
