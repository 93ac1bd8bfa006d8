"""Report periods and report schedules (pure date logic, no I/O).

A period is an inclusive date range with a kind: a day, an ISO week (Monday–Sunday), a
month, a quarter, a half-year or a year, or a custom range. Months, quarters, half-years and
years come as the calendar has them or with the cut-off of Nghị định 09/2019/NĐ-CP (art. 12):
from the 15th of the month before to the 14th of the last month — the monthly report of
November covers 15/10–14/11, the fourth quarter 15/09–14/12, the first half-year
15/12–14/06, the year 15/12 of the year before to 14/12 (the second half-year, not named by
the decree, runs 15/06–14/12 alike). A cut-off period is named by the month it ends in. A schedule says when a report is due, as an RFC 5545 rule (python-dateutil) plus an
optional local time of day; the report due on a date covers the period of the schedule's
kind that contains that date (a monthly report due on the 24th reports the month so far).

Periods, schedules and due items are frozen dataclasses (Tổng quan's "next report due" card
needs no pydantic); what they check on creation is in __post_init__.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from dateutil.relativedelta import relativedelta


class PeriodError(ValueError):
    """A period or schedule text that cannot be understood; str() is the one-line reason
    in the interface language (message key + values, rendered through the catalogue)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def __str__(self) -> str:
        from ..i18n import t

        values = {k: t(str(v)) if k == "hint" else v for k, v in self.values.items()}
        return t(self.key, **values)


class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    MONTH15 = "month15"  # 15th of the previous month to the 14th
    QUARTER = "quarter"
    QUARTER15 = "quarter15"
    HALF = "half"
    HALF15 = "half15"
    YEAR = "year"
    YEAR15 = "year15"
    CUSTOM = "custom"


# Months per period for the kinds made of whole (or cut-off) months.
MONTHS = {PeriodKind.MONTH: 1, PeriodKind.MONTH15: 1, PeriodKind.QUARTER: 3, PeriodKind.QUARTER15: 3,
          PeriodKind.HALF: 6, PeriodKind.HALF15: 6, PeriodKind.YEAR: 12, PeriodKind.YEAR15: 12}
CUT_OFF = {PeriodKind.MONTH: PeriodKind.MONTH15, PeriodKind.QUARTER: PeriodKind.QUARTER15,
           PeriodKind.HALF: PeriodKind.HALF15, PeriodKind.YEAR: PeriodKind.YEAR15}
