"""Where an item of a seeded list comes from: the plan's own words, or the app's addition.

Checklist items (seeds/checklist-default.toml) and incident lists (seeds/incidents.toml) carry
either `source` ("004 §3.4.c", the section they quote) with `quote` (the quoted words), or
`assumed` (why the item was added). A seed file item with neither, or with both, is refused
when the file is loaded.

Plain dataclasses, no pydantic: the seed lists are read on the start-up path (Tổng quan, the
morning check) and by read commands (tests/test_import_hygiene.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import shape

SOURCE_REF = re.compile(r"^\d{3} §\S+$")


# kw_only: mixed into records whose own fields come first and may have no default.
@dataclass(frozen=True, kw_only=True)
class Origin:
    """Mixed into a seed item's record; empty on items a commune adds itself."""

    source: str = ""
    quote: str = ""
    assumed: str = ""

    @property
    def from_plan(self) -> bool:
        return bool(self.source)


def _source(value: object, where: str) -> str:
    text = shape.text(value, where)
    if text and not SOURCE_REF.match(text):
        raise shape.ShapeError(f"{where}: cần dạng \"004 §3.4.c\"")
    return text


# The shape readers of Origin's fields, for a seed item's own readers (domain/shape.py).
ORIGIN_READERS = {"source": _source, "quote": shape.text, "assumed": shape.text}


def origin_problem(item: Origin) -> str | None:
    """Why an item of a seed file does not say where it comes from (None: it does)."""
    if bool(item.source) == bool(item.assumed):
        return "cần đúng một trong hai trường source hoặc assumed"
    if item.source and not SOURCE_REF.match(item.source):
        return "source cần dạng \"004 §3.4.c\""
    if item.source and not item.quote:
        return "source cần kèm quote (lời văn bản)"
    return None
