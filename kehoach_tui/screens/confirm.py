"""A yes/no question in a dialog. The safe answer ("no") has the focus, so an Enter pressed
out of habit never confirms; Esc answers no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..safe import plain
from ..widgets.bindings import CatalogueBindings


class ConfirmDialog(CatalogueBindings, ModalScreen[bool]):
    BINDINGS = [Binding("escape", "no", "key.close", show=False)]

    def __init__(self, title: str, body: str, yes: str, no: str) -> None:
        super().__init__()
        self._texts = (title, body, yes, no)

    def compose(self) -> ComposeResult:
        title, body, yes, no = self._texts
        with Vertical(id="confirm", classes="settings-dialog"):
            yield Static(plain(title, "bold"), id="confirm-title")
            yield Static(plain(body), id="confirm-body")
            with Horizontal(classes="settings-buttons"):
                yield Button(no, id="confirm-no", variant="primary")
                yield Button(yes, id="confirm-yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_no(self) -> None:
        self.dismiss(False)
