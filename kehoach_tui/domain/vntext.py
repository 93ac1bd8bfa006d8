"""Vietnamese text: the one cleaning function, search folding, and sort order."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 control characters except \t and \n, plus DEL. ESC (0x1b) is among them, so no
# escape sequence (OSC 52 clipboard, window title, CSI) survives cleaning.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi controls and zero-width characters that can reorder or hide text on a terminal.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[^\S\n\t]+")  # whitespace other than newline and tab


def clean_text(value: str) -> str:
    """Clean any text from keyboard, paste, CLI or file before it is stored.

    NFC; \\r\\n and \\r become \\n; control characters (except \\n, \\t) and bidi/zero-width
    marks removed; runs of spaces collapsed; each line stripped; leading/trailing blank
    lines dropped.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)  # after removals, which can join base + mark
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return "\n".join(lines).strip("\n ")


def clean_line(value: str) -> str:
    """clean_text for one-line fields: newlines and tabs become single spaces."""
    return " ".join(clean_text(value).split())


_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(value: str) -> str:
    """Search key: NFD, drop combining marks, đ→d, casefold, collapse spaces.

    "Số hóa" and "so hoa" fold alike; "Hoà" and "Hòa" fold alike.
    """
    text = unicodedata.normalize("NFD", value.translate(_D_MAP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().translate(_D_MAP).split())


def matches(query: str, *texts: str) -> bool:
    """True when every word of the folded query occurs in the folded texts."""
    words = fold(query).split()
    haystack = " ".join(fold(t) for t in texts if t)
    return all(w in haystack for w in words)


def sort_key(value: str) -> tuple:
    """Vietnamese collation key (placeholder: folded text, then the text)."""
    return (fold(value), value)
