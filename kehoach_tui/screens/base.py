"""The frame every mode shares: mode bar on top, body, footer with the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from ..widgets.bindings import CatalogueBindings
from ..widgets.modebar import ModeBar
from ..widgets.worker_errors import WorkerErrors


class ModeScreen(CatalogueBindings, WorkerErrors, Screen):
    """Subclasses set MODE and implement compose_body()."""

    MODE = "overview"

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield ModeBar(self.MODE)
        yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def refresh_data(self) -> None:
        """Reload what the screen shows from the store (called when the mode is shown)."""

    def on_screen_resume(self) -> None:
        # After the frame is painted: the officer sees the screen at once, data a moment later.
        self.call_after_refresh(self.refresh_data)
