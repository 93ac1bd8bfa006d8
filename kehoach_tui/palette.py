"""Command palette: every action of the app, found by typing with or without diacritics.

One provider offers both the app's own commands (`app.palette_commands`) and Textual's
system commands (`app.get_system_commands`: theme, quit, keys, screenshot…), so the same
accent-insensitive search finds "thoat" as well as "nhiem vu". The system commands keep
their callbacks; only their words come from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from .domain.vntext import fold, matches
from .i18n import t

# Textual 8's system command titles and help texts -> catalogue keys. A command Textual adds
# later and not listed here still appears, in English.
SYSTEM_TITLES = {
    "Theme": "palette.sys.theme",
    "Quit": "key.quit",
    "Keys": "palette.sys.keys",
    "Maximize": "palette.sys.maximize",
    "Minimize": "palette.sys.minimize",
    "Screenshot": "palette.sys.screenshot",
}
SYSTEM_HELPS = {
    "Change the current theme": "palette.sys.theme_help",
    "Quit the application as soon as possible": "palette.quit",
    "Show help for the focused widget and a summary of available keys": "palette.sys.keys_show",
    "Hide the keys and widget help panel": "palette.sys.keys_hide",
    "Maximize the focused widget": "palette.sys.maximize_help",
    "Minimize the widget and restore to normal size": "palette.sys.minimize_help",
    "Save an SVG 'screenshot' of the current screen": "palette.sys.screenshot_help",
}


def translated_system_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    for command in commands:
        title, help_text = SYSTEM_TITLES.get(command.title), SYSTEM_HELPS.get(command.help)
        yield command._replace(title=t(title) if title else command.title,
                               help=t(help_text) if help_text else command.help)


class Palette(CommandPalette):
    """Textual's palette, saying "no matches" in the catalogue's words.

    Textual 8 writes "No matches found" inside a private countdown; this repeats that short
    method with the text from the catalogue (the placeholder is a constructor argument)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("palette.no_matches"), style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class KehoachCommands(Provider):
    """Commands: (name, help, callback, shown before typing)."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object], bool]]:
        for name, help_text, callback in self.app.palette_commands(self.screen):
            yield name, help_text, callback, True
        for command in self.app.get_system_commands(self.screen):
            yield command.title, command.help, command.callback, command.discover

    async def discover(self) -> Hits:
        for name, help_text, callback, shown in self._commands():
            if shown:
                yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        wanted = fold(query)
        for name, help_text, callback, _ in self._commands():
            if matches(query, name, help_text):
                score = 1.0 if fold(name).startswith(wanted) else 0.6
                yield Hit(score, Content(name), callback, help=help_text)
