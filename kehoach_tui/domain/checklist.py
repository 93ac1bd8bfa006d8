"""The morning check (plan task 3.4.c): items, a day's marks, lateness and compliance.

Pure logic and the records the store hands out (frozen dataclasses: reading a day's check,
as Tổng quan and `checklist mark` do, needs no pydantic); no I/O. The seed file and its
validation: checklist_seed.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..errors import KehoachError
from ..i18n import t
from .vntext import clean_line

STATES = ("ok", "fail", "na", "unchecked")
ANSWERED = ("ok", "fail", "na")
SOURCES = ("manual", "probe")
PROBE_NAMES = ("internet", "disk", "printers", "clock", "database", "backup")
DEFAULT_LATE_AFTER = "08:00"
CODE_RE = re.compile(r"^[A-Z0-9_]{1,24}$")


class ChecklistError(KehoachError, ValueError):
    """A one-line reason why a checklist change cannot be made."""


# --- what the store hands out ----------------------------------------------------------------

@dataclass(frozen=True)
class ChecklistItem:
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


@dataclass(frozen=True)
class Mark:
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


@dataclass(frozen=True)
class DayCheck:
    check_date: dt.date
    exists: bool              # False: nobody has started this day's check yet
    officer: str = ""
    started_at: str | None = None
    finished_at: str | None = None
    late: bool = False
    late_after: str = DEFAULT_LATE_AFTER
    probed_at: str | None = None
    probes: list[dict] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

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
