"""The frame every mode shares: mode bar on top, body, footer with the keys."""

from __future__ import annotations

import functools

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from ..config import now_utc, today
from ..i18n import get_lang
from ..widgets.bindings import CatalogueBindings
from ..widgets.key_footer import KeyFooter
from ..widgets.modebar import ModeBar
from ..widgets.worker_errors import WorkerErrors


def leave_input(screen, main: str | None) -> bool:
    """Esc in a text field: a search is cleared, and the focus goes back to the screen's
    main widget (so the next digit switches screens instead of being typed). False when no
    text field had the focus."""
    # Imported here: the first screen has no text field, and TextArea alone is ≈ 3 ms of start.
    from textual.widgets import Input, TextArea

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
    implement compose_body() and refresh_data().

    Coming back to a screen reloads it only when what it shows may have changed: the data
    (any write, by this window or another program), the day, the minute, the language. A
    screen that shows what lies outside the database (files, drives) sets RELOAD_ALWAYS.
    """

    MODE = "overview"
    MAIN: str | None = None
    BINDINGS = [Binding("escape", "leave_input", show=False)]
    RELOAD_ALWAYS = False
    _shown_key: tuple | None = None   # what the data was when refresh_data last ran
    _resume_pending = False
    _visits = 0  # times the screen was left (another screen or a dialog came over it)
    prepared = False  # built before it was asked for, not shown yet (app.py: prepare_screen)

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("refresh_data")
        if own is not None and not getattr(own, "records_key", False):
            cls.refresh_data = _recording_key(own)  # type: ignore[method-assign]  # wrapped once, per class

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

    def can_prepare(self) -> bool:
        """May the app build this screen before the officer asks for it (app.py: PREPARED)?
        Not when building it would change the data."""
        return True

    def data_key(self) -> tuple | None:
        """What the shown data depends on; None: unknown, reload."""
        if self.RELOAD_ALWAYS:  # once per visit: not twice on the first (mount, then resume)
            return ("visit", self._visits)
        return (self.store.data_version(), today(), now_utc().strftime("%H:%M"), get_lang())

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (Screen._on_screen_resume), which re-applies
        # the stylesheet to every widget of the screen on each resume. The screen's styles
        # are current unless the app's CSS changed since (a theme), and then switch_mode
        # refreshes the CSS itself: re-styling it all would be most of a switch's work.
        if self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False
        # After the frame is painted: the officer sees the screen at once, data a moment
        # later. Textual resumes a new mode's screen twice; one reload is enough.
        if not self._resume_pending:
            self._resume_pending = True
            self.call_after_refresh(self._reload_if_changed)

    def on_screen_suspend(self) -> None:
        self._visits += 1

    def _reload_if_changed(self) -> None:
        self._resume_pending = False
        self.reload_if_changed()

    def reload_if_changed(self) -> None:
        """refresh_data, unless what it would show is what the screen shows."""
        key = self.data_key()
        if key is None or key != self._shown_key:
            self.refresh_data()


def _recording_key(refresh):
    """refresh_data that remembers the data key it has shown (taken after it ran, so a
    screen that writes while it loads, e.g. the first day's checklist, is not reloaded)."""

    @functools.wraps(refresh)
    def refresh_data(self, *args, **kwargs):
        result = refresh(self, *args, **kwargs)
        self._shown_key = self.data_key()
        return result

    refresh_data.records_key = True
    return refresh_data
