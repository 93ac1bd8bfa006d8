"""Where an item of a seeded list comes from: the plan's own words, or the app's addition.

Checklist items (seeds/checklist-default.toml) and incident lists (seeds/incidents.toml) carry
either `source` ("004 §3.4.c", the section they quote) with `quote` (the quoted words), or
`assumed` (why the item was added). A seed file item with neither, or with both, is refused
when the file is loaded.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

SOURCE_REF = re.compile(r"^\d{3} §\S+$")


class Origin(BaseModel):
    """Mixed into a seed item's model; empty on items a commune adds itself."""

    source: str = Field(default="", pattern=r"^(\d{3} §\S+)?$")
    quote: str = ""
    assumed: str = ""

    @property
    def from_plan(self) -> bool:
        return bool(self.source)


def origin_problem(item: Origin) -> str | None:
    """Why an item of a seed file does not say where it comes from (None: it does)."""
    if bool(item.source) == bool(item.assumed):
        return "cần đúng một trong hai trường source hoặc assumed"
    if item.source and not item.quote:
        return "source cần kèm quote (lời văn bản)"
    return None
