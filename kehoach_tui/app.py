"""The Textual App: modes, global keys, command palette."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from functools import partial

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from .i18n import t
from .palette import KehoachCommands
from .store import Store
from .widgets.mail_watch import MailWatchMixin
from .widgets.modebar import MODES
from .widgets.worker_errors import WorkerErrors

# Each mode's screen as "module:Class", imported only when first shown (start-up stays
# fast). A mode without a screen yet shows "Chưa có dữ liệu".
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
        target = MODE_SCREENS.get(mode, "")
        if not target:
            from .screens.placeholder import PlaceholderScreen

            return PlaceholderScreen(mode)
        module_name, class_name = target.split(":")
        return getattr(importlib.import_module(module_name), class_name)()

    return make


# The one stylesheet, loaded at start: the shared frame, then the dialogs, then each area.
STYLESHEETS = ["app.tcss"] + [f"styles/{name}.tcss" for name in (
    "dialogs", "first_run", "overview", "tasks", "checklist", "incidents", "reports", "sync", "plan_switch")]


class KehoachApp(WorkerErrors, MailWatchMixin, App):
    CSS_PATH = STYLESHEETS
    COMMANDS = {KehoachCommands}
    TITLE = "kehoach"
    MODES = {mode: _screen_for(mode) for mode in MODES}
    BINDINGS = [Binding("ctrl+p", "command_palette", "Lệnh", show=False, priority=True)]

    def __init__(self, store: Store, *, daily_backup: bool = False) -> None:
        super().__init__()
        self.store = store
        self._daily_backup = daily_backup
        self.title = t("app.title")
        # Labels come from the catalogue at run time, so --lang applies to the footer too.
        keys = self._bindings.key_to_bindings
        keys["ctrl+p"] = [Binding("ctrl+p", "command_palette", t("key.palette"), show=False, priority=True)]
        for number, mode in enumerate(MODES, start=1):
            keys[str(number)] = [Binding(str(number), f"switch_mode('{mode}')", t("mode.short." + mode))]
        keys.pop("ctrl+q", None)  # re-added last so the footer lists the screens first
        keys["ctrl+q"] = [Binding("ctrl+q", "quit", t("key.quit"), priority=True)]

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
        yield t("key.quit"), t("palette.quit"), self.exit