ROMAN = ("I", "II", "III", "IV")


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: dt.date
    end: dt.date  # inclusive

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PeriodKind(self.kind))  # "month" is read as MONTH
        if self.end < self.start:
            raise ValueError("end before start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def code(self) -> str:
        """Short machine form: 2025-11-05, 2025-W45, 2025-11, 2025-11-15d, 2025-11-01..2025-11-20."""
        if self.kind == PeriodKind.DAY:
            return self.start.isoformat()
        if self.kind == PeriodKind.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == PeriodKind.MONTH15:
            return f"{self.end:%Y-%m}-15d"
        if self.kind in MONTHS:
            return _span_code(self.kind, self.end) + ("-15d" if self.kind in CUT_OFF.values() else "")
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def label(self, lang: str = "vi") -> str:
        """How the period is named in a report subject: "tháng 11 năm 2025", "tuần 45 …"."""
        vi = lang != "en"
        span = f"{_fmt(self.start)} - {_fmt(self.end)}"
        if self.kind == PeriodKind.DAY:
            return f"ngày {_fmt(self.start)}" if vi else f"day {_fmt(self.start)}"
        if self.kind == PeriodKind.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"tuần {week} năm {year} ({span})" if vi else f"week {week} of {year} ({span})"
        if self.kind == PeriodKind.MONTH:
            return f"tháng {self.start.month} năm {self.start.year}" if vi else f"{self.start:%m/%Y}"
        if self.kind == PeriodKind.MONTH15:
            if vi:
                return f"tháng {self.end.month} năm {self.end.year} (từ {_fmt(self.start)} đến {_fmt(self.end)})"
            return f"{self.end:%m/%Y} ({span})"
        if self.kind in MONTHS:
            name = _span_name(self.kind, self.end, vi)
            if self.kind in CUT_OFF.values():
                return f"{name} (từ {_fmt(self.start)} đến {_fmt(self.end)})" if vi else f"{name} ({span})"
            return name
        return f"từ ngày {_fmt(self.start)} đến ngày {_fmt(self.end)}" if vi else f"from {span}"

    def words(self) -> str:
        """The period for the officer, in the interface language, with its first and last
        day: "tuần từ 03/11/2025 đến 09/11/2025" (never an ISO week number)."""
        from ..i18n import t

        start, end = _fmt(self.start), _fmt(self.end)
        if self.kind == PeriodKind.DAY:
            return t("period.words.day", day=start)
        if self.kind == PeriodKind.MONTH:  # a calendar month needs no first and last day
            return t("period.words.month", month=f"{self.start:%m/%Y}")
        if self.kind == PeriodKind.MONTH15:
            return t("period.words.month15", month=f"{self.end:%m/%Y}", start=start, end=end)
        return t(f"period.words.{self.kind.value}", start=start, end=end)

    def following(self) -> Period:
        """The next period of the same kind (a custom range: the same length, just after)."""
        if self.kind == PeriodKind.CUSTOM:
            return custom_period(self.end + dt.timedelta(days=1), self.end + dt.timedelta(days=self.days))
        return period_of(self.kind, self.end + dt.timedelta(days=1))

    def preceding(self) -> Period:
        if self.kind == PeriodKind.CUSTOM:
            return custom_period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))
        return period_of(self.kind, self.start - dt.timedelta(days=1))


def day_period(day: dt.date) -> Period:
    return Period(kind=PeriodKind.DAY, start=day, end=day)


def week_period(day: dt.date) -> Period:
    """The ISO week (Monday–Sunday) containing day."""
    monday = day - dt.timedelta(days=day.weekday())
    return Period(kind=PeriodKind.WEEK, start=monday, end=monday + dt.timedelta(days=6))


def month_period(day: dt.date) -> Period:
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(kind=PeriodKind.MONTH, start=day.replace(day=1), end=day.replace(day=last))


def month15_period(day: dt.date) -> Period:
    """The "15th of last month to the 14th" period containing day (named by its end month)."""
    end_month = day.replace(day=1) + relativedelta(months=1 if day.day >= 15 else 0)
    return Period(kind=PeriodKind.MONTH15, start=end_month - relativedelta(months=1) + dt.timedelta(days=14),
                  end=end_month + dt.timedelta(days=13))


