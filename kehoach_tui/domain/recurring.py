"""Recurring tasks ("thường xuyên"): which report period we are in, and whether a task had
a progress note in it.

A recurring task expects a note every report period. The period is the shortest one among
the plan's report schedules (day < week < half-month < month); with no schedule it is the
ISO week (Monday to Sunday). A task is flagged when its last update falls before the start
of the current period (or it has never been updated) and it is still open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

from .statuses import is_finished

# Shortest first; "once" schedules have no period.
_ORDER = ("day", "week", "month15", "month")


def report_period(periods: Iterable[str]) -> str:
    """The period kind recurring tasks are held to: the shortest schedule, else "week"."""
    known = [p for p in periods if p in _ORDER]
    return min(known, key=_ORDER.index) if known else "week"


def period_bounds(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the period of `kind` that contains `today`."""
    if kind == "day":
        return today, today
    if kind == "month15":
        if today.day <= 15:
            return today.replace(day=1), today.replace(day=15)
        return today.replace(day=16), today + relativedelta(day=31)
    if kind == "month":
        return today.replace(day=1), today + relativedelta(day=31)
    start = today - dt.timedelta(days=today.weekday())
    return start, start + dt.timedelta(days=6)


def needs_note(last_update: dt.date | None, period_start: dt.date, status: str) -> bool:
    """True when an open recurring task has nothing recorded since the period began."""
    if is_finished(status):
        return False
    return last_update is None or last_update < period_start


def age_text(last_update: dt.date | None, today: dt.date, lang: str = "vi") -> str:
    """How long ago the last update was: "hôm nay", "3 ngày", "chưa có"."""
    if last_update is None:
        return "chưa có" if lang == "vi" else "never"
    days = (today - last_update).days
    if days <= 0:
        return "hôm nay" if lang == "vi" else "today"
    return f"{days} ngày" if lang == "vi" else f"{days} d"
