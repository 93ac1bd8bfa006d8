"""ConfirmDialog: the one yes/no question of the app — y (or Enter on the yes button) for
yes, n or Esc for no. The safe answer ("no") has the focus, so an Enter pressed out of
habit never confirms. A title and the buttons' words are optional (first run's "another
commune's plan", Cài đặt's "use this plan"); without them "Có" / "Không"."""

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

    def __init__(self, question: str, *, title: str | None = None, yes: str | None = None,
                 no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self._title = title
        self._words = (yes or t("dialog.yes"), no or t("dialog.no"))

    def compose(self) -> ComposeResult:
        yes, no = self._words
        with self.box(self._title, id="confirm-dialog"):
            yield Static(plain(self.question), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(yes, id="yes", variant="warning", compact=True)
                yield Button(no, id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # Enter right away is the safe answer

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
