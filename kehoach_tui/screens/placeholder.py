"""A mode whose module has no data yet: says so instead of failing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ..i18n import t
from .base import ModeScreen


class PlaceholderScreen(ModeScreen):
    def __init__(self, mode: str) -> None:
        super().__init__()
        self.MODE = mode

    def compose_body(self) -> ComposeResult:
        yield Static(t("no_data"), classes="empty")
