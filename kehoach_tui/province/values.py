"""Values read back from the province database, never trusted: import is strict, but the
file may hold rows an older version stored, or rows edited by hand. A value that cannot be
read is None to the figures and "?" on screen, and the view goes on."""

from __future__ import annotations

import datetime as dt

from ..config import TZ, parse_utc

UNKNOWN = "?"
DASH = "—"


LATEST_SECONDS = 4_102_444_800  # 2100-01-01: no stored moment is later


def moment(value: object) -> dt.datetime | None:
    """An aware datetime from stored ISO text or Unix seconds, or None."""
    if type(value) is int:
        return dt.datetime.fromtimestamp(value, dt.UTC) if 0 < value < LATEST_SECONDS else None
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        found = parse_utc(value)
        if found.tzinfo is None:
            return None
        found.astimezone(TZ)  # years near 1 or 9999 overflow here, not later
        return found
    except (ValueError, OverflowError):
        return None


def day(value: object) -> dt.date | None:
    """A calendar day from stored text (a date, or a moment read in local time), or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    if len(value) > 10:
        found = moment(value)
        return found.astimezone(TZ).date() if found else None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def integer(value: object) -> int | None:
    return value if type(value) is int else None


def text(value: object) -> str:
    """Stored text as text; anything else (a number, null, an object) as it prints."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def key(value: object) -> str | None:
    """A short code (status, state…) only when it is text."""
    return value if isinstance(value, str) and len(value) <= 200 else None


def show_moment(value: object, empty: str = DASH) -> str:
    if value is None or value == "":
        return empty
    found = moment(value)
    return found.astimezone(TZ).strftime("%d/%m/%Y %H:%M") if found else UNKNOWN


def show_day(value: object, empty: str = DASH) -> str:
    if value is None or value == "":
        return empty
    found = day(value)
    return found.strftime("%d/%m/%Y") if found else UNKNOWN
