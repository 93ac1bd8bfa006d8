"""Incident log (plan task 4.5.đ): the lists, the lifecycle rules, downtime, the text to paste.

Pure: no I/O, no Textual, no SQLite. Times are aware datetimes (UTC in, local out).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import cast

from pydantic import BaseModel, ConfigDict, Field

from ..config import TZ
from ..i18n import get_lang, t, tn
from .provenance import Origin, origin_problem
from .vntext import fold

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


# --- the lists (seeds/incidents.toml) ----------------------------------------------------------


class Choice(Origin):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str = Field(min_length=1)
    name: str = Field(min_length=1)
    name_en: str = ""
    keywords: tuple[str, ...] = ()
    security: bool = False

    def label(self) -> str:
        return self.name_en if get_lang() == "en" and self.name_en else self.name


class SecurityChecklist(Origin):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    title_en: str = ""
    steps: tuple[str, ...]
    steps_en: tuple[str, ...] = ()

    def localized(self) -> tuple[str, tuple[str, ...]]:
        if get_lang() == "en" and self.steps_en:
            return self.title_en or self.title, self.steps_en
        return self.title, self.steps


class IncidentCatalog(BaseModel):
    """Categories, severities and channels the officer picks from, plus the security steps."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format: int = 1
    categories: tuple[Choice, ...]
    severities: tuple[Choice, ...]
    channels: tuple[Choice, ...]
    security_checklist: SecurityChecklist

    def origin_problems(self) -> list[str]:
        """Seeded entries that do not say where they come from (see domain/provenance.py)."""
        out = []
        for kind, entries in (("categories", self.categories), ("severities", self.severities),
                              ("channels", self.channels), ("security_checklist", (self.security_checklist,))):
            for entry in entries:
                problem = origin_problem(entry)
                if problem:
                    out.append(f"{kind} {getattr(entry, 'code', '')}: {problem}".replace("  ", " "))
        return out

    def category(self, code: str) -> Choice | None:
        return next((c for c in self.categories if c.code == code), None)

    def severity(self, code: str) -> Choice | None:
        return next((c for c in self.severities if c.code == code), None)

    def channel(self, code: str) -> Choice | None:
        return next((c for c in self.channels if c.code == code), None)

    def is_security(self, category_code: str) -> bool:
        found = self.category(category_code)
        return bool(found and found.security)

    def guess_category(self, text: str) -> str | None:
        """The category whose keywords occur in text (a failed checklist item's name)."""
        folded = f" {fold(text)} "
        best: tuple[int, str] | None = None
        for category in self.categories:
            for keyword in category.keywords:
                if f" {keyword} " in folded or (" " in keyword and keyword in folded):
                    score = len(keyword)
                    if best is None or score > best[0]:
                        best = (score, category.code)
        return best[1] if best else None


def resolve_choice(text: str, options: Sequence[tuple[str, Sequence[str]]]) -> str | None:
    """The code of the option `text` names, with or without diacritics.

    options: (code, names). Exact code or folded name first; else the one option whose folded
    names contain every typed word. None when nothing or more than one option fits.
    """
    wanted = fold(text)
    if not wanted:
        return None
    for code, names in options:
        if wanted == fold(code) or any(wanted == fold(n) for n in names):
            return code
    words = _WORDS.findall(wanted)
    hits = [code for code, names in options
            if any(_starts_words(words, n) for n in (code.replace("_", " "), *names))]
    return hits[0] if len(hits) == 1 else None


_WORDS = re.compile(r"\w+")


def _starts_words(words: list[str], name: str) -> bool:
    """Every typed word begins some word of name ("may in" fits "máy in", not "máy tính")."""
    name_words = _WORDS.findall(fold(name))
    return bool(words) and all(any(nw.startswith(w) for nw in name_words) for w in words)


def choice_options(choices: Iterable[Choice]) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.code, (c.name, c.name_en)) for c in choices]


def status_options() -> list[tuple[str, tuple[str, ...]]]:
    from ..i18n import MESSAGES

    # a status name has no plural forms: its pair is two plain strings
    return [(s, cast(tuple[str, str], MESSAGES["incident.status." + s])) for s in STATUSES]


# --- times typed by a person --------------------------------------------------------------------


def parse_local_datetime(text: str, default_day: dt.date) -> dt.datetime:
    """"dd/mm/yyyy HH:MM", "HH:MM" (on default_day) or "dd/mm/yyyy" (00:00), local time → UTC.

    ValueError for anything else.
    """
    from ..config import parse_user_date

    raw = " ".join(text.strip().split())
    if not raw:
        raise ValueError(text)
    parts = raw.split(" ")
    if len(parts) > 2:
        raise ValueError(text)
    day, clock = default_day, "00:00"
    for part in parts:
        if ":" in part or "h" in part.lower():
            clock = part.lower().replace("h", ":")
        else:
            day = parse_user_date(part)
    hour_text, _, minute_text = clock.partition(":")
    hour, minute = int(hour_text), int(minute_text or 0)
    local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)
    return local.astimezone(dt.UTC)


# --- the text to paste into Zalo or an e-mail ------------------------------------------------------


class PasteFacts(BaseModel):
    """What the summary needs, already resolved to display names and local strings."""

    model_config = ConfigDict(frozen=True)
    number: int
    title: str
    opened: str
    place: str
    category: str
    severity: str
    systems: str
    description: str
    interrupted: bool
    dossiers_delayed: int
    status: str
    status_since: str
    downtime: str
    reported_via: str
    reported_to: str
    checklist_item: str
    resolution: str
    contact: str


def paste_text(f: PasteFacts) -> str:
    """Plain text, one fact per line, no markup: fine in Zalo, SMS or e-mail."""
    lines = [t("incident.paste.head", number=f.number, title=f.title), t("incident.paste.time", value=f.opened)]
    if f.place:
        lines.append(t("incident.paste.place", value=f.place))
    lines.append(t("incident.paste.category", category=f.category, severity=f.severity))
    if f.systems:
        lines.append(t("incident.paste.systems", value=f.systems))
    if f.checklist_item:
        lines.append(t("incident.paste.item", value=f.checklist_item))
    if f.description:
        lines.append(t("incident.paste.description", value=f.description))
    impact = t("incident.paste.interrupted") if f.interrupted else t("incident.paste.not_interrupted")
    if f.dossiers_delayed:
        impact += tn("incident.paste.dossiers", f.dossiers_delayed)
    lines.append(t("incident.paste.impact", value=impact))
    lines.append(t("incident.paste.status", status=f.status, since=f.status_since))
    lines.append(t("incident.paste.downtime", value=f.downtime))
    if f.resolution:
        lines.append(t("incident.paste.resolution", value=f.resolution))
    if f.reported_via or f.reported_to:
        lines.append(t("incident.paste.reported", value=" – ".join(x for x in (f.reported_via, f.reported_to) if x)))
    if f.contact:
        lines.append(t("incident.paste.contact", value=f.contact))
    return "\n".join(lines)
