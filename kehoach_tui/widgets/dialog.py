"""Dialog: the one base of every dialog. A ModalScreen with one centred `.dialog` box.

The look lives in styles/dialogs.tcss, part of the app's one stylesheet: no dialog loads
CSS of its own, so a dialog looks the same whichever screens were visited before it.

    class NoteDialog(Dialog[str | None]):
        def compose(self) -> ComposeResult:
            with self.box(t("note.title"), id="note-dialog"):
                yield SafeInput(id="note")

Esc calls `action_cancel`, which dismisses with CANCEL_RESULT (a subclass may bind Esc to
its own action instead, or give the binding a footer label).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar, cast

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..safe import plain
from .bindings import CatalogueBindings
from .worker_errors import WorkerErrors

ResultType = TypeVar("ResultType")


class Dialog(CatalogueBindings, WorkerErrors, ModalScreen[ResultType]):
    BINDINGS = [Binding("escape", "cancel", show=False)]

    # What Esc dismisses with (False for a dialog answering "was it saved?").
    CANCEL_RESULT: ClassVar[object] = None

    def box(self, title: str | Text | None = None, *, id: str | None = None, large: bool = False) -> Vertical:
        """The dialog's box, to open with `with`; the title (plain text, shown literally, in
        bold) is its first line. large: most of the screen, for long lists and forms."""
        children = [] if title is None else [Static(self._title_text(title), classes="dialog-title")]
        return Vertical(*children, id=id, classes="dialog -large" if large else "dialog")

    def set_title(self, title: str | Text) -> None:
        self.query_one(".dialog-title", Static).update(self._title_text(title))

    @staticmethod
    def _title_text(title: str | Text) -> Text:
        return title if isinstance(title, Text) else plain(title, "bold")

    def action_cancel(self) -> None:
        # CANCEL_RESULT is a ClassVar, which cannot name the class's ResultType
        self.dismiss(cast(ResultType, self.CANCEL_RESULT))