def span_period(kind: PeriodKind | str, day: dt.date) -> Period:
    """The quarter, half-year or year (calendar or cut-off) containing day."""
    kind = PeriodKind(kind)
    size = MONTHS[kind]
    named = day
    if kind in CUT_OFF.values() and day.day >= 15:  # from the 15th, the next month's period
        named = day.replace(day=1) + relativedelta(months=1)
    first = dt.date(named.year, (named.month - 1) // size * size + 1, 1)
    last = first + relativedelta(months=size) - dt.timedelta(days=1)
    if kind in CUT_OFF.values():
        return Period(kind=kind, start=first - relativedelta(months=1) + dt.timedelta(days=14),
                      end=last.replace(day=14))
    return Period(kind=kind, start=first, end=last)


def _span_code(kind: PeriodKind, end: dt.date) -> str:
    size = MONTHS[kind]
    if size == 3:
        return f"{end.year}-Q{(end.month - 1) // 3 + 1}"
    if size == 6:
        return f"{end.year}-H{(end.month - 1) // 6 + 1}"
    return str(end.year)


def _span_name(kind: PeriodKind, end: dt.date, vi: bool) -> str:
    size = MONTHS[kind]
    if size == 3:
        quarter = (end.month - 1) // 3
        return f"quý {ROMAN[quarter]} năm {end.year}" if vi else f"Q{quarter + 1} {end.year}"
    if size == 6:
        first = end.month <= 6
        if vi:
            return f"6 tháng {'đầu' if first else 'cuối'} năm {end.year}"
        return f"{'first' if first else 'second'} half of {end.year}"
    return f"năm {end.year}" if vi else str(end.year)


def custom_period(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise PeriodError("report.end_before_start", start=_fmt(start), end=_fmt(end))
    return Period(kind=PeriodKind.CUSTOM, start=start, end=end)


_KINDS = frozenset(PeriodKind)
# Each kind's period containing a day (custom: just that day).
_PERIOD_OF: dict[PeriodKind, Callable[[dt.date], Period]] = {
    **{kind: partial(span_period, kind) for kind in MONTHS},  # quarters, half-years, years
    PeriodKind.DAY: day_period, PeriodKind.WEEK: week_period, PeriodKind.MONTH: month_period,
    PeriodKind.MONTH15: month15_period, PeriodKind.CUSTOM: lambda d: custom_period(d, d),
}


def period_of(kind: PeriodKind | str, day: dt.date) -> Period:
    """The period of a kind that contains day (custom: just that day)."""
    return _PERIOD_OF[PeriodKind(kind)](day)


# --- parsing what a person types ------------------------------------------------------------

# As text: `re` compiles each when a period is first read, not in every command at import.
_WEEK = r"(?i)^(?:(\d{4})-?)?W(\d{1,2})$"
_MONTH = r"^(?:(\d{4})-(\d{1,2})|(\d{1,2})[/.-](\d{4}))$"
_SPAN = r"(?i)^(?:(\d{4})[-/ ]?([QH])([1-4])|([QH])([1-4])[-/. ]?(\d{4}))$"
_YEAR = r"^(\d{4})$"


def parse_day(text: str) -> dt.date:
    """dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or YYYY-MM-DD."""
    raw = text.strip()
    for sep in ("/", "-", "."):
        parts = raw.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            a, b, c = (int(p) for p in parts)
            try:
                if len(parts[0]) == 4:
                    return dt.date(a, b, c)
                if len(parts[2]) == 4:
                    return dt.date(c, b, a)
            except ValueError:
                break
    raise PeriodError("report.bad_day", text=raw)


def parse_period(kind: PeriodKind | str, text: str | None, today: dt.date) -> Period:
    """A period from the CLI/TUI: kind plus "2025-11-05", "2025-W45", "2025-11", "11/2025" or
    any date inside the wanted period; a custom range as "01/11/2025 - 20/11/2025" (or "..",
    "đến"); empty text means the period containing today."""
    kind = PeriodKind(kind)
    raw = (text or "").strip()
    if not raw:
        return period_of(kind, today)
    if kind == PeriodKind.CUSTOM:
        parts = [p for p in re.split(r"\s*(?:\.\.|–|—|\s-\s|đến|den|to)\s*", raw) if p]
        if len(parts) != 2:
            raise PeriodError("report.bad_period", text=raw, hint="report.hint.custom")
        return custom_period(parse_day(parts[0]), parse_day(parts[1]))
    if kind == PeriodKind.WEEK and (m := re.match(_WEEK, raw)):
        year = int(m.group(1) or today.isocalendar()[0])
        week = int(m.group(2))
        try:
            return week_period(dt.date.fromisocalendar(year, week, 1))
        except ValueError:
            raise PeriodError("report.bad_week", text=raw, year=year, week=week) from None
    if kind in (PeriodKind.MONTH, PeriodKind.MONTH15) and (m := re.match(_MONTH, raw)):
        year, month = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
        if not 1 <= month <= 12:
            raise PeriodError("report.bad_period", text=raw, hint="report.hint.month")
        first = dt.date(year, month, 1)
        return month_period(first) if kind == PeriodKind.MONTH else month15_period(first)
    if kind in MONTHS and (found := _span_day(kind, raw)):
        return period_of(kind, found)
    try:
        day = parse_day(raw)
    except PeriodError:
        base = next((k for k, v in CUT_OFF.items() if v == kind), kind)
        hint = f"report.hint.{base}"
        raise PeriodError("report.bad_period", text=raw, hint=hint) from None
    return period_of(kind, day)


def _span_day(kind: PeriodKind, raw: str) -> dt.date | None:
    """A day inside the quarter ("2025-Q4", "Q4/2025"), half-year ("2025-H2") or year
    ("2025") named by raw; None when raw names none of these. A cut-off period is named by
    the month it ends in, so its day is the 1st of that month."""
    size = MONTHS[kind]
    if size == 12 and (m := re.match(_YEAR, raw)):
        return dt.date(int(m.group(1)), 12 if kind in CUT_OFF.values() else 1, 1)
    m = re.match(_SPAN, raw)
    if size in (3, 6) and m:
        year, letter, number = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(4), m.group(5))
        if (letter.upper() == "Q") != (size == 3) or (size == 6 and int(number) > 2):
            raise PeriodError("report.bad_period", text=raw, hint=f"report.hint.{kind.removesuffix('15')}")
        last_month = int(number) * size
        return dt.date(int(year), last_month, 1)
    return None


# --- the date line of a document (Nghị định 30/2020) -----------------------------------------

def vn_date_words(day: dt.date) -> str:
    """ "ngày 05 tháng 11 năm 2025": days below 10 and months 1–2 get a leading zero
    (Nghị định 30/2020, Phụ lục I), other months do not ("tháng 3")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# --- schedules ------------------------------------------------------------------------------

_DUE_TIME = r"^(\d{2}:\d{2})?$"  # compiled by `re` when first used


@dataclass(frozen=True)
class Schedule:
    """When a report is due: data from a plan's [[reporting]] entries or a preset."""

    code: str
    label: str
    period: str  # a PeriodKind value, or "once"
    rrule: str = ""
    due_time: str = ""  # "HH:MM" or empty
    text: str = ""
    source: str = ""   # "002 §VI.10": the rule is what the plan says
    assumed: str = ""  # or why it was set so (shown as the commune's setting)
    unit: str = ""     # a duty of one named unit only

    def __post_init__(self) -> None:
        if not re.match(_DUE_TIME, self.due_time):
            raise ValueError(f"due_time {self.due_time!r}: HH:MM")


@dataclass(frozen=True)
class DueItem:
    schedule_code: str
    label: str
    due: dt.datetime  # local (naive, Asia/Ho_Chi_Minh wall clock)
    period: Period
    assumed: bool = False  # the due date is the commune's setting, not the plan's words


@dataclass(frozen=True)
class DueStatus:
    next_due: DueItem | None
    overdue: list[DueItem]


def check_rule(rule: str) -> None:
    """Raise PeriodError unless rule is a recurrence rule python-dateutil understands."""
    from dateutil.rrule import rrulestr  # the rules' parser: only where reports fall due

    try:
        rrulestr(rule, dtstart=dt.datetime(2025, 1, 1))
    except (ValueError, TypeError) as exc:
        raise PeriodError("report.bad_rule", rule=rule, reason=str(exc)) from None


def _due_clock(schedule: Schedule) -> dt.time:
    """A due time "10:00" means before 10:00; no time means by the end of the day."""
    if schedule.due_time:
        hour, minute = (int(p) for p in schedule.due_time.split(":"))
        return dt.time(hour, minute)
    return dt.time(23, 59, 59)


def due_dates(schedule: Schedule, start: dt.date, end: dt.date) -> list[dt.date]:
    """Every due date of the schedule from start to end inclusive."""
    if not schedule.rrule or schedule.period == "once":
        return []
    from dateutil.rrule import rrulestr  # the rules' parser: only where reports fall due

    rule = rrulestr(schedule.rrule, dtstart=dt.datetime.combine(start, dt.time()))
    return [moment.date() for moment in rule.between(
        dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time(23, 59, 59)), inc=True)]


