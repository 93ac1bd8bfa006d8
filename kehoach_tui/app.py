"""The Textual App: modes, global keys, command palette."""

from __future__ import annotations

import asyncio
import gc
import importlib
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from pathlib import PurePath
from typing import TYPE_CHECKING

from textual._context import active_app
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount

from .i18n import t
from .mail.controller import MailController, MailPasswordNeeded, OutboxChanged
from .modes import MODES
from .palette import KehoachCommands, Palette, translated_system_commands
from .store import Store
from .widgets.bindings import CatalogueBindings, relabel, translate_bindings
from .widgets.worker_errors import WorkerErrors

if TYPE_CHECKING:
    from .screens.base import ModeScreen

# Each mode's screen as "module:Class", imported only when first shown (start-up stays fast).
MODE_SCREENS: dict[str, str] = {
    "overview": "kehoach_tui.screens.overview:OverviewScreen",

    "tasks": "kehoach_tui.screens.tasks:TasksScreen",

    "checklist": "kehoach_tui.screens.checklist:ChecklistScreen",

    "incidents": "kehoach_tui.screens.incidents:IncidentsScreen",

    "reports": "kehoach_tui.screens.reports:ReportsScreen",

    "sync": "kehoach_tui.screens.sync:SyncScreen",
}


def _screen_for(mode: str) -> Callable[[], ModeScreen]:
    def make() -> ModeScreen:
        module_name, class_name = MODE_SCREENS[mode].split(":")
        screen = getattr(importlib.import_module(module_name), class_name)()
        # The screen is styled as it mounts, with the stylesheet as it is now. Textual marks
        # a new screen's styles as out of date (update count -1), so its first visit would
        # re-parse every stylesheet of the app from scratch, twice (≈ 40 ms each on a slow PC).
        screen._css_update_count = active_app.get()._css_update_count
        return screen

    return make


# Built while the officer reads Tổng quan, one at a time in the order of their number keys:
# each is composed, filled and laid out at the window's size but shown nowhere, so its first
# visit only shows it (and reloads what changed since, as every visit does). Never before the
# first frame (tests/test_import_hygiene.py); PREPARE_GAP of idle time between two screens
# lets a key pressed meanwhile in. A screen whose first visit would write (the morning check
# installing its items) waits for that visit. Tests build screens as they are visited.
PREPARED = ("tasks", "checklist", "incidents", "reports", "sync")
PREPARE_GAP = 0.03


# The app's keys in footer order: F9 first (while files wait), so an 80-column footer still
# shows it; the screens by number; Ctrl+Q last. Textual's own App keys are not inherited, so
# they cannot come first: Ctrl+C (which says how to quit) is declared again here.
APP_BINDINGS: list[BindingType] = [
    Binding("f9", "send_outbox", "mail.key_send", key_display="F9"),
    Binding("f1", "show_keys", "key.help", priority=True),
    Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    *(Binding(str(number), f"switch_mode('{mode}')", "mode.short." + mode)
      for number, mode in enumerate(MODES, start=1)),
    Binding("ctrl+q", "quit", "key.quit", priority=True),
    Binding("ctrl+c", "help_quit", show=False, system=True),
]

# The one stylesheet, loaded at start: the shared frame, then the dialogs, then each area.
STYLESHEETS: list[str | PurePath] = ["app.tcss", *(f"styles/{name}.tcss" for name in (
    "dialogs", "first_run", "overview", "tasks", "checklist", "incidents", "reports", "sync", "plan_switch",
    "settings"))]

# What the keys may not do before the database is set up: open a screen or write (a check
# mark was once recorded as "Cán bộ" on an empty database). Focus, quit, palette still work.
BLOCKED_BEFORE_SETUP = {"switch_mode", "switch_screen", "push_screen", "send_outbox", "send_outbox_now",
                        "open_settings", "choose_officer"}
