"""KeyFooter: the keys of the current screen on one line that always fits.

Textual's Footer lays every key out in a row and lets the row run off the edge: at 80
columns the officer saw "… e Đơn vị o Qu▏", never "^q Thoát", and keys declared hidden to
save room (F2/F3/F4 on Báo cáo) were never shown at all. KeyFooter picks by priority what
fits the width — Thoát, Lệnh and F1 (every key) always; then the screen's own keys in the
order the screen declares them; then the app's (F9, then the numbered screens, which the
mode bar on top already names) — and draws them in reading order, the three fixed ones at
the right. A click on a key runs it.
"""

from __future__ import annotations

from typing import NamedTuple, cast

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.events import Click
from textual.widget import Widget

from ..i18n import t
from .bindings import OURS, CatalogueBindings

GAP = "  "
# Always shown, at the right end: help, commands, quit.
FIXED = ("f1", "ctrl+p", "ctrl+q")
KEY_WORDS = {"escape": "Esc", "enter": "Enter", "space": "key.name.space", "tab": "Tab", "slash": "/",
             "up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn",
             "home": "Home", "end": "End", "delete": "Del", "backspace": "⌫",
             "left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?"}


def key_text(key: str, *, long: bool = False) -> str:
    """"^q" (long: "Ctrl+Q"), "F2", "Esc", "/", "Phím cách"…"""
    parts = key.split("+")
    name = parts[-1]
    word = KEY_WORDS.get(name)
    if word is not None:
        base = t(word) if word.startswith("key.") else word
    elif len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        base = name.upper()
    else:
        base = name  # a letter as it is typed: "x", not "X" (which reads as Shift+X)
    mods = parts[:-1]
    if not mods:
        return base
    if not long and mods == ["ctrl"]:
        return "^" + base
    return "+".join([*(m.capitalize() for m in mods), base.upper() if len(base) == 1 else base])


class Shown(NamedTuple):
    key: str          # the first key of the binding ("n" of "n,escape")
    binding: Binding
    node: DOMNode     # where the action runs
    enabled: bool

    @property
    def text(self) -> str:
        return f"{self.binding.key_display or key_text(self.key)} {self.binding.description}"


def _ours(binding: Binding) -> bool:
    """A key of this app, described from the catalogue (not one Textual's Screen brings
    along, like "Focus Next": Tab is in the F1 list's general part)."""
    return binding.description in OURS


def screen_keys(screen, *, shown_only: bool = True) -> list[Shown]:
    """The bindings active on screen (the focused widget's, the screen's, the app's), one per
    action, in the order they are declared: the screen's first. shown_only: those meant for a
    footer (show=True), else every one with a description (the F1 list)."""
    app = screen.app
    found: dict[tuple[bool, str], Shown] = {}
    chain = list(reversed(screen._modal_binding_chain))  # focused widget last → its keys win
    order = []
    for node, bindings in chain:
        if not isinstance(node, CatalogueBindings):
            continue  # Textual's own widgets (Input, DataTable…): English texts, basic keys
        for key, items in bindings.key_to_bindings.items():
            for binding in items:
                if not binding.description or (shown_only and not binding.show) or binding.system \
                        or not _ours(binding):
                    continue
                state = app._check_action_state(binding.action, node)
                if state is False:
                    continue
                action_key = (node is app, binding.action)
                if action_key not in found:
                    order.append(action_key)
                found[action_key] = Shown(key, binding, cast(DOMNode, node), bool(state))
    screen_first = sorted(order, key=lambda k: k[0])  # stable: the screen's, then the app's
    return [found[k] for k in screen_first]


def fixed_keys(app: App) -> list[Shown]:
    """F1, Ctrl+P, Ctrl+Q from the app's own bindings (also under a dialog, which hides the
    app's other keys)."""
    out = []
    for key in FIXED:
        for binding in app._bindings.key_to_bindings.get(key, []):
            out.append(Shown(key, binding, app, True))
            break
    return out


def fit(items: list[Shown], fixed: list[Shown], width: int, app: App) -> list[Shown]:
    """What fits in width beside the fixed keys, by priority: items in their order, skipping
    (not stopping at) one that is too long. The numbered screens are left to the mode bar
    on top (and to F1)."""
    room = width - 1 - sum(len(f.text) + len(GAP) for f in fixed)
    ranked = [i for i in items if not (i.node is app and i.key.isdigit())]
    chosen = set()
    for item in ranked:
        cost = len(item.text) + len(GAP)
        if cost <= room:
            chosen.add(id(item))
            room -= cost
    return [i for i in items if id(i) in chosen]


class KeyFooter(Widget):
    """Docked at the bottom, one line (app.tcss)."""

    def __init__(self) -> None:
        super().__init__(id="key-footer")
        self._spans: list[tuple[int, int, Shown]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, _screen) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.refresh()

    def parts(self) -> tuple[list[Shown], list[Shown]]:
        """(the screen's keys that fit, the fixed keys)."""
        fixed = fixed_keys(self.app)
        items = [i for i in screen_keys(self.screen) if i.key not in FIXED]
        return fit(items, fixed, self._width(), self.app), fixed

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def shown(self) -> list[Shown]:
        """The keys on the line now, left to right."""
        items, fixed = self.parts()
        return [*items, *fixed]

    def labels(self) -> list[str]:
        return [item.binding.description for item in self.shown()]

    def render(self) -> Text:
        """The chosen keys from the left; the fixed ones at the right end."""
        items, fixed = self.parts()
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        fixed_width = sum(len(f.text) for f in fixed) + len(GAP) * max(0, len(fixed) - 1)
        for index, item in enumerate([*items, *fixed]):
            if index == len(items):  # the fixed keys, pushed to the right
                line.append(" " * max(len(GAP) if items else 0, self._width() - 1 - len(line) - fixed_width))
            elif index:
                line.append(GAP)
            start = len(line)
            line.append(item.binding.key_display or key_text(item.key), style="bold" if item.enabled else "dim")
            line.append(" " + item.binding.description, style="" if item.enabled else "dim")
            self._spans.append((start, len(line), item))
        return line

    async def on_click(self, event: Click) -> None:
        for start, end, item in self._spans:
            if start <= event.x < end and item.enabled:
                await self.app.run_action(item.binding.action, item.node)
                return
