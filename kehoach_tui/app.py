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
from .widgets.modebar import MODES

# Each mode's screen as "module:Class", imported only when first shown (start-up stays
# fast). A mode without a screen yet shows "Chưa có dữ liệu".
MODE_SCREENS: dict[str, str] = {
    "overview": "kehoach_tui.screens.overview:OverviewScreen",

    "tasks": "kehoach_tui.screens.tasks:TasksScreen",

    "checklist": "",

    "incidents": "",

    "reports": "kehoach_tui.screens.reports:ReportsScreen",

    "sync": "",
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


class KehoachApp(App):
    CSS_PATH = "app.tcss"
    COMMANDS = {KehoachCommands}
    TITLE = "kehoach"
    MODES = {mode: _screen_for(mode) for mode in MODES}
    BINDINGS = [Binding("ctrl+p", "command_palette", "Lệnh", show=False, priority=True)]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
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
        from .store.setup import is_initialised

        if is_initialised(self.store):
            self.switch_mode("overview")
        else:
            from .screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(), callback=self._after_first_run)

    def _after_first_run(self, done: bool | None) -> None:
        if done:
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
        yield t("key.quit"), t("palette.quit"), self.exit
