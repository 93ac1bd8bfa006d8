"""Dialog: the one base of every dialog. A ModalScreen with one centred `.dialog` box.

The look lives in styles/dialogs.tcss, part of the app's one stylesheet: no dialog loads
CSS of its own, so a dialog looks the same whichever screens were visited before it.

    class NoteDialog(Dialog[str | None]):
        def compose(self) -> ComposeResult:
            with self.box(t("note.title"), id="note-dialog"):
                yield SafeInput(id="note")

The keyboard contract every dialog keeps (README, "Phím"; tests/test_keyboard_contract.py):

- Enter in a text field goes to the next field; in the last one it saves (`action_save`).
- Ctrl+S saves from anywhere in the dialog (a dialog with nothing to save ignores it).
- Esc calls `action_cancel`, which dismisses with CANCEL_RESULT; when text was typed since
  the dialog opened it first asks whether to discard it (a subclass may bind Esc to its own
  action instead, or give the binding a footer label).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar, cast

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from ..i18n import t
from ..safe import plain
from .bindings import CatalogueBindings
from .worker_errors import WorkerErrors

ResultType = TypeVar("ResultType")


class Dialog(CatalogueBindings, WorkerErrors, ModalScreen[ResultType]):
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "save", "dialog.save", show=False),
    ]

    # What Esc dismisses with (False for a dialog answering "was it saved?").
    CANCEL_RESULT: ClassVar[object] = None

    _typed_at_start: tuple = ()

    # --- the keyboard contract ---------------------------------------------------------------

    @on(events.Mount)
    def _remember_typed(self) -> None:
        # after the subclass's on_mount has filled the fields: what is there now was not typed
        self.call_after_refresh(self._take_snapshot)

    def _take_snapshot(self) -> None:
        self._typed_at_start = self._field_texts()

    def _field_texts(self) -> tuple:
        """The text of every field: what Esc would throw away."""
        return tuple((id(w), w.value) for w in self.query(Input)) + tuple(
            (id(w), w.text) for w in self.query(TextArea) if not w.read_only)

    def has_typed_text(self) -> bool:
        return self.is_mounted and self._field_texts() != self._typed_at_start

    @property
    def saves(self) -> bool:
        return callable(getattr(self, "action_save", None))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # nothing to save here: Ctrl+S does nothing, and is not offered
        return not (action == "save" and not self.saves)

    def fields(self) -> list:
        """The dialog's text fields, in order (a multi-line field takes Enter as a new line)."""
        return [w for w in self.query("Input, TextArea") if w.display and not w.disabled
                and not getattr(w, "read_only", False)]

    @on(Input.Submitted)
    def _field_submitted(self, event: Input.Submitted) -> None:
        """Enter: the next field, or save from the last one."""
        fields = self.fields()
        if fields and event.input is fields[-1] and self.saves:
            self.action_save()
        else:
            self.focus_next()

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
        """Close without saving; typed text is not thrown away without asking."""
        # CANCEL_RESULT is a ClassVar, which cannot name the class's ResultType
        result = cast(ResultType, self.CANCEL_RESULT)
        if not self.has_typed_text():
            self.dismiss(result)
            return
        from .confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(result)

        self.app.push_screen(ConfirmDialog(t("dialog.discard")), callback=answered)

