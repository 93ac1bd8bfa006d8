"""Lịch sử kiểm tra: the last 30 or 90 days × items, availability and on-time days."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.widgets import Static

from ..config import fmt_date, today
from ..i18n import t
from ..safe import one_line
from .base import ModeScreen

CELL_STYLE = {
    "ok": ("●", "green"), "fail": ("✗", "bold red"), "na": ("–", "dim"), "unchecked": ("·", "yellow"),
    "": (" ", ""),
}
TITLE_WIDTH = 24


def render_grid(history, title_width: int = TITLE_WIDTH) -> Text:
    """The grid as one Text: two header lines (tens, units of the day), a line per item,
    then a line showing on which days the check was finished on time (✓) or late (!)."""
    pad = " " * (title_width + 8)
    months = [" "] * len(history.days)
    for i, day in enumerate(history.days):
        if i == 0 or day.day == 1:
            label = t("checklist.month_label", month=day.month)
            months[i:i + len(label)] = list(label)
    grid = Text(no_wrap=True, overflow="crop")
    grid.append(pad + "".join(months[:len(history.days)]), style="bold")
    tens = Text(pad)
    units = Text(pad)
    for day, work in zip(history.days, history.workdays, strict=True):
        style = "" if work else "dim"
        tens.append(str(day.day // 10) if day.day >= 10 else " ", style=style)
        units.append(str(day.day % 10), style=style)
    grid.append("\n")
    grid.append_text(tens)
    grid.append("\n")
    grid.append_text(units)
    for row in history.rows:
        grid.append("\n")
        grid.append(one_line(row.title, title_width).ljust(title_width))
        avail = row.availability
        grid.append(f"{'–' if avail is None else f'{avail:.0f}%':>6}  ", style=_avail_style(avail))
        for cell in row.cells:
            symbol, style = CELL_STYLE.get(cell, ("?", ""))
            grid.append(symbol, style=style)
    grid.append("\n")
    grid.append(t("checklist.finished_row").ljust(title_width + 8), style="bold")
    for day, work in zip(history.days, history.workdays, strict=True):
        if day in history.finished:
            grid.append("!" if history.finished[day] else "✓", style="bold red" if history.finished[day] else "green")
        else:
            grid.append("·" if work and day <= history.end else " ", style="yellow")
    return grid


def _avail_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 95 else "yellow" if value >= 80 else "bold red"


class ChecklistHistoryScreen(ModeScreen):
    MODE = "checklist"
    CSS_PATH = "checklist.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("d", "toggle_days", t("checklist.key_days")),
    ]

    def __init__(self, days: int = 30, end: dt.date | None = None) -> None:
        super().__init__()
        self.days = days
        self.end = end

    def compose_body(self) -> ComposeResult:
        yield Static(id="history-head")
        with ScrollableContainer(id="history-scroll"):
            yield Static(id="history-grid")
        yield Static(Text(t("checklist.legend"), style="dim"), id="history-legend")

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#history-scroll").focus()

    def refresh_data(self) -> None:
        from ..store.checklist import ensure_items, history

        ensure_items(self.store)
        data = history(self.store, days=self.days, end=self.end or today())
        head = Text(t("checklist.history_title", days=self.days, start=fmt_date(data.start),
                      end=fmt_date(data.end)), style="bold")
        head.append("\n")
        head.append(data.summary())
        self.query_one("#history-head", Static).update(head)
        self.query_one("#history-grid", Static).update(render_grid(data))

    def action_toggle_days(self) -> None:
        self.days = 90 if self.days == 30 else 30
        self.refresh_data()
