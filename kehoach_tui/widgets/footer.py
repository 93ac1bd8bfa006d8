"""The footer of the mode screens: Textual's Footer, rebuilt only when its keys change.

Textual's Footer recomposes (a new widget per key, each mounted and styled) every time the
screen's bindings are announced, and a screen announces them each time it is shown again:
most of a screen switch's work for the same keys as before. This one remembers the keys
it shows and skips the rebuild when they are the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: tuple | None = None

    def _keys(self) -> tuple:
        """Everything Footer.compose reads: the bindings, enabled or not, their tooltips."""
        return tuple((binding, enabled, tooltip, self.app.get_key_display(binding))
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values())

    def compose(self):
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if (self._shown is not None and self.is_attached and screen is self.screen
                and self._keys() == self._shown):
            return
        super().bindings_changed(screen)
