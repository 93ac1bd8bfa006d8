"""Showing user text safely: never as markup, never with control characters.

Textual parses markup in str passed to Static, Label and DataTable cells, so a title like
"[@click=app.quit]x[/]" would become a live action. Everything a person typed or a file
carried goes through `plain()` (a Text, not parsed) or `content()` before display.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_controls(value: str) -> str:
    """Drop control characters again at render time (the store already cleans input)."""
    return _CONTROL.sub("", value)


def plain(value: object, style: str = "") -> Text:
    """A rich Text that shows value literally."""
    return Text(strip_controls("" if value is None else str(value)), style=style)


def one_line(value: object, limit: int | None = None) -> str:
    text = " ".join(strip_controls("" if value is None else str(value)).split())
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text