def _covered_kind(schedule: Schedule) -> PeriodKind:
    return PeriodKind(schedule.period) if schedule.period in _KINDS else PeriodKind.MONTH


def covered_period(schedule: Schedule, due: dt.date) -> Period:
    return period_of(_covered_kind(schedule), due)


def due_status(
    schedule: Schedule, now: dt.datetime, *, since: dt.date, done: set[tuple[dt.date, dt.date]],
    horizon_days: int = 400,
) -> DueStatus:
    """Next due report and the overdue ones since `since` (usually the day the schedule was
    set up), for `now` as local wall-clock time. A due date is met when a report of exactly
    its covered period (start, end) is in `done`, before or after the date."""
    clock = _due_clock(schedule)
    now = now.replace(tzinfo=None)
    cover = _PERIOD_OF[_covered_kind(schedule)]  # once, not for each of years of due dates

    def due_items(start: dt.date, end: dt.date) -> Iterator[DueItem]:
        """The schedule's due dates from start to end whose period is not in done."""
        for day in due_dates(schedule, start, end):
            period = cover(day)
            if (period.start, period.end) not in done:
                yield DueItem(schedule_code=schedule.code, label=schedule.label,
                              due=dt.datetime.combine(day, clock), period=period, assumed=bool(schedule.assumed))

    overdue = [entry for entry in due_items(since, now.date()) if entry.due < now]
    # the first one ahead; a report already sent ahead of its date is not due any more
    upcoming = next((entry for entry in due_items(now.date(), now.date() + dt.timedelta(days=horizon_days))
                     if entry.due >= now), None)
    return DueStatus(next_due=upcoming, overdue=overdue)


