"""The dialogs of Cài đặt: a form of a few fields whose save function does the work (and
says what was done), and a choice from a short list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..i18n import t
from ..safe import plain
from ..widgets.dialog import Dialog
from ..widgets.pickers import ChoiceList
from ..widgets.safe_input import SafeInput


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str | bool = ""
    kind: str = "input"  # input, password, lines (one item a line), check


# save(values) does the change through the store and returns the message to show; a
# KehoachError or ValueError is shown in the dialog, which stays open.
Save = Callable[[dict], str]


class SettingsValueDialog(Dialog[str | None]):
    """Dismisses with the save function's message, or None when cancelled. Enter in the
    last field saves, as Ctrl+S does anywhere (the Dialog base's keyboard contract)."""

    BINDINGS = [Binding("escape", "cancel", "key.close", show=False),
                Binding("ctrl+s", "save", "settings.save", show=False)]

    def __init__(self, title: str, fields: list[Field], save: Save, note: str = "") -> None:
        super().__init__()
        self._title, self._fields, self._save, self._note = title, fields, save, note

    def compose(self) -> ComposeResult:
        with self.box(self._title, id="setting-dialog"):
            if self._note:
                yield Static(plain(self._note, "dim"), classes="dialog-hint")
            with VerticalScroll(id="setting-fields"):
                for field in self._fields:
                    yield from self._field(field)
            yield Static("", id="setting-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("settings.save"), id="setting-save", variant="primary", compact=True)
                yield Button(t("settings.cancel"), id="setting-cancel", compact=True)

    def _field(self, field: Field) -> ComposeResult:
        widget_id = f"field-{field.key}"
        if field.kind == "check":
            yield Checkbox(field.label, bool(field.value), id=widget_id, compact=True)
            return
        yield Label(field.label)
        if field.kind == "lines":
            yield TextArea(str(field.value), id=widget_id, classes="setting-lines", compact=True)
        else:
            yield SafeInput(str(field.value), id=widget_id, password=field.kind == "password", compact=True)

    def on_mount(self) -> None:
        first = self.query(f"#field-{self._fields[0].key}").first() if self._fields else None
        if first is not None:
            first.focus()

    def _values(self) -> dict:
        values: dict = {}
        for field in self._fields:
            widget = self.query_one(f"#field-{field.key}")
            if isinstance(widget, Checkbox):
                values[field.key] = widget.value
            elif isinstance(widget, TextArea):
                values[field.key] = [line for line in widget.text.split("\n") if line.strip()]
            else:
                values[field.key] = widget.value
        return values

    @on(Button.Pressed, "#setting-save")
    def action_save(self) -> None:
        from ..errors import KehoachError

        try:
            message = self._save(self._values())
        except (KehoachError, ValueError) as exc:
            self.query_one("#setting-error", Static).update(plain(str(exc), "bold red"))
            return
        self.dismiss(message)

    @on(Button.Pressed, "#setting-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()  # the base's: typed text is not thrown away without asking


class ChoiceDialog(Dialog[str | None]):
    """One of a few (id, label) choices; dismisses with the id."""

    BINDINGS = [Binding("escape", "cancel", "key.close", show=False)]

    def __init__(self, title: str, choices: list[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        self._title, self._choices, self._note = title, choices, note

    def compose(self) -> ComposeResult:
        with self.box(self._title, id="choice-dialog"):
            if self._note:
                yield Static(plain(self._note, "dim"), classes="dialog-hint")
            yield ChoiceList(*[Option(plain(label), id=key) for key, label in self._choices], id="choice-list")

    def on_mount(self) -> None:
        self.query_one("#choice-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