SETUP_SAFE_SYSTEM = {"Theme", "Quit"}  # Textual's system command titles (palette.py)


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
    # Set when the active plan is another commune's own plan: shown in the mode bar.
    plan_mark: reactive[str] = reactive("")

    def __init__(self, store: Store, *, daily_backup: bool = False, prepare_screens: bool = False) -> None:
        super().__init__()
        self.store = store
        self._daily_backup = daily_backup
        self._prepare = prepare_screens
        self.title = t("app.title")
        self.setup_done = False  # the database is initialised (checked on mount)

    def retranslate(self) -> None:
        """After a language change: the app's own key labels and title again."""
        self._bindings = translate_bindings(type(self)._merged_bindings)
        self.title = t("app.title")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.setup_done and action in BLOCKED_BEFORE_SETUP:
            return False
        return super().check_action(action, parameters)

    def refresh_plan_mark(self) -> None:
        from .store.setup import other_commune_plan

        self._other_plan = other_commune_plan(self.store)
        self.plan_mark = t("plan.mark_other") if self._other_plan else ""

    def place_label(self) -> str:
        from .store.settings import get_setting

        name = get_setting(self.store, "commune_name", "") or ""
        other = getattr(self, "_other_plan", None)
        return t("plan.place_other", commune=name, plan_commune=other) if other else name

    def on_mount(self) -> None:
        from .store.settings import is_initialised

        if self.store.read_only:
            self.notify(t("safety.read_only_mode"), severity="warning", timeout=15)
        if is_initialised(self.store):
            # Once Textual's start-up batch (this mount) is over: a frame rendered inside it
            # is thrown away, and Tổng quan built here was rendered twice before it showed.
            self.call_later(self._setup_finished)
        else:
            from .screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(), callback=self._after_first_run)
            self.call_after_refresh(self._first_frame_shown)

    _switching = False

    def switch_mode(self, mode: str):
        self._switching = True
        try:
            mounted = super().switch_mode(mode)
        finally:
            self._switching = False
        self.show_prepared(self.screen)
        return mounted

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual's switch_mode holds the screen's updates for 50 ms, to mask a screen
        being built. A screen shown again is not rebuilt (ModeScreen reloads only changed
        data) and a new one has its data when it mounts; and a hold outlasts the build
        anyway (its timer cannot fire while the build has the loop), so the frame rendered
        meanwhile was thrown away and rendered again. No hold on a switch, the first
        screen's included."""
        if not self._switching:
            super().delay_update(delay)

    @staticmethod
    def _first_frame_shown() -> None:
        """The collector back on, when run_tui held it through start-up (tui.py). What
        start-up made is frozen first: it lives as long as the app, and the collections
        from now on (as the officer works) need not walk it each time."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    screens_prepared = False  # every screen of PREPARED is built (or was visited first)

    @property
    def prepares_screens(self) -> bool:
        """Screens are built before they are asked for (tests build each as it is visited)."""
        return self._prepare

    def _prepare_screens(self) -> None:
        if self._prepare:
            self.run_worker(self._prepare_each(list(PREPARED)), group="prepare", exit_on_error=False)

    async def _prepare_each(self, modes: list[str]) -> None:
        for mode in modes:
            await asyncio.sleep(PREPARE_GAP)
            if mode in self._screen_stacks or not self.is_running:
                continue  # visited already
            screen = _screen_for(mode)()
            if not screen.can_prepare():
                continue
            mounted = self.prepare_screen(screen)
            self._screen_stacks[mode] = [screen]
            await mounted
        self.screens_prepared = True

    def prepare_screen(self, screen: ModeScreen) -> Awaitable[None]:
        """Build a screen that is not shown yet: composed, filled and laid out at the window's
        size, so showing it is only painting it (show_prepared). What
        push_screen and switch_mode do for a new screen, less showing it, and without their
        call_next(AwaitMount): that holds the app's own messages (the keys) until the screen
        is mounted, and a key pressed meanwhile would wait."""
        screen._css_update_count = self._css_update_count  # styled as it mounts (see _screen_for)
        mounted = AwaitMount(screen, self._register(self, screen))
        self._load_screen_css(screen)

        async def lay_out() -> None:
            await mounted
            if screen is not self.screen and screen.is_attached:
                # Laid out, so its widgets know their widths; not drawn: a screen drawn
                # offscreen has nothing left to repaint, and its first frame would be none.
                screen._refresh_layout(self.size)
                screen.prepared = True

        return lay_out()

    def show_prepared(self, screen: Screen) -> None:
        """Paint a prepared screen now that it is on top, the first time. Textual lays out
        on a switch only a screen shown before; left to itself, a prepared one waited for
        the next frame tick (≈ 17 ms) after its resume."""
        if getattr(screen, "prepared", False) and not screen.stack_updates and screen is self.screen:
            screen._refresh_layout(self.size)

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
            self._setup_finished()

    def _setup_finished(self) -> None:
        self.setup_done = True
        self.refresh_plan_mark()
        self.switch_mode("overview")
        # Once Tổng quan is painted: the backup's thread would compete with it for the CPU.
        self.call_after_refresh(self._first_frame_shown)
        self.call_after_refresh(self._start_daily_backup)
        self.call_after_refresh(self._prepare_screens)
        if not self.store.read_only:  # read-only: nothing will be recorded, nobody to ask
            self.action_choose_officer(at_start=True)

    def action_open_settings(self) -> None:
        from .screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_choose_officer(self, at_start: bool = False) -> None:
        from .screens.officer_choice import choose_officer

        choose_officer(self, at_start=at_start)

    def on_outbox_changed(self, _: OutboxChanged) -> None:
        """F9 with the number of files it would send; hidden (check_action) when none."""
        relabel(self, "f9", t("mail.key_send", n=self.mail_offer()))

    def on_mail_password_needed(self, event: MailPasswordNeeded) -> None:
        from .screens.mail_password import MailPasswordDialog

        self.push_screen(MailPasswordDialog(event.user, event.server), callback=self.mail_password_typed)

    def action_show_keys(self) -> None:
        """F1: every key of the current screen (F1 again or Esc closes the list)."""
        from .widgets.keys_help import KeysDialog

        screen: Screen = self.screen  # as Screen, not Screen[object], isinstance narrows it for mypy
        if isinstance(screen, KeysDialog):
            screen.dismiss(None)
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
        before the setup only theme and quit. "Keys" opens the F1 list (all the keys, in the
        catalogue's words)."""
        commands = super().get_system_commands(screen)
        if not self.setup_done:
            commands = (c for c in commands if c.title in SETUP_SAFE_SYSTEM)
        for command in translated_system_commands(commands):
            if command.title == t("palette.sys.keys"):
                command = command._replace(callback=self.action_show_keys)
            yield command

    def palette_commands(self, screen: Screen) -> Iterable[tuple[str, str, Callable[[], object]]]:
        """Every action for the command palette: (name, help, callback). Screens add their
        own through a `palette_commands()` method of the same shape. Before the setup only
        the first-run screen's own (language)."""
        screen_commands = getattr(screen, "palette_commands", None)
        if not self.setup_done:
            yield from screen_commands() if screen_commands else ()
            return
        for mode in MODES:
            name = t("mode." + mode)
            yield name, t("palette.open_mode", name=name), partial(self.switch_mode, mode)
        if screen_commands:
            yield from screen_commands()
        from .screens.plan_switch import open_plan_switch

        yield t("plan_switch.title"), t("plan_switch.help"), partial(open_plan_switch, self)
        yield t("officer.palette"), t("officer.palette_help"), self.action_choose_officer
        yield t("settings.title"), t("settings.palette_help"), self.action_open_settings
