"""Showing user text safely: never as markup, never with control characters.

Textual parses markup in str passed to Static, Label and DataTable cells, so a title like
"[@click=app.quit]x[/]" would become a live action. Everything a person typed or a file
carried goes through `plain()` (a Text, not parsed) or `content()` before display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The store already cleans input; the same policy is applied again at render time, for text
# that came from elsewhere (a file, a bundle, an error message).
from .domain.vntext import strip_controls

if TYPE_CHECKING:
    from rich.text import Text


def plain(value: object, style: str = "") -> Text:
    """A rich Text that shows value literally."""
    from rich.text import Text  # here, not above: one_line() serves commands that need no rich

    return Text(strip_controls("" if value is None else str(value)), style=style)


def one_line(value: object, limit: int | None = None) -> str:
    text = " ".join(strip_controls("" if value is None else str(value)).split())
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text
