"""The morning check (plan task 3.4.c): items, a day's marks, lateness and compliance.

Pure logic and the models the store hands out; no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import KehoachError
from ..i18n import t
from .provenance import Origin, origin_problem
from .vntext import clean_line

STATES = ("ok", "fail", "na", "unchecked")
ANSWERED = ("ok", "fail", "na")
SOURCES = ("manual", "probe")
PROBE_NAMES = ("internet", "disk", "printers", "clock", "database", "backup")
DEFAULT_LATE_AFTER = "08:00"
CODE_RE = re.compile(r"^[A-Z0-9_]{1,24}$")


class ChecklistError(KehoachError, ValueError):
    """A one-line reason why a checklist change cannot be made."""


# --- the seed file ---------------------------------------------------------------------------

class SeedItem(Origin):
    model_config = ConfigDict(extra="forbid")
    code: str
    title: str
    category: str = ""
    required: bool = True
    probe: str = ""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError("mã chỉ gồm A-Z, 0-9, _ (tối đa 24 ký tự)")
        return value

    @field_validator("probe")
    @classmethod
    def _probe(cls, value: str) -> str:
        if value and value not in PROBE_NAMES:
            raise ValueError(f"kiểm tra tự động không có: {value}")
        return value


class SeedSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    late_after: str = DEFAULT_LATE_AFTER
    internet_hosts: list[str] = Field(default_factory=list)
    backup_max_age_days: int = 7


class ChecklistSeed(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: int = 1
    settings: SeedSettings = Field(default_factory=SeedSettings)
    items: list[SeedItem]


def parse_seed(text: str, name: str = "checklist") -> ChecklistSeed:
    try:
        seed = ChecklistSeed.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError(f"{name}: {exc}") from exc
    except ValidationError as exc:
        from .validation_words import first_error

        raise ChecklistError(f"{name}: {first_error(exc)}") from exc
    codes = [item.code for item in seed.items]
    if len(codes) != len(set(codes)):
        raise ChecklistError(f"{name}: mã mục bị trùng")
    for item in seed.items:
        problem = origin_problem(item)
        if problem:
            raise ChecklistError(f"{name}: mục {item.code}: {problem}")
    return seed


# --- what the store hands out ----------------------------------------------------------------

class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ChecklistItem(_Out):
    id: str
    code: str
    title: str
    category: str
    required: bool
    probe: str
    position: int
    active: bool
    source_ref: str = ""   # "004 §3.4.c" when the plan names the item; else the commune's own
    assumed: str = ""


class Mark(_Out):
    item_code: str
    title: str
    category: str
    required: bool
    probe: str
    state: str = "unchecked"
    note: str = ""
    source: str = ""          # "manual", "probe", or "" when never marked
    evidence: str = ""
    marked_at: str | None = None
    marked_by: str = ""
    from_plan: bool = True    # False: the commune's own item (the plan's task 3.4.c does not name it)


class DayCheck(_Out):
    check_date: dt.date
    exists: bool              # False: nobody has started this day's check yet
    officer: str = ""
    started_at: str | None = None
    finished_at: str | None = None
    late: bool = False
    late_after: str = DEFAULT_LATE_AFTER
    probed_at: str | None = None
    probes: list[dict] = Field(default_factory=list)
    marks: list[Mark] = Field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for mark in self.marks if mark.state in ANSWERED)

    @property
    def failed(self) -> int:
        return sum(1 for mark in self.marks if mark.state == "fail")

    @property
    def unchecked(self) -> list[Mark]:
        return [mark for mark in self.marks if mark.state == "unchecked"]


# --- rules -----------------------------------------------------------------------------------

def probe_may_set(current_state: str, current_source: str) -> bool:
    """A probe fills an item only while no person has answered it that day."""
    return current_state == "unchecked" or current_source != "manual"


def probe_state(result_state: str) -> str | None:
    """The mark a probe result gives: ok/fail fill the item; warn and skip leave it to a person."""
    return {"ok": "ok", "fail": "fail"}.get(result_state)


def parse_hhmm(text: str) -> dt.time:
    match = re.fullmatch(r"\s*(\d{1,2})[:hH.](\d{2})\s*", text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ChecklistError(t("checklist.err_time", text=text))
    return dt.time(int(match[1]), int(match[2]))


def is_late(check_date: dt.date, finished_local: dt.datetime, late_after: str) -> bool:
    """Late when finished after late_after local time on the check's date (or any later day)."""
    deadline = dt.datetime.combine(check_date, parse_hhmm(late_after), tzinfo=finished_local.tzinfo)
    return finished_local > deadline


def clean_title(value: str) -> str:
    title = clean_line(value or "")
    if not title:
        raise ChecklistError(t("checklist.err_title_empty"))
    if len(title) > 200:
        raise ChecklistError(t("checklist.err_title_long"))
    return title


def code_from_title(title: str, taken: set[str]) -> str:
    """A short unused code for a new item: folded title initials, then a number."""
    from .vntext import fold

    words = [w for w in re.split(r"[^a-z0-9]+", fold(title)) if w]
    base = ("_".join(words)[:12].strip("_") or "MUC").upper()
    code, number = base, 2
    while code in taken:
        code = f"{base[:9]}_{number}"
        number += 1
    return code


def availability(ok: int, fail: int) -> float | None:
    """Share of answered days an item worked (N/A and unchecked days do not count)."""
    total = ok + fail
    return None if total == 0 else 100.0 * ok / total
