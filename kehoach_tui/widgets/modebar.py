"""The top line: the numbered screens, the current one highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..i18n import t
from ..modes import MODES


class ModeBar(Static):
    """Numbered modes; clicking or pressing the number switches."""

    def __init__(self, active: str) -> None:
        super().__init__(id="modebar")
        self.active = active

    def on_mount(self) -> None:
        self.update(self.render_bar())

    def render_bar(self) -> Text:
        bar = Text(no_wrap=True, overflow="ellipsis")
        for number, mode in enumerate(MODES, start=1):
            label = f" {number} {t('mode.short.' + mode)} "
            bar.append(label, style="bold reverse" if mode == self.active else "")
        return bar
