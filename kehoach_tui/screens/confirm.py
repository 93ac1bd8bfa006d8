"""A yes/no question in a dialog. The safe answer ("no") has the focus, so an Enter pressed
out of habit never confirms; Esc answers no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from ..safe import plain
from ..widgets.dialog import Dialog


class ConfirmDialog(Dialog[bool]):
    BINDINGS = [Binding("escape", "cancel", "key.close", show=False)]

    CANCEL_RESULT = False

    def __init__(self, title: str, body: str, yes: str, no: str) -> None:
        super().__init__()
        self._texts = (title, body, yes, no)

    def compose(self) -> ComposeResult:
        title, body, yes, no = self._texts
        with self.box(title, id="confirm"):
            yield Static(plain(body), id="confirm-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(no, id="confirm-no", variant="primary", compact=True)
                yield Button(yes, id="confirm-yes", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)
