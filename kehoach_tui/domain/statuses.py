"""Task statuses: the five keys, which of them close a task, and reading what a person types
for one."""

from __future__ import annotations

from .models import STATUSES
from .vntext import fold

# A task with one of these needs nothing more: it is never overdue, never due soon, and a
# recurring one asks for no note. Not applicable counts as finished, not as done.
FINISHED = frozenset({"done", "not_applicable"})


def is_finished(status: str | None) -> bool:
    return status in FINISHED


# Vietnamese labels (folded, so "hoan thanh" and "Hoàn thành" both work) and a few short forms.
_WORDS: dict[str, str] = {
    "chua bat dau": "not_started",
    "chua thuc hien": "not_started",
    "dang thuc hien": "in_progress",
    "dang lam": "in_progress",
    "hoan thanh": "done",
    "da hoan thanh": "done",
    "tam dung, vuong mac": "blocked",
    "tam dung vuong mac": "blocked",
    "tam dung": "blocked",
    "vuong mac": "blocked",
    "khong ap dung": "not_applicable",
}


def parse_status(text: str) -> str | None:
    """A status key from an English key ("in_progress", "in-progress") or a Vietnamese label
    with or without diacritics ("Đang thực hiện", "dang thuc hien"); None if unknown."""
    folded = fold(text or "")
    key = folded.replace("-", "_").replace(" ", "_")
    if key in STATUSES:
        return key
    return _WORDS.get(folded) or _WORDS.get(folded.replace(",", ""))
