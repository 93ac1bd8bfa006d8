"""Incident lifecycle (plan task 4.5.đ): the statuses, the moves allowed between them,
downtime. Pure and light (no pydantic): Tổng quan's incident card and the incident list read
these; domain/incidents.py holds the lists an officer picks from and re-exports all of this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..i18n import t

# --- lifecycle ----------------------------------------------------------------------------------

NEW, REPORTED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED = (
    "new", "reported", "in_progress", "resolved", "closed", "reopened",
)
STATUSES = (NEW, REPORTED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED)
# Service is down (the clock of downtime runs) in these states; "resolved" means restored.
DOWN_STATUSES = frozenset({NEW, REPORTED, IN_PROGRESS, REOPENED})
# "Open" = not closed: a resolved incident still waits for someone to confirm and close it.
OPEN_STATUSES = tuple(s for s in STATUSES if s != CLOSED)

# Forward moves may skip steps (an officer who fixes a jammed printer goes straight to
# "resolved"); going back is only through "reopened", so the history stays readable.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    NEW: (REPORTED, IN_PROGRESS, RESOLVED, CLOSED),
    REPORTED: (IN_PROGRESS, RESOLVED, CLOSED),
    IN_PROGRESS: (RESOLVED, CLOSED),
    RESOLVED: (CLOSED, REOPENED),
    CLOSED: (REOPENED,),
    REOPENED: (REPORTED, IN_PROGRESS, RESOLVED, CLOSED),
}


class IncidentRuleError(ValueError):
    """A move the lifecycle does not allow; str() is the one-line reason."""


def status_name(status: str) -> str:
    return t("incident.status." + status)


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def check_transition(current: str, target: str, *, note: str, resolution: str) -> None:
    """Raise IncidentRuleError unless current → target is allowed with this note.

    Closing needs a resolution: the note given now, or one recorded when it was resolved.
    """
    if target not in STATUSES:
        raise IncidentRuleError(t("incident.err.bad_status", value=target))
    if target == current:
        raise IncidentRuleError(t("incident.err.same_status", status=status_name(current)))
    if target not in allowed_next(current):
        raise IncidentRuleError(t(
            "incident.err.transition", current=status_name(current), target=status_name(target),
            allowed=", ".join(status_name(s) for s in allowed_next(current)),
        ))
    if target == CLOSED and not (note.strip() or resolution.strip()):
        raise IncidentRuleError(t("incident.err.close_needs_note"))


def downtime(opened_at: dt.datetime, moves: Iterable[tuple[dt.datetime, str]], now: dt.datetime) -> dt.timedelta:
    """Total time the service was down: from opening until resolved/closed, plus every
    reopened stretch; up to `now` while still down. `moves` are (time, new status)."""
    total = dt.timedelta()
    down_since: dt.datetime | None = opened_at
    for at, status in sorted(moves, key=lambda m: m[0]):
        if status in DOWN_STATUSES:
            if down_since is None:
                down_since = at
        elif down_since is not None:
            total += max(at - down_since, dt.timedelta())
            down_since = None
    if down_since is not None:
        total += max(now - down_since, dt.timedelta())
    return total


def fmt_duration(delta: dt.timedelta) -> str:
    """"2 ngày 3 giờ 15 phút" / "2 d 3 h 15 min"; minutes rounded down; "0 phút" at least."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(t("incident.dur.days", n=days))
    if hours:
        parts.append(t("incident.dur.hours", n=hours))
    if mins or not parts:
        parts.append(t("incident.dur.minutes", n=mins))
    return " ".join(parts)
