"""Working days of a commune office: Monday–Friday, minus public holidays, plus the
Saturdays worked in exchange for a bridged day off. Saturdays can be made working days.

The holiday list is data (the government announces swaps each year); a commune can add
its own dates in the settings. Pure logic: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_D = dt.date

# Days off for cán bộ, công chức, viên chức (Bộ luật Lao động 2019 art. 112 plus the yearly
# announcements of Bộ Nội vụ). Weekends inside a break are not listed: they are off anyway.
VN_PUBLIC_HOLIDAYS: dict[dt.date, str] = {
    # 2025
    _D(2025, 1, 1): "Tết Dương lịch",
    _D(2025, 1, 27): "Tết Nguyên đán (hoán đổi, làm bù 15/02/2025)",
    _D(2025, 1, 28): "Tết Nguyên đán",
    _D(2025, 1, 29): "Tết Nguyên đán",
    _D(2025, 1, 30): "Tết Nguyên đán",
    _D(2025, 1, 31): "Tết Nguyên đán",
    _D(2025, 4, 7): "Giỗ Tổ Hùng Vương",
    _D(2025, 4, 30): "Ngày Chiến thắng",
    _D(2025, 5, 1): "Quốc tế Lao động",
    _D(2025, 5, 2): "Nghỉ hoán đổi (làm bù 26/04/2025)",
    _D(2025, 9, 1): "Quốc khánh",
    _D(2025, 9, 2): "Quốc khánh",
    # 2026
    _D(2026, 1, 1): "Tết Dương lịch",
    _D(2026, 1, 2): "Nghỉ hoán đổi (làm bù 10/01/2026)",
    _D(2026, 2, 16): "Tết Nguyên đán",
    _D(2026, 2, 17): "Tết Nguyên đán",
    _D(2026, 2, 18): "Tết Nguyên đán",
    _D(2026, 2, 19): "Tết Nguyên đán",
    _D(2026, 2, 20): "Tết Nguyên đán",
    _D(2026, 4, 27): "Giỗ Tổ Hùng Vương (nghỉ bù)",
    _D(2026, 4, 30): "Ngày Chiến thắng",
    _D(2026, 5, 1): "Quốc tế Lao động",
    _D(2026, 9, 1): "Quốc khánh",
    _D(2026, 9, 2): "Quốc khánh",
}

# Saturdays worked in exchange for a bridged weekday off.
VN_MAKEUP_WORKDAYS: dict[dt.date, str] = {
    _D(2025, 2, 15): "Làm bù ngày 27/01/2025",
    _D(2025, 4, 26): "Làm bù ngày 02/05/2025",
    _D(2026, 1, 10): "Làm bù ngày 02/01/2026",
}


@dataclass(frozen=True)
class WorkCalendar:
    """Which dates the one-stop centre is open."""

    saturdays: bool = False
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    extra_workdays: frozenset[dt.date] = field(default_factory=frozenset)

    def is_workday(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.holidays:
            return False
        weekday = day.weekday()
        return weekday < 5 or (weekday == 5 and self.saturdays)

    def workdays(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """Working days from start to end, both included."""
        day = start
        while day <= end:
            if self.is_workday(day):
                yield day
            day += dt.timedelta(days=1)

    def count(self, start: dt.date, end: dt.date) -> int:
        return sum(1 for _ in self.workdays(start, end))


def vietnam_calendar(
    *, saturdays: bool = False, holidays: Iterable[dt.date] = (), extra_workdays: Iterable[dt.date] = (),
    builtin: bool = True,
) -> WorkCalendar:
    """The national calendar (when builtin) plus a commune's own holidays and working days."""
    all_holidays = set(holidays)
    all_extra = set(extra_workdays)
    if builtin:
        all_holidays |= set(VN_PUBLIC_HOLIDAYS)
        all_extra |= set(VN_MAKEUP_WORKDAYS)
    return WorkCalendar(saturdays=saturdays, holidays=frozenset(all_holidays),
                        extra_workdays=frozenset(all_extra - set(holidays)))


def holiday_name(day: dt.date) -> str:
    return VN_PUBLIC_HOLIDAYS.get(day, "")
