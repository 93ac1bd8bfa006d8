"""F1: every key of the current screen, with what it does — also those the footer has no
room for, and the general ones (Tab, Enter, Esc, Ctrl+S, the numbers)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..i18n import t
from ..safe import plain
from .dialog import Dialog
from .key_footer import fixed_keys, key_text, screen_keys

GENERAL = ("keys.general.tab", "keys.general.enter", "keys.general.esc", "keys.general.save",
           "keys.general.digits", "keys.general.arrows")


def keys_text(screen) -> Text:
    """The screen's keys (several keys of one action on one line), then the general ones."""
    grouped: dict[tuple[int, str], tuple[list[str], str]] = {}
    for item in [*screen_keys(screen, shown_only=False), *fixed_keys(screen.app)]:
        keys, _ = grouped.setdefault((id(item.node), item.binding.action), ([], item.binding.description))
        shown = item.binding.key_display or key_text(item.key, long=True)
        if shown not in keys:
            keys.append(shown)
    for node_id, action in list(grouped):  # every key of the action, also those not first
        node = next((n for n, _ in screen._modal_binding_chain if id(n) == node_id), None)
        if node is None:
            continue
        for key, found in node._bindings.key_to_bindings.items():
            if any(b.action == action for b in found):
                shown = key_text(key, long=True)
                if shown not in grouped[(node_id, action)][0]:
                    grouped[(node_id, action)][0].append(shown)
    text = Text()
    width = max((len(" / ".join(keys)) for keys, _ in grouped.values()), default=8)
    for keys, description in grouped.values():
        if len(text):
            text.append("\n")
        text.append(" / ".join(keys).ljust(width + 2), style="bold")
        text.append_text(plain(description))
    text.append("\n\n")
    text.append_text(plain(t("keys.general"), "bold"))
    for key in GENERAL:
        text.append("\n")
        text.append_text(plain(t(key)))
    return text


class KeysDialog(Dialog[None]):
    BINDINGS = [Binding("escape,f1", "close", "key.close")]

    def __init__(self, screen) -> None:
        super().__init__()
        self.listed = keys_text(screen)  # read now: once shown, this dialog is the screen

    def compose(self) -> ComposeResult:
        with self.box(t("keys.title"), id="keys-dialog", large=True), VerticalScroll(id="keys-list"):
            yield Static(self.listed, id="keys-text")

    def on_mount(self) -> None:
        self.query_one("#keys-list").focus()

    def action_close(self) -> None:
        self.dismiss(None)
