"""Incident log (plan task 4.5.đ): the lists, the lifecycle rules, downtime, the text to paste.

Pure: no I/O, no Textual, no SQLite. Times are aware datetimes (UTC in, local out).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from ..config import TZ
from ..i18n import get_lang, t, tn
from . import shape
from .incident_states import (  # noqa: F401  (part of this module's API)
    CLOSED,
    DOWN_STATUSES,
    IN_PROGRESS,
    NEW,
    OPEN_STATUSES,
    REOPENED,
    REPORTED,
    RESOLVED,
    STATUSES,
    TRANSITIONS,
    IncidentRuleError,
    allowed_next,
    check_transition,
    downtime,
    fmt_duration,
    status_name,
)
from .provenance import ORIGIN_READERS, Origin, origin_problem
from .vntext import fold

# --- the lists (seeds/incidents.toml) ----------------------------------------------------------


@dataclass(frozen=True)
class Choice(Origin):
    code: str  # not empty (catalog_from checks the file)
    name: str  # not empty
    name_en: str = ""
    keywords: tuple[str, ...] = ()
    security: bool = False

    def label(self) -> str:
        return self.name_en if get_lang() == "en" and self.name_en else self.name


@dataclass(frozen=True)
class SecurityChecklist(Origin):
    title: str
    steps: tuple[str, ...]
    title_en: str = ""
    steps_en: tuple[str, ...] = ()

    def localized(self) -> tuple[str, tuple[str, ...]]:
        if get_lang() == "en" and self.steps_en:
            return self.title_en or self.title, self.steps_en
        return self.title, self.steps


@dataclass(frozen=True)
class IncidentCatalog:
    """Categories, severities and channels the officer picks from, plus the security steps."""

    categories: tuple[Choice, ...]
    severities: tuple[Choice, ...]
    channels: tuple[Choice, ...]
    security_checklist: SecurityChecklist
    format: int = 1

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


CatalogError = shape.ShapeError  # the lists file does not have the shape IncidentCatalog needs


def catalog_from(data: dict) -> IncidentCatalog:
    """The lists from seeds/incidents.toml (parsed), checked as strictly as a schema would:
    no unknown key, every required one, the right types, no empty code or name. Plain
    Python, so reading incidents (`kehoach incidents`, the Sự cố screen) needs no pydantic."""
    values = shape.fields_of(data, IncidentCatalog, "catalog", {
        "categories": _choices, "severities": _choices, "channels": _choices,
        "security_checklist": _security, "format": shape.integer})
    return IncidentCatalog(**values)


def _choices(value: object, where: str) -> tuple[Choice, ...]:
    if not isinstance(value, list | tuple):
        raise CatalogError(f"{where}: cần một danh sách")
    return tuple(Choice(**shape.fields_of(item, Choice, f"{where}[{n}]", {
        "code": lambda v, w: shape.text(v, w, required=True), "name": lambda v, w: shape.text(v, w, required=True),
        "name_en": shape.text, "keywords": shape.texts, "security": shape.flag, **ORIGIN_READERS})) for n, item in enumerate(value))


def _security(value: object, where: str) -> SecurityChecklist:
    return SecurityChecklist(**shape.fields_of(value, SecurityChecklist, where, {
        "title": shape.text, "title_en": shape.text, "steps": shape.texts, "steps_en": shape.texts,
        **ORIGIN_READERS}))


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


@dataclass(frozen=True)
class PasteFacts:
    """What the summary needs, already resolved to display names and local strings."""

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
