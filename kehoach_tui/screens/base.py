"""The frame every mode shares: mode bar on top, body, footer with the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, TextArea

from ..widgets.bindings import CatalogueBindings
from ..widgets.key_footer import KeyFooter
from ..widgets.modebar import ModeBar
from ..widgets.worker_errors import WorkerErrors


def leave_input(screen, main: str | None) -> bool:
    """Esc in a text field: a search is cleared, and the focus goes back to the screen's
    main widget (so the next digit switches screens instead of being typed). False when no
    text field had the focus."""
    focused = screen.focused
    if not isinstance(focused, Input | TextArea):
        return False
    if isinstance(focused, Input) and focused.has_class("search") and focused.value:
        focused.value = ""
    target = screen.query_one(main) if main and screen.query(main) else None
    if target is not None and target.focusable:
        target.focus()
    else:
        screen.set_focus(None)
    return True


class ModeScreen(CatalogueBindings, WorkerErrors, Screen):
    """Subclasses set MODE (and MAIN, the widget that has the focus when no field does) and
    implement compose_body()."""

    MODE = "overview"
    MAIN: str | None = None
    BINDINGS = [Binding("escape", "leave_input", show=False)]

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield ModeBar(self.MODE)
        yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def action_leave_input(self) -> None:
        leave_input(self, self.MAIN)

    def refresh_data(self) -> None:
        """Reload what the screen shows from the store (called when the mode is shown)."""

    def on_screen_resume(self) -> None:
        # After the frame is painted: the officer sees the screen at once, data a moment later.
        self.call_after_refresh(self.refresh_data)

