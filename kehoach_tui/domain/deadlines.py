"""Deadline phrases of the plan documents → a kind and, where there is one, a due date.

Pure: no I/O. `parse_deadline` never raises; text it cannot read is kept as UNPARSED with a
``note`` saying why, never dropped. Matching is done on folded text (diacritics, đ/Đ and case
ignored; NFC and NFD input alike).

Kinds
  DATE       a fixed due date (``due`` set).
  RECURRING  "Nhiệm vụ thường xuyên", "Thực hiện thường xuyên", "hằng tháng", "định kỳ",
             "khi có yêu cầu": no due date, regular progress notes expected.
  TRIGGER    waits for an event whose date the officer records: "Ngay khi Trung ương ban
             hành", "Sau khi Tòa án nhân dân tối cao triển khai", "Theo Kế hoạch của Trung
             ương", "kể từ ngày …". ``event`` holds the event text; `due_from_trigger` gives
             the due date once the event date is known.
  ONGOING    "Năm 2025 và các năm tiếp theo" (no end: ``due`` None) or a span of years
             "2025 - 2030", "Giai đoạn 2025-2030" (``due`` = 31/12 of the last year).
  DONE       "Đã hoàn thành": a status, not a deadline (``due`` None).
  NONE       empty text (or punctuation only).
  UNPARSED   anything else, with the reason in ``note``.

Rules
  * "31/12/2025", "ngày 31/12/2025", "Trước ngày 15/7/2025", "15-7-2025", "ngày 15 tháng 7
    năm 2025" → that day. "Trước (ngày) X" is due on X itself, no off-by-one.
  * "Hoàn thành trong tháng 6/2025", "Tháng 12 năm 2025", "6/2025" → last day of the month.
  * "Quý III/2025", "quý 3 năm 2025" (I–IV or 1–4) → last day of the quarter.
  * "6 tháng đầu năm 2025" → 30/06; "6 tháng cuối năm 2025" → 31/12.
  * A year alone: "Năm 2025", "Trong năm 2025", "Đến năm 2026", "cuối năm 2025" → 31/12.
    ("đầu năm 2026" has no clear day: UNPARSED.)
  * Without a year ("15/7", "tháng 7", "quý III") ``default_year`` is used; without one the
    phrase is UNPARSED. Two-digit years are not read ("15/7/25" is UNPARSED).
  * Several dates ("giai đoạn 1 hoàn thành 30/9/2025; giai đoạn 2 hoàn thành 31/12/2025",
    "từ ngày 01/7/2025 đến ngày 31/12/2025"): the latest is ``due``, earlier ones go in
    ``note``. A date right after "từ (ngày/năm)" is a start, never a due date.
  * A date plus a recurring word ("Triển khai thực hiện ngay và thường xuyên. Đến năm 2026
    hoàn thành 100%.", "Tháng 9/2025 và thường xuyên", "Thường xuyên trong 6 tháng cuối năm
    2025") is DATE with ``recurring=True``: the date is what can be overdue; the recurring
    part only asks for progress notes. "Đã hoàn thành và thực hiện thường xuyên" is DONE with
    ``recurring=True``.
  * A date plus a trigger ("Ngay khi Trung ương ban hành, chậm nhất 31/12/2025") is DATE,
    the event kept in ``event``.
  * An impossible date or quarter (31/2/2025, quý V) makes the phrase UNPARSED.

`due_from_trigger`: "trong vòng 30 ngày kể từ khi …" → event date + 30 days (also tuần,
tháng, năm via relativedelta; "ngày làm việc" skips Saturdays and Sundays, not holidays).
Plain "Ngay khi …", "Sau khi …", "Theo Kế hoạch của …" → the event date itself: the
officer records the day the event happened (or the day the central plan sets), and the task
is due that day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple

from .vntext import clean_line, fold


class DeadlineKind(StrEnum):
    DATE = "date"
    RECURRING = "recurring"
    TRIGGER = "trigger"
    ONGOING = "ongoing"
    DONE = "done"
    NONE = "none"
    UNPARSED = "unparsed"


class Deadline(NamedTuple):
    text: str
    kind: DeadlineKind
    due: date | None
    note: str = ""
    recurring: bool = False
    event: str = ""


class _Unreadable(ValueError):
    """A date-like part that cannot be turned into a date; its message becomes the note."""


_DONE = re.compile(r"\bda hoan thanh\b")
_RECURRING = re.compile(
    r"\b(?:thuong xuyen|hang (?:ngay|tuan|thang|quy|nam)|dinh ky|khi co yeu cau|dot xuat)\b"
)
_OPEN_ENDED = re.compile(r"\b(?:cac|nhung) nam tiep theo\b")
_TRIGGER = re.compile(
    r"\b(?:(?:ngay |sau |ke tu )?khi (?!co yeu cau\b)|ke tu ngay (?!\d)"
    r"|theo (?=(?:ke hoach|huong dan|chi dao|lo trinh|yeu cau) cua ))"
)
_OFFSET = re.compile(r"(?<!\d)(\d{1,4}) (ngay lam viec|ngay|tuan|thang|nam)\b")
_START = re.compile(r"\btu(?: ngay| nam| thang)? ?$")
_YEAR_SPAN = re.compile(r"(?<![\d/.])(\d{4}) ?(?:-|–|—|den(?: nam)?) ?(\d{4})(?![\d/])")

_Y = r"(?: ?(?:/|-|nam) ?(?P<y>\d{4}))?(?![\d/])"  # optional year after a month or quarter
_YN = r"(?: (?P<y>\d{4}))?(?![\d/])"  # optional year right after "năm"
# Passes run in this order; each match is blanked before the next pass.
_PASSES: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(r"\bngay (?P<d>\d{1,2}) thang (?P<m>\d{1,2})(?: nam (?P<y>\d{4}))?(?!\d)")),
    (
        "day",
        re.compile(
            r"(?<![\d/.])(?P<d>\d{1,2}) ?(?P<s>[/.-]) ?(?P<m>\d{1,2}) ?(?P=s) ?(?P<y>\d{4})(?![\d/])"
        ),
    ),
    ("short_year", re.compile(r"(?<![\d/.])\d{1,2}([/.-])\d{1,2}\1\d{2}(?![\d/])")),
    ("half", re.compile(r"\b6 thang (?P<h>dau|cuoi) nam" + _YN)),
    ("quarter", re.compile(r"\bquy (?P<q>[ivx]+|\d{1,2})\b" + _Y)),
    ("month", re.compile(r"\bthang (?P<m>\d{1,2})" + _Y)),
    ("month", re.compile(r"(?<![\d/.])(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])")),
    ("day", re.compile(r"(?<![\d/.])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])")),
    ("year_end", re.compile(r"\bcuoi nam" + _YN)),
    ("vague", re.compile(r"\bdau nam" + _YN)),
    ("year_end", re.compile(r"(?<![\d/.])(?P<y>(?:19|20|21)\d{2})(?![\d/]|\.\d)")),
]
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_REFUSED = {"short_year": "năm hai chữ số không được đọc", "vague": "không rõ ngày nào"}


def _shadow(text: str) -> str:
    """Fold `text` one character at a time, so indexes into the result index `text` too."""
    out = []
    for ch in text:
        folded = " " if ch.isspace() else fold(ch)
        out.append(folded if len(folded) == 1 else "~")
    return "".join(out)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _resolve(kind: str, m: re.Match[str], original: str, default_year: int | None) -> date:
    if kind in _REFUSED:
        raise _Unreadable(f"“{original}”: {_REFUSED[kind]}")
    groups = m.groupdict()
    if groups.get("y"):
        year = int(groups["y"])
    elif default_year is not None:
        year = default_year
    else:
        raise _Unreadable(f"“{original}” thiếu năm (không có default_year)")
    try:
        if kind == "day":
            return date(year, int(groups["m"]), int(groups["d"]))
        if kind == "month":
            return _month_end(year, int(groups["m"]))
        if kind == "quarter":
            q = groups["q"]
            quarter = int(q) if q.isdigit() else _ROMAN.get(q, 0)
            if not 1 <= quarter <= 4:
                raise ValueError
            return _month_end(year, 3 * quarter)
        if kind == "half":
            return _month_end(year, 6 if groups["h"] == "dau" else 12)
        return date(year, 12, 31)  # year_end
    except (ValueError, OverflowError):
        raise _Unreadable(f"“{original}” không phải ngày hợp lệ") from None


def _trigger_event(folded: str, text: str) -> str | None:
    m = _TRIGGER.search(folded)
    if m is None:
        return None
    return re.split(r"[.;:,(…]", text[m.end() :], maxsplit=1)[0].strip() or "sự kiện"


def _trigger_offset(text: str) -> tuple[int, str] | None:
    m = _OFFSET.search(_shadow(clean_line(text)))
    return (int(m.group(1)), m.group(2)) if m else None


def parse_deadline(text: str, *, default_year: int | None = None) -> Deadline:
    """Read one deadline phrase; never raises (see the module docstring for the rules)."""
    return _parse_once(text if isinstance(text, str) else "", default_year)


@lru_cache(maxsize=4096)
def _parse_once(raw: str, default_year: int | None) -> Deadline:
    # The same phrases are read several times a screen (row, figures, recurring mark), and a
    # Deadline is frozen: read each once.
    try:
        return _parse(raw, default_year)
    except Exception as exc:  # a bug here must not lose the phrase
        return Deadline(raw, DeadlineKind.UNPARSED, None, note=f"lỗi khi đọc: {exc!r}")


def _parse(raw: str, default_year: int | None) -> Deadline:
    text = clean_line(raw)
    folded = _shadow(text)
    if not re.search(r"\w", folded):
        return Deadline(raw, DeadlineKind.NONE, None)
    recurring = bool(_RECURRING.search(folded))
    if _DONE.search(folded):
        return Deadline(raw, DeadlineKind.DONE, None, recurring=recurring)
    if _OPEN_ENDED.search(folded):
        return Deadline(raw, DeadlineKind.ONGOING, None, "không có hạn cuối", recurring)

    dues: list[date] = []
    starts: list[date] = []
    work, span = folded, False
    m = _YEAR_SPAN.search(work)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        if not 1 <= first <= last <= 9999:
            return Deadline(
                raw,
                DeadlineKind.UNPARSED,
                None,
                f"“{text[m.start() : m.end()]}” không phải khoảng năm hợp lệ",
            )
        dues.append(date(last, 12, 31))
        span = True
        work = work[: m.start()] + " " * (m.end() - m.start()) + work[m.end() :]
    try:
        for kind, pattern in _PASSES:
            for m in pattern.finditer(work):
                day = _resolve(kind, m, text[m.start() : m.end()], default_year)
                (starts if _START.search(work[: m.start()]) else dues).append(day)
            work = pattern.sub(lambda m: " " * (m.end() - m.start()), work)
    except _Unreadable as exc:
        return Deadline(raw, DeadlineKind.UNPARSED, None, str(exc), recurring)

    event = _trigger_event(folded, text)
    notes = []
    if starts:
        notes.append("từ " + ", ".join(_fmt(d) for d in sorted(starts)))
    if dues:
        due = max(dues)
        earlier = sorted(d for d in set(dues) if d != due)
        if earlier:
            notes.append("mốc trước: " + ", ".join(_fmt(d) for d in earlier))
        if recurring:
            notes.append("và thường xuyên")
        if event:
            notes.append(f"cũng chờ: {event}")
        kind = DeadlineKind.ONGOING if span else DeadlineKind.DATE
        return Deadline(raw, kind, due, "; ".join(notes), recurring, event or "")
    if event:
        return Deadline(raw, DeadlineKind.TRIGGER, None, "; ".join(notes), recurring, event)
    if recurring:
        return Deadline(raw, DeadlineKind.RECURRING, None, "; ".join(notes), True)
    if starts:
        return Deadline(raw, DeadlineKind.UNPARSED, None, "chỉ có ngày bắt đầu (" + notes[0] + ")")
    if _OFFSET.search(folded):
        return Deadline(
            raw, DeadlineKind.UNPARSED, None, "thời hạn tương đối, không rõ tính từ ngày nào"
        )
    return Deadline(raw, DeadlineKind.UNPARSED, None, "không nhận ra mốc thời gian")


def due_from_trigger(deadline: Deadline, trigger: date) -> date | None:
    """Due date of a TRIGGER deadline once its event happened on `trigger`.

    Other kinds keep their own ``due`` (None for RECURRING, DONE, …). None also when the
    offset runs past the calendar.
    """
    if deadline.kind != DeadlineKind.TRIGGER:
        return deadline.due
    offset = _trigger_offset(deadline.text)
    if offset is None:
        return trigger
    count, unit = offset
    try:
        if unit == "ngay lam viec":
            day = trigger
            while count > 0:
                day += timedelta(days=1)
                count -= day.weekday() < 5
            return day
        units = {"ngay": "days", "tuan": "weeks", "thang": "months", "nam": "years"}
        from dateutil.relativedelta import relativedelta  # only when a trigger date is set

        return trigger + relativedelta(**{units[unit]: count})
    except (ValueError, OverflowError):
        return None


_WORDS: dict[str, dict[Any, Any]] = {
    "vi": {
        DeadlineKind.RECURRING: "thường xuyên",
        DeadlineKind.ONGOING: "đang tiếp diễn",
        DeadlineKind.DONE: "đã hoàn thành",
        DeadlineKind.NONE: "không có hạn",
        DeadlineKind.UNPARSED: "chưa hiểu được",
        "wait": "chờ",
        "until": "đến",
        "also": ", thường xuyên",
        "units": {
            "ngay lam viec": "ngày làm việc",
            "ngay": "ngày",
            "tuan": "tuần",
            "thang": "tháng",
            "nam": "năm",
        },
    },
    "en": {
        DeadlineKind.RECURRING: "recurring",
        DeadlineKind.ONGOING: "ongoing",
        DeadlineKind.DONE: "done",
        DeadlineKind.NONE: "no deadline",
        DeadlineKind.UNPARSED: "not understood",
        "wait": "waiting for:",
        "until": "until",
        "also": ", recurring",
        "units": {
            "ngay lam viec": "working days",
            "ngay": "days",
            "tuan": "weeks",
            "thang": "months",
            "nam": "years",
        },
    },
}


def describe(deadline: Deadline, lang: str = "vi") -> str:
    """Short display text: "15/07/2025", "thường xuyên", "chờ Trung ương ban hành", …

    ``lang`` is "vi" or "en" (anything else falls back to "vi"); event text stays as written.
    """
    words = _WORDS.get(lang, _WORDS["vi"])
    also = words["also"] if deadline.recurring else ""
    if deadline.kind == DeadlineKind.DATE and deadline.due:
        return _fmt(deadline.due) + also
    if deadline.kind == DeadlineKind.TRIGGER:
        offset = _trigger_offset(deadline.text)
        extra = f" (+{offset[0]} {words['units'][offset[1]]})" if offset else ""
        return f"{words['wait']} {deadline.event or '?'}{extra}"
    if deadline.kind == DeadlineKind.ONGOING and deadline.due:
        return f"{words[DeadlineKind.ONGOING]} ({words['until']} {_fmt(deadline.due)})"
    if deadline.kind == DeadlineKind.DONE:
        return words[DeadlineKind.DONE] + also
    return words.get(deadline.kind, words[DeadlineKind.UNPARSED])
