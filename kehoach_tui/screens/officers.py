"""Choosing the officer at work, adding and editing officers (store/officers.py).

Shown at start-up when the list has more than one officer (or none: then the name is asked
for), from the palette ("Đổi cán bộ đang làm việc") and from Cài đặt."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t
from ..safe import plain
from ..widgets.dialog import Dialog
from ..widgets.pickers import ChoiceList
from ..widgets.safe_input import SafeInput


class OfficerForm(Dialog[str | None]):
    """Name (required) and position; saves through the store and dismisses with the name.
    officer=None adds a new one. cancellable=False: the start-up question, which has to be
    answered (nothing is recorded without a name)."""

    BINDINGS = [Binding("escape", "cancel", "key.close", show=False),
                Binding("ctrl+s", "save", "officer.save", show=False)]

    def __init__(self, officer=None, *, title: str = "", intro: str = "", name: str = "",
                 cancellable: bool = True) -> None:
        super().__init__()
        self.officer = officer
        self._title = title or t("officer.edit_title" if officer else "officer.add_title")
        self._intro = intro
        self._name = officer.name if officer else name
        self._cancellable = cancellable

    def compose(self) -> ComposeResult:
        with self.box(self._title, id="officer-form"):
            if self._intro:
                yield Static(plain(self._intro, "dim"), classes="dialog-hint")
            yield Label(t("officer.name"))
            yield SafeInput(self._name, id="officer-name")
            yield Label(t("officer.position"))
            yield SafeInput(self.officer.position if self.officer else "", id="officer-position")
            yield Static("", id="officer-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("officer.save"), id="officer-save", variant="primary", compact=True)
                if self._cancellable:
                    yield Button(t("officer.cancel"), id="officer-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#officer-name", Input).focus()

    # Enter in the name goes to the position, Enter there saves: the Dialog base does both.
    @on(Button.Pressed, "#officer-save")
    def action_save(self) -> None:
        from ..errors import KehoachError
        from ..store.officers import add_officer, edit_officer
        from ..store.setup import officer as actor

        store = self.app.store
        name = self.query_one("#officer-name", Input).value
        position = self.query_one("#officer-position", Input).value
        try:
            if self.officer is None:
                saved = add_officer(store, name, position, actor=actor(store))
            else:
                saved = edit_officer(store, self.officer.id, name=name, position=position, actor=actor(store))
        except KehoachError as exc:
            self.query_one("#officer-error", Static).update(plain(str(exc), "bold red"))
            self.query_one("#officer-name", Input).focus()
            return
        self.dismiss(saved.name)

    @on(Button.Pressed, "#officer-cancel")
    def action_cancel(self) -> None:
        if self._cancellable:  # the base's: typed text is not thrown away without asking
            super().action_cancel()


class OfficerPicker(Dialog[str | None]):
    """The officers, the one at work highlighted; Enter makes the highlighted one current
    (dismisses with the name), a adds, e edits, Esc keeps the current one."""

    BINDINGS = [
        Binding("escape", "cancel", "key.close", show=False),
        Binding("a", "add", "officer.key_add"),
        Binding("e", "edit", "officer.key_edit"),
    ]

    def compose(self) -> ComposeResult:
        with self.box(t("officer.pick_title"), id="officer-picker"):
            yield ChoiceList(id="officer-list")
            yield Static(plain(t("officer.pick_hint"), "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self, highlight: str | None = None) -> None:
        from ..store.officers import current_officer, list_officers

        store = self.app.store
        self._officers = list_officers(store)
        now = current_officer(store)
        wanted = highlight or (now.name if now else "")
        listing = self.query_one("#officer-list", OptionList)
        listing.clear_options()
        for officer in self._officers:
            mark = "● " if now is not None and officer.id == now.id else "  "
            listing.add_option(Option(plain(mark + officer.label()), id=str(officer.id)))
        index = next((i for i, o in enumerate(self._officers) if o.name == wanted), 0)
        if self._officers:
            listing.highlighted = index
        listing.focus()

    def _highlighted(self):
        listing = self.query_one("#officer-list", OptionList)
        if listing.highlighted is None or not self._officers:
            return None
        return self._officers[listing.highlighted]

    @on(OptionList.OptionSelected, "#officer-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from ..store.officers import use_officer

        officer = self._officers[event.option_index]
        use_officer(self.app.store, officer.name)
        self.dismiss(officer.name)

    def action_add(self) -> None:
        self.app.push_screen(OfficerForm(), self._saved)

    def action_edit(self) -> None:
        officer = self._highlighted()
        if officer is not None:
            self.app.push_screen(OfficerForm(officer), self._saved)

    def _saved(self, name: str | None) -> None:
        if name:
            self._fill(highlight=name)
