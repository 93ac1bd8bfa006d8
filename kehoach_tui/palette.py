"""Command palette: every action of the app, found by typing with or without diacritics."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .domain.vntext import fold, matches


class KehoachCommands(Provider):
    """Commands come from app.palette_commands(): (name, help, callback) triples."""

    async def discover(self) -> Hits:
        for name, help_text, callback in self.app.palette_commands(self.screen):
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        wanted = fold(query)
        for name, help_text, callback in self.app.palette_commands(self.screen):
            if matches(query, name, help_text):
                score = 1.0 if fold(name).startswith(wanted) else 0.6
                yield Hit(score, Content(name), callback, help=help_text)
