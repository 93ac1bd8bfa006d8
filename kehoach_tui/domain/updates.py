"""Checking a task update before it is stored: status, progress 0–100, note, evidence.

Rules
  * Status: one of the five keys, typed in Vietnamese (with or without diacritics) or English.
  * Progress: a whole number 0–100 ("60" or "60%"); omitted keeps the current value, except
    that "Hoàn thành" without a progress sets 100 and a first progress above 0 on a task not
    yet started (status left as "Chưa bắt đầu") moves it to "Đang thực hiện".
  * "Hoàn thành" with a progress below 100 is only kept when confirmed (NeedsConfirmation
    otherwise, so the screen or CLI can ask).
  * Evidence is a document reference and/or a file path, kept as text. A date written in it
    ("Số 123/KH-UBND ngày 05/8/2025", "ngày 5 tháng 8 năm 2025") must be a real day and not
    after today.
  * A task with sub-items takes status and progress from them (domain/progress.py): only a
    note and evidence can be recorded on it.
  * An update that changes nothing and says nothing is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..i18n import t
from .models import STATUSES
from .statuses import parse_status
from .vntext import clean_line, clean_text, fold


class UpdateError(ValueError):
    """A one-line reason the update cannot be stored (shown as is)."""


class NeedsConfirmation(UpdateError):
    """"Hoàn thành" below 100%: store only when the person confirms."""


@dataclass(frozen=True)
class CheckedUpdate:
    status: str
    progress: int
    note: str
    evidence: str


# As text: compiled by `re` when first used (reading tasks never looks at evidence dates).
_NUMERIC = r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)"
_WORDED = r"\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\b"


def evidence_dates(text: str) -> list[tuple[str, dt.date | None]]:
    """Dates written in an evidence reference, each with its text (None: not a real day)."""
    found = []
    folded = fold(text)
    for pattern, source in ((_NUMERIC, text), (_WORDED, folded)):
        for m in re.finditer(pattern, source):
            day, month, year = (int(g) for g in m.groups())
            try:
                found.append((m.group(0), dt.date(year, month, day)))
            except ValueError:
                found.append((m.group(0), None))
    return found


def parse_progress(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().rstrip("%").strip()
    try:
        number = int(text)
    except ValueError:
        raise UpdateError(t("task.bad_progress", value=str(value).strip())) from None
    if not 0 <= number <= 100:
        raise UpdateError(t("task.bad_progress", value=str(value).strip()))
    return number


def check_update(
    *, current_status: str, current_progress: int, status: str | None, progress: object,
    note: str, evidence: str, today: dt.date, has_children: bool = False, confirmed: bool = False,
) -> CheckedUpdate:
    """Validate an update against the task's current state; raise UpdateError with the reason."""
    key = None
    if status is not None and str(status).strip():
        key = parse_status(str(status))
        if key is None:
            choices = ", ".join(t("status." + s) for s in STATUSES)
            raise UpdateError(t("task.bad_status", value=clean_line(str(status)), choices=choices))
    number = parse_progress(progress)
    note = clean_text(note or "")
    evidence = clean_line(evidence or "")
    for written, day in evidence_dates(evidence):
        if day is None:
            raise UpdateError(t("task.evidence_bad_date", date=written))
        if day > today:
            raise UpdateError(t("task.evidence_future", date=day.strftime("%d/%m/%Y")))
    if has_children and ((key and key != current_status) or number is not None):
        raise UpdateError(t("task.parent_derived"))
    new_status = key or current_status
    if number is None:
        number = 100 if key == "done" and current_status != "done" else current_progress
    elif key in (None, "not_started") and current_status == "not_started" and number > 0:
        new_status = "in_progress"
    if new_status == "done" and number < 100 and not confirmed:
        raise NeedsConfirmation(t("task.done_below_100", progress=number))
    if has_children:
        new_status, number = current_status, current_progress
    if (new_status, number) == (current_status, current_progress) and not note and not evidence:
        raise UpdateError(t("task.nothing_to_record"))
    return CheckedUpdate(new_status, number, note, evidence)
