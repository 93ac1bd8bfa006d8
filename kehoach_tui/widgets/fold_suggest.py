"""Completion that ignores diacritics and case, like every search in the app.

Textual's SuggestFromList only completes an exact prefix, so "nghia tho" (typed without
Unikey, or before the tones) suggests nothing for "Xã Nghĩa Thọ". FoldingSuggester compares
search keys (domain/vntext.fold) and also matches a name after its leading unit word ("Xã",
"Phường", "Tỉnh"…), so "nghia" finds "Xã Nghĩa Thọ". The suggestion keeps what was typed and
adds the rest of the name; accepting it (→) puts the name as written in the box.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester

from ..domain.vntext import fold
from .safe_input import SafeInput

# Leading words a name may be typed without.
UNIT_WORDS = ("xa", "phuong", "dac khu", "thi tran", "tinh", "thanh pho")


def _keys(name: str) -> list[str]:
    key = fold(name)
    keys = [key]
    for word in UNIT_WORDS:
        if key.startswith(word + " "):
            keys.append(key[len(word) + 1:])
    return keys


def _tail(name: str, folded_prefix: str) -> str | None:
    """What follows, in name as written, the part that folds to folded_prefix (the name's
    own start or the start after its unit word)."""
    for start in range(len(name)):
        if start and name[start - 1] != " ":
            continue
        for end in range(start, len(name) + 1):
            folded = fold(name[start:end])
            if folded == folded_prefix and not name[start:end].endswith(" "):
                return name[end:]
            if len(folded) > len(folded_prefix):
                break
    return None


class FoldingSuggester(Suggester):
    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=True)  # folded here, not casefolded
        self.names = list(names)
        self._index = [(key, name) for name in self.names for key in _keys(name)]

    def match(self, value: str) -> str | None:
        """The first name (in list order) whose key starts with what was typed."""
        wanted = fold(value)
        if not wanted:
            return None
        for key, name in self._index:
            if key.startswith(wanted):
                return name
        return None

    async def get_suggestion(self, value: str) -> str | None:
        name = self.match(value)
        if name is None:
            return None
        tail = _tail(name, fold(value))
        if not tail:
            return None
        return value + tail


class SuggestInput(SafeInput):
    """A SafeInput whose accepted folding suggestion becomes the name as written."""

    def action_cursor_right(self, select: bool = False) -> None:
        accepting = not select and self.cursor_at_end and bool(self._suggestion)
        super().action_cursor_right(select)
        if accepting and isinstance(self.suggester, FoldingSuggester):
            name = self.suggester.match(self.value)
            if name is not None and fold(self.value) in _keys(name):
                self.value = name
                self.cursor_position = len(name)
