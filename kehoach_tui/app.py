"""The Textual App: modes, global keys, command palette."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from .i18n import t
from .mail.controller import MailController, MailPasswordNeeded, OutboxChanged
from .modes import MODES
from .palette import KehoachCommands, Palette, translated_system_commands
from .store import Store
from .widgets.bindings import CatalogueBindings, relabel
from .widgets.worker_errors import WorkerErrors

# Each mode's screen as "module:Class", imported only when first shown (start-up stays fast).
MODE_SCREENS: dict[str, str] = {
    "overview": "kehoach_tui.screens.overview:OverviewScreen",

    "tasks": "kehoach_tui.screens.tasks:TasksScreen",

    "checklist": "kehoach_tui.screens.checklist:ChecklistScreen",

    "incidents": "kehoach_tui.screens.incidents:IncidentsScreen",

    "reports": "kehoach_tui.screens.reports:ReportsScreen",

    "sync": "kehoach_tui.screens.sync:SyncScreen",
}


def _screen_for(mode: str) -> Callable[[], Screen]:
    def make() -> Screen:
        module_name, class_name = MODE_SCREENS[mode].split(":")
        return getattr(importlib.import_module(module_name), class_name)()

    return make


# The app's keys in footer order: F9 first (while files wait), so an 80-column footer still
# shows it; the screens by number; Ctrl+Q last. Textual's own App keys are not inherited, so
# they cannot come first: Ctrl+C (which says how to quit) is declared again here.
APP_BINDINGS = [
    Binding("f9", "send_outbox", "mail.key_send", key_display="F9"),
    Binding("f1", "show_keys", "key.help", priority=True),
    Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    *(Binding(str(number), f"switch_mode('{mode}')", "mode.short." + mode)
      for number, mode in enumerate(MODES, start=1)),
    Binding("ctrl+q", "quit", "key.quit", priority=True),
    Binding("ctrl+c", "help_quit", show=False, system=True),
]

# The one stylesheet, loaded at start: the shared frame, then the dialogs, then each area.
STYLESHEETS = ["app.tcss"] + [f"styles/{name}.tcss" for name in (
    "dialogs", "first_run", "overview", "tasks", "checklist", "incidents", "reports", "sync", "plan_switch")]


def textual_notice(message: str, title: str) -> tuple[str, str]:
    """A notice Textual itself posts, in the catalogue's words; any other unchanged."""
    if title == "Screenshot":
        title = t("palette.sys.screenshot")
        if message.startswith("Saved screenshot to"):
            message = t("app.screenshot_saved_to", path=message.split("'", 1)[-1].rstrip("'"))
        elif message == "Saved screenshot":
            message = t("app.screenshot_saved")
        elif message == "Failed to save screenshot":
            message = t("app.screenshot_failed")
    return message, title


class KehoachApp(CatalogueBindings, WorkerErrors, MailController, App, inherit_bindings=False):
    CSS_PATH = STYLESHEETS
    COMMANDS = {KehoachCommands}  # which offers Textual's system commands too (palette.py)
    TITLE = "kehoach"
    MODES = {mode: _screen_for(mode) for mode in MODES}
    BINDINGS = APP_BINDINGS

    def __init__(self, store: Store, *, daily_backup: bool = False) -> None:
        super().__init__()
        self.store = store
        self._daily_backup = daily_backup
        self.title = t("app.title")

    def place_label(self) -> str:
        from .store.settings import get_setting

        return get_setting(self.store, "commune_name", "") or ""

    def on_mount(self) -> None:
        from .store.settings import is_initialised

        if self.store.read_only:
            self.notify(t("safety.read_only_mode"), severity="warning", timeout=15)
        if is_initialised(self.store):
            self._start_daily_backup()
            self.switch_mode("overview")
        else:
            from .screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(), callback=self._after_first_run)

    def _start_daily_backup(self) -> None:
        if self._daily_backup:
            self.run_worker(self._make_daily_backup, thread=True, group="backup", exit_on_error=False)

    def _make_daily_backup(self) -> None:
        """Off the UI thread, so start-up never waits for the copy."""
        from .store import StoreError
        from .store.backup import ensure_daily_backup

        try:
            ensure_daily_backup(self.store.path)
        except StoreError as exc:
            self.call_from_thread(self.notify, t("safety.daily_backup_failed", reason=exc), severity="warning")

    def _after_first_run(self, done: bool | None) -> None:
        if done:
            self._start_daily_backup()
            self.switch_mode("overview")

    def on_outbox_changed(self, _: OutboxChanged) -> None:
        """F9 with the number of files it would send; hidden (check_action) when none."""
        relabel(self, "f9", t("mail.key_send", n=self.mail_offer()))

    def on_mail_password_needed(self, event: MailPasswordNeeded) -> None:
        from .screens.mail_password import MailPasswordDialog

        self.push_screen(MailPasswordDialog(event.user, event.server), callback=self.mail_password_typed)

    def action_show_keys(self) -> None:
        """F1: every key of the current screen (F1 again or Esc closes the list)."""
        from .widgets.keys_help import KeysDialog

        if isinstance(self.screen, KeysDialog):
            self.screen.dismiss(None)
        elif not CommandPalette.is_open(self):
            self.push_screen(KeysDialog(self.screen))

    def action_command_palette(self) -> None:
        """Textual's palette with the search prompt from the catalogue."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=t("palette.placeholder")))

    def search_themes(self) -> None:
        """The theme list (palette "Đổi giao diện màu"), its prompt from the catalogue."""
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("palette.theme_placeholder")))

    def action_help_quit(self) -> None:
        """Ctrl+C (a habit): say how to quit, in the catalogue's words (Textual's are English)."""
        self.notify(t("app.quit_how", shortcut="Ctrl+Q"), title=t("app.quit_title"))

    def notify(self, message: str, *, title: str = "", **kwargs) -> None:
        """Textual's own notices (a screenshot saved…) in the catalogue's words."""
        message, title = textual_notice(message, title)
        super().notify(message, title=title, **kwargs)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, quit, keys, screenshot…) in the catalogue's words;
        "Keys" opens the F1 list (all the keys, in the catalogue's words)."""
        for command in translated_system_commands(super().get_system_commands(screen)):
            if command.title == t("palette.sys.keys"):
                command = command._replace(callback=self.action_show_keys)
            yield command

    def palette_commands(self, screen: Screen) -> Iterable[tuple[str, str, Callable[[], object]]]:
        """Every action for the command palette: (name, help, callback). Screens add their
        own through a `palette_commands()` method of the same shape."""
        for mode in MODES:
            name = t("mode." + mode)
            yield name, t("palette.open_mode", name=name), partial(self.switch_mode, mode)
        screen_commands = getattr(screen, "palette_commands", None)
        if screen_commands:
            yield from screen_commands()
        from .screens.plan_switch import open_plan_switch

        yield t("plan_switch.title"), t("plan_switch.help"), partial(open_plan_switch, self)
