"""Numbers as the reader writes them: Vietnamese 1.139 and 85,5; English 1,139 and 85.5.

The one formatter of every number shown or written (screens, CLI, reports, file sizes), so a
value never reads "85.5" in a Vietnamese sentence.
"""

from __future__ import annotations

from ..i18n import get_lang


def fmt_number(value: float | int | None, decimals: int | None = None, *, lang: str | None = None,
               empty: str = "") -> str:
    """value with thousands grouped and the decimal mark of lang (the UI language unless
    given). decimals: that many places ("1,5" for a size in MiB); None: as many as needed,
    at most two, trailing zeros dropped (85.50 → "85,5", 100.0 → "100")."""
    if value is None:
        return empty
    if decimals is None:
        if float(value).is_integer():
            text = f"{int(value):,}"
        else:  # two places, or as many as a small value needs (a 0.001 MB test limit)
            places = 2 if abs(value) >= 0.01 else 6
            text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if (lang or get_lang()) == "en":
        return text
    # swap the marks: 1,139.5 → 1.139,5
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_size(size_bytes: int, unit: str = "KiB") -> str:
    """A file size in KiB or MiB with one decimal: "12,3" (the unit is the caller's text)."""
    divisor = {"KiB": 1024, "MiB": 1024 * 1024, "GiB": 1024 ** 3}[unit]
    return fmt_number(size_bytes / divisor, 1)
