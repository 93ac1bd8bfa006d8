"""The top line: which commune, which screen, and the numbered screens."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..i18n import t
from ..safe import one_line, plain

MODES = ("overview", "tasks", "checklist", "incidents", "reports", "sync")


class ModeBar(Static):
    """Numbered modes with the active one highlighted; user text shown literally."""

    def __init__(self, active: str, place: str = "") -> None:
        super().__init__(id="modebar")
        self.active = active
        self.place = place

    def on_mount(self) -> None:
        self.update(self.render_bar())

    def render_bar(self) -> Text:
        bar = Text(no_wrap=True, overflow="ellipsis")
        for number, mode in enumerate(MODES, start=1):
            label = f" {number} {t('mode.short.' + mode)} "
            bar.append(label, style="bold reverse" if mode == self.active else "")
        if self.place:
            bar.append_text(plain("  " + one_line(self.place), style="dim"))
        return bar
