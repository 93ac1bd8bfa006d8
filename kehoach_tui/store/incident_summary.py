"""Tổng quan's incident card and "was any incident ever logged": plain reads that need
neither the incident lists nor pydantic (the first screen shows the card)."""

from __future__ import annotations

from ..domain.incident_states import CLOSED, RESOLVED
from ..domain.vntext import clean_line
from ..i18n import t, tn
from .db import Store
from .rows import query


def any_incident(store: Store) -> bool:
    """Whether an incident was ever logged (a list that is empty says so differently)."""
    return store.conn.execute("SELECT 1 FROM incidents WHERE deleted = 0 LIMIT 1").fetchone() is not None


def open_summary(store: Store) -> str | None:
    """The Tổng quan card: None until the first incident is logged."""
    rows = query(store, "SELECT status, severity, number, title FROM incidents WHERE deleted = 0 "
                           "AND status != ? ORDER BY opened_at DESC", (CLOSED,))
    if not rows:
        return t("incident.overview.none_open") if any_incident(store) else None
    lines = [tn("incident.overview.open", len(rows))]
    high = sum(1 for r in rows if r["severity"] == "high")
    if high:
        lines.append(t("incident.overview.high", n=high))
    down = sum(1 for r in rows if r["status"] != RESOLVED)
    if down:
        lines.append(t("incident.overview.down", n=down))
    lines.append(t("incident.overview.latest", number=rows[0]["number"], title=clean_line(rows[0]["title"])))
    return "\n".join(lines)
