"""Small dialogs of the morning check: a note, a yes/no question, an item form."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Label, Static

from ..i18n import t
from ..safe import one_line, plain
from ..widgets.confirm import ConfirmDialog
from ..widgets.dialog import Dialog
from ..widgets.safe_input import SafeInput
from ..widgets.tick_box import TickBox


class NoteScreen(Dialog[str | None]):
    """Edit one item's note; Enter saves, Esc leaves it as it was."""

    BINDINGS = [Binding("escape", "cancel", "checklist.cancel")]

    def __init__(self, item_title: str, note: str) -> None:
        super().__init__()
        self.item_title = item_title
        self.note = note

    def compose(self) -> ComposeResult:
        with self.box(t("checklist.note_title", item=one_line(self.item_title, 50)), id="note-dialog"):
            yield SafeInput(value=one_line(self.note), id="note-input", compact=True)
            yield Static(plain(t("checklist.note_hint"), "dim"))

    def on_mount(self) -> None:
        self.query_one("#note-input", Input).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-input", Input).value)


class ConfirmScreen(ConfirmDialog):
    """A yes/no question of the morning check: y / Enter on “Có”, n / Esc for no."""


class ItemFormScreen(Dialog[dict | None]):
    """Add or edit an item: title, category, probe, required. Dismisses with the values."""

    BINDINGS = [Binding("escape", "cancel", "checklist.cancel")]

    def __init__(self, heading: str, *, title: str = "", category: str = "", probe: str = "",
                 required: bool = True) -> None:
        super().__init__()
        self.heading = heading
        self.values: dict[str, Any] = {"title": title, "category": category, "probe": probe, "required": required}

    def compose(self) -> ComposeResult:
        from textual.suggester import SuggestFromList

        from ..domain.checklist import PROBE_NAMES

        with self.box(self.heading, id="item-dialog"):
            yield Label(t("checklist.field_title"))
            yield SafeInput(value=self.values["title"], id="item-title", compact=True)
            yield Label(t("checklist.field_category"))
            yield SafeInput(value=self.values["category"], id="item-category", compact=True)
            yield Label(t("checklist.field_probe", names=", ".join(PROBE_NAMES)))
            yield SafeInput(value=self.values["probe"], id="item-probe", compact=True,
                        suggester=SuggestFromList(PROBE_NAMES, case_sensitive=False))
            yield TickBox(t("checklist.field_required"), value=self.values["required"], id="item-required",
                          compact=True)
            yield Static("", id="item-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("checklist.save"), id="save", variant="primary", compact=True)
                yield Button(t("checklist.cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#item-title", Input).focus()

    def show_error(self, reason: str) -> None:
        self.query_one("#item-error", Static).update(plain(reason, "bold red"))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        from ..domain.checklist import PROBE_NAMES, ChecklistError, clean_title

        title = self.query_one("#item-title", Input).value
        probe = self.query_one("#item-probe", Input).value.strip().lower()
        try:
            clean_title(title)
        except ChecklistError as exc:
            self.show_error(str(exc))
            self.query_one("#item-title", Input).focus()
            return
        if probe and probe not in PROBE_NAMES:
            self.show_error(t("checklist.err_probe", probe=probe, names=", ".join(PROBE_NAMES)))
            self.query_one("#item-probe", Input).focus()
            return
        self.dismiss({
            "title": title, "category": self.query_one("#item-category", Input).value, "probe": probe,
            "required": self.query_one("#item-required", Checkbox).value,
        })

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
