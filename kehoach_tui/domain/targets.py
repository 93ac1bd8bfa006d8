"""Targets (chỉ tiêu): is the latest value on track, and a small trend line.

On-track rule, for a target with comparison ">=", "<=" or "=":
  * "met"      the latest value already satisfies the target;
  * "late"     not met and the target date has passed;
  * "on_track" not met, but the straight line through the first and the latest recorded
               month reaches the target by the target date (or there is no date);
  * "behind"   not met and that line does not reach it in time (one value only: behind);
  * "no_data"  nothing recorded yet, or no target figure.

A qualitative target (an objective without a figure) is followed by its status, note and
evidence instead (`qualitative_state`): done is "met"; not done by its date is "late";
assessed but not done is "on_track"; never assessed is "no_data".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta

_PERIOD = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})[/.-](\d{4}))\s*$")
BARS = "▁▂▃▄▅▆▇█"


def parse_period(text: str) -> str | None:
    """A month as "YYYY-MM" from "2025-10", "10/2025" or "10-2025"; None if not a month."""
    m = _PERIOD.match(text or "")
    if not m:
        return None
    year, month = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
    if not 1 <= month <= 12 or year < 1900:
        return None
    return f"{year:04d}-{month:02d}"


def period_end(period: str) -> dt.date:
    year, month = (int(p) for p in period.split("-"))
    return dt.date(year, month, 1) + relativedelta(day=31)


def fmt_period(period: str) -> str:
    """"2025-10" → "10/2025"."""
    year, month = period.split("-")
    return f"{month}/{year}"


def meets(value: float, comparison: str, target: float) -> bool:
    if comparison == "<=":
        return value <= target
    if comparison == "=":
        return abs(value - target) < 1e-9
    return value >= target


def target_state(
    comparison: str, target: float | None, target_date: dt.date | None,
    values: Sequence[tuple[str, float]], today: dt.date,
) -> str:
    """values: (period "YYYY-MM", value) in period order. See the module docstring."""
    if target is None or not values:
        return "no_data"
    first_period, first = values[0]
    last_period, last = values[-1]
    if meets(last, comparison, target):
        return "met"
    if target_date and target_date < today:
        return "late"
    if target_date is None:
        return "on_track"
    if len(values) < 2 or first_period == last_period:
        return "behind"
    start, end = period_end(first_period), period_end(last_period)
    slope = (last - first) / max((end - start).days, 1)
    projected = last + slope * (target_date - end).days
    return "on_track" if meets(projected, comparison, target) else "behind"


ASSESSMENTS = ("not_started", "in_progress", "done")


def qualitative_state(status: str | None, target_date: dt.date | None, today: dt.date) -> str:
    if status == "done":
        return "met"
    if target_date and target_date < today:
        return "late"
    return "on_track" if status else "no_data"


def sparkline(values: Sequence[float], width: int = 8) -> str:
    """The last `width` values as block characters, lowest ▁ to highest █."""
    tail = list(values)[-width:]
    if not tail:
        return ""
    low, high = min(tail), max(tail)
    if high == low:
        return BARS[len(BARS) // 2] * len(tail) if high else BARS[0] * len(tail)
    span = high - low
    return "".join(BARS[round((v - low) / span * (len(BARS) - 1))] for v in tail)
