"""What the incident store takes in (a draft) and hands out (views, filters). Pure.

Views and filters are dataclasses: listing incidents needs no pydantic. The draft, what a
person typed, is checked by pydantic (domain/incident_draft.py); `IncidentDraft` is still
importable from here, loaded on first use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import TZ
from ..i18n import t
from .incidents import (
    CLOSED,
    OPEN_STATUSES,
    IncidentCatalog,
    IncidentRuleError,
    choice_options,
    parse_local_datetime,
    resolve_choice,
)
from .vntext import clean_line, clean_text, fold

if TYPE_CHECKING:
    from .incident_draft import IncidentDraft


def __getattr__(name: str):
    if name == "IncidentDraft":
        from .incident_draft import IncidentDraft

        return IncidentDraft
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _names(choices) -> str:
    return "; ".join(c.name for c in choices)


def normalize_draft(draft: IncidentDraft, catalog: IncidentCatalog, now: dt.datetime,
                    latest: dt.datetime | None = None) -> dict:
    """Clean every text, resolve names to codes, check times and numbers. `latest`: the
    latest opening time accepted (default: now, with a minute of slack).

    Returns the incident columns (without number, status, search_key); raises
    IncidentRuleError with a one-line reason.
    """
    title = clean_line(draft.title)
    if not title:
        raise IncidentRuleError(t("incident.err.no_title"))
    category = resolve_choice(draft.category, choice_options(catalog.categories))
    if category is None:
        raise IncidentRuleError(t("incident.err.bad_category", value=clean_line(draft.category), choices=_names(catalog.categories)))
    severity = resolve_choice(draft.severity or "medium", choice_options(catalog.severities))
    if severity is None:
        raise IncidentRuleError(t("incident.err.bad_severity", value=clean_line(draft.severity), choices=_names(catalog.severities)))
    via = ""
    if clean_line(draft.reported_via):
        via = resolve_choice(draft.reported_via, choice_options(catalog.channels))
        if via is None:
            raise IncidentRuleError(t("incident.err.bad_channel", value=clean_line(draft.reported_via), choices=_names(catalog.channels)))
    opened = _opened_at(draft.opened_at, now, latest)
    dossiers = _count(draft.dossiers_delayed)
    found = catalog.category(category)
    return {
        "title": title,
        "category": category,
        "category_name": found.name if found else category,
        "severity": severity,
        "opened_at": opened.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "reporter": clean_line(draft.reporter),
        "location": clean_line(draft.location),
        "systems": clean_line(draft.systems),
        "description": clean_text(draft.description),
        "service_interrupted": 1 if draft.service_interrupted else 0,
        "dossiers_delayed": dossiers,
        "reported_via": via,
        "reported_to": clean_line(draft.reported_to),
        "contact": clean_line(draft.contact),
        "checklist_item": clean_line(draft.checklist_item),
    }


def _opened_at(value: str | dt.datetime | None, now: dt.datetime, latest: dt.datetime | None = None) -> dt.datetime:
    if value is None or (isinstance(value, str) and not value.strip()):
        return now
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=TZ)
    else:
        try:
            moment = parse_local_datetime(clean_line(value), now.astimezone(TZ).date())
        except ValueError:
            raise IncidentRuleError(t("incident.err.bad_time", value=clean_line(value))) from None
    # a minute of slack: the form shows "now" rounded to the minute
    if moment > (latest or now + dt.timedelta(minutes=1)):
        raise IncidentRuleError(t("incident.err.future"))
    return moment


def _count(value: int | str) -> int:
    text = clean_line(str(value)) or "0"
    if not text.isdigit():
        raise IncidentRuleError(t("incident.err.bad_dossiers", value=text))
    return int(text)


def parse_event_time(value: str | dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    """An event time as typed ("dd/mm/yyyy HH:MM", "HH:MM" today) or given; None for now."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=TZ)
    try:
        return parse_local_datetime(clean_line(value), now.astimezone(TZ).date())
    except ValueError:
        raise IncidentRuleError(t("incident.err.bad_time", value=clean_line(value))) from None


def check_event_time(moment: dt.datetime, previous: dt.datetime, latest: dt.datetime) -> dt.datetime:
    """An event's time: not in the future, not before the incident's previous event. Times
    are typed to the minute: one in the previous event's own minute is taken as just after
    it. Returns the time to store."""
    from ..config import fmt_datetime

    if moment > latest:
        raise IncidentRuleError(t("incident.err.event_future", at=fmt_datetime(moment)))
    if moment < previous.replace(second=0, microsecond=0):
        raise IncidentRuleError(t("incident.err.before_previous", at=fmt_datetime(moment),
                                  previous=fmt_datetime(previous)))
    return max(moment, previous)


def search_key(row: dict) -> str:
    parts = (
        str(row.get("number", "")), row.get("title", ""), row.get("category_name", ""),
        row.get("systems", ""), row.get("description", ""), row.get("location", ""),
        row.get("reporter", ""), row.get("reported_to", ""), row.get("checklist_item", ""),
        row.get("resolution", ""),
    )
    return fold(" ".join(p for p in parts if p))


@dataclass(frozen=True)
class IncidentView:
    id: str
    number: int
    opened_at: dt.datetime
    reporter: str
    category: str
    category_name: str
    severity: str
    title: str
    location: str
    systems: str
    description: str
    service_interrupted: bool
    dossiers_delayed: int
    reported_via: str
    reported_to: str
    contact: str
    checklist_item: str
    status: str
    status_at: dt.datetime
    resolution: str
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    updated_at: str
    updated_by: str
    version: int

    @property
    def is_open(self) -> bool:
        return self.status != CLOSED


@dataclass(frozen=True)
class IncidentEvent:
    id: str
    incident_id: str
    at: dt.datetime
    officer: str
    from_status: str
    to_status: str
    note: str


@dataclass
class IncidentFilter:
    """status: None (all), "open" (not closed) or one status code. since/until: local days."""

    status: str | None = None
    category: str | None = None
    severity: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    search: str = ""
    limit: int | None = None
    offset: int = 0

    def open_statuses(self) -> tuple[str, ...] | None:
        if self.status == "open":
            return OPEN_STATUSES
        return (self.status,) if self.status else None


PERIODS = ("all", "today", "7d", "30d", "month", "last_month", "year")


def period_bounds(period: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(first day, last day) of a named period, local dates; (None, None) for "all"."""
    if period == "today":
        return today, today
    if period == "7d":
        return today - dt.timedelta(days=6), today
    if period == "30d":
        return today - dt.timedelta(days=29), today
    if period == "month":
        return today.replace(day=1), today
    if period == "last_month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if period == "year":
        return today.replace(month=1, day=1), today
    return None, None
