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
        if hasattr(self.app, "plan_mark"):  # set up with another commune's plan: say so here
            self.watch(self.app, "plan_mark", lambda _: self.update(self.render_bar()), init=False)

    def render_bar(self) -> Text:
        bar = Text(no_wrap=True, overflow="ellipsis")
        for number, mode in enumerate(MODES, start=1):
            label = f" {number} {t('mode.short.' + mode)} "
            bar.append(label, style="bold reverse" if mode == self.active else "")
        mark = getattr(self.app, "plan_mark", "")
        if mark:
            bar.append(" ")
            bar.append(mark, style="bold black on yellow")
        return bar
