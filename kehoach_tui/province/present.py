"""How a commune's status reads in a table, a report or the TUI: one set of cells."""

from __future__ import annotations

import datetime as dt

from ..i18n import t
from .status import CommuneStatus
from .values import DASH, show_day, show_moment

COLUMNS = ("province.col_commune", "province.col_last", "province.col_up_to", "province.col_tasks",
           "province.col_check", "province.col_incidents", "province.col_reports")


def _pair(a: int | None, b: int | None) -> str:
    return DASH if a is None else f"{a}/{b if b is not None else DASH}"


def cells(s: CommuneStatus, today: dt.date) -> list[str]:
    """Commune, last bundle, data up to, tasks done/overdue, check rate, open incidents, reports."""
    if not s.reported:
        return [s.name, t("province.not_reported"), DASH, DASH, DASH, DASH, DASH]
    check = DASH
    if s.check_rate is not None:
        check = f"{round(100 * s.check_rate)}% ({s.check_days}/{s.check_expected})"
    return [
        s.name, show_moment(s.last_bundle_at), show_day(s.data_up_to), _pair(s.tasks_done, s.tasks_overdue), check,
        DASH if s.open_incidents is None else str(s.open_incidents), reports_cell(s),
    ]


def reports_cell(s: CommuneStatus) -> str:
    """"3/4 · 1 trễ": reports sent of those owed in the window, and how many came late."""
    if s.reports_expected is None:
        return DASH
    text = f"{s.reports_received}/{s.reports_expected}"
    if s.reports_late:
        text += " · " + t("province.reports_late_n", n=s.reports_late)
    return text


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else DASH


def rates_line(statuses: list[CommuneStatus]) -> str:
    """The province's reporting rates in the window, DHIS2 style."""
    from .status import province_rates

    total = province_rates(statuses)
    return t("province.rates_line", expected=total.expected, received=total.received,
             completeness=percent(total.received, total.expected), on_time=total.on_time,
             timeliness=percent(total.on_time, total.expected), late=total.late, missing=total.missing)


def gap_text(name: str, gaps: list[tuple[int, int]]) -> str:
    """"thiếu thay đổi #120–#140, #300–#310 của Xã …" """
    ranges = ", ".join(f"#{a}–#{b}" if a != b else f"#{a}" for a, b in gaps)
    return t("province.gap_line", ranges=ranges, name=name)


def missing_lines(statuses: list[CommuneStatus]) -> list[str]:
    """One line per commune that owes reports: its name and the reports missing."""
    return [t("province.missing_line", name=s.name, reports="; ".join(s.missing_reports))
            for s in statuses if s.missing_reports]


def headers() -> list[str]:
    return [t(key) for key in COLUMNS]


def counts_line(statuses: list[CommuneStatus], today: dt.date) -> str:
    return t("province.summary_counts", total=len(statuses),
             reported=sum(1 for s in statuses if s.reported),
             not_reported=sum(1 for s in statuses if s.stale(today)),
             late=sum(1 for s in statuses if s.late),
             incidents=sum(1 for s in statuses if s.open_incidents),
             gaps=sum(1 for s in statuses if s.gaps))