# Reporting regimes of places the project knows, as data (docs/architecture.md, Reports): the same
# rules as the plan files' [[reporting]] (tests/test_periods.py holds them to it). "Trước
# ngày 24" is due by the end of the 23rd; a day the plan does not fix is marked assumed.
_NT = "Nhiệm vụ 4.5.f chỉ ghi “báo cáo định kỳ (tuần, tháng)”, không ghi ngày nộp"
PRESETS: dict[str, list[Schedule]] = {
    "nghia-tho": [
        Schedule(code="weekly", label="Báo cáo tuần", period="week", rrule="FREQ=WEEKLY;BYDAY=FR",
                 assumed=_NT + "; đặt thứ Sáu hằng tuần."),
        Schedule(code="monthly", label="Báo cáo tháng", period="month",
                 rrule="FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                 assumed=_NT + "; đặt ngày làm việc cuối cùng của tháng."),
    ],
    "son-thuy": [
        Schedule(code="monthly", label="Báo cáo tháng (trước ngày 24)", period="month",
                 rrule="FREQ=MONTHLY;BYMONTHDAY=23", source="001 §V.6"),
        Schedule(code="final", label="Báo cáo tổng kết (trước ngày 15/12/2025)", period="once",
                 rrule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=14;UNTIL=20251214", source="001 §V.6"),
    ],
    "thanh-hoa": [
        Schedule(code="daily", label="Báo cáo ngày (trước 10 giờ)", period="day",
                 rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", due_time="10:00",
                 assumed="Mục VI.10 ghi “hàng ngày (trước 10h)”; tính các ngày làm việc, thứ Hai đến thứ Sáu."),
        Schedule(code="weekly", label="Báo cáo tuần (trước 8 giờ thứ Năm)", period="week",
                 rrule="FREQ=WEEKLY;BYDAY=TH", due_time="08:00", source="002 §VI.10"),
        Schedule(code="monthly", label="Báo cáo tháng (trước ngày 25)", period="month",
                 rrule="FREQ=MONTHLY;BYMONTHDAY=24", source="002 §VI.10"),
        Schedule(code="final", label="Báo cáo tổng kết (trước ngày 20/12/2025)", period="once",
                 rrule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=19;UNTIL=20251219", source="002 §VI.4",
                 unit="Văn phòng Tỉnh ủy"),
    ],
}
