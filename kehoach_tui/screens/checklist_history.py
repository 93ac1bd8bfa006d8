"""Lịch sử kiểm tra: the last 30 or 90 days × items, availability and on-time days."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalScroll, VerticalScroll
from textual.widgets import Static

from ..config import fmt_date, today
from ..i18n import get_lang, t
from ..safe import one_line
from .base import ModeScreen

CELL_STYLE = {
    "ok": ("●", "green"), "fail": ("✗", "bold red"), "na": ("–", "dim"), "unchecked": ("·", "yellow"),
    "": (" ", ""),
}
TITLE_WIDTH = 24
NBSP = "\u00a0"  # blank header cells: a plain space at a line start is dropped by SVG exports


def render_grid(history, title_width: int = TITLE_WIDTH) -> tuple[Text, Text]:
    """The grid as two Texts of the same height: labels (title, availability) and cells.
    Three header lines (month, tens and units of the day), a line per item, then a line
    showing on which days the check was finished on time (✓) or late (!)."""
    labels = Text(no_wrap=True, overflow="crop")
    labels.append("\n\n")
    cells = Text(no_wrap=True, overflow="crop")
    months = [NBSP] * len(history.days)
    for i, day in enumerate(history.days):
        if i == 0 or day.day == 1:
            label = t("checklist.month_label", month=day.month)
            months[i:i + len(label)] = list(label)
    cells.append("".join(months[:len(history.days)]), style="bold")
    tens = Text()
    units = Text()
    for day, work in zip(history.days, history.workdays, strict=True):
        style = "" if work else "dim"
        tens.append(str(day.day // 10) if day.day >= 10 else NBSP, style=style)
        units.append(str(day.day % 10), style=style)
    cells.append("\n")
    cells.append_text(tens)
    cells.append("\n")
    cells.append_text(units)
    for row in history.rows:
        labels.append("\n")
        labels.append(one_line(row.title, title_width).ljust(title_width))
        avail = row.availability
        labels.append(f"{'–' if avail is None else f'{avail:.0f}%':>6}", style=_avail_style(avail))
        cells.append("\n")
        _append_runs(cells, [CELL_STYLE.get(cell, ("?", "")) for cell in row.cells])
    labels.append("\n")
    labels.append(one_line(t("checklist.finished_row"), title_width + 6), style="bold")
    cells.append("\n")
    finish_marks = []
    for day, work in zip(history.days, history.workdays, strict=True):
        if day in history.finished:
            finish_marks.append(("!", "bold red") if history.finished[day] else ("✓", "green"))
        else:
            finish_marks.append(("·" if work and day <= history.end else " ", "yellow"))
    _append_runs(cells, finish_marks)
    return labels, cells


def _append_runs(text: Text, cells: list[tuple[str, str]]) -> None:
    """Append symbols, one span per run of equal style (a 90-day grid has ~1,500 cells;
    fewer spans make the screen lay out several times faster)."""
    run: list[str] = []
    run_style = None
    for symbol, style in cells:
        if style != run_style and run:
            text.append("".join(run), style=run_style or "")
            run = []
        run.append(symbol)
        run_style = style
    if run:
        text.append("".join(run), style=run_style or "")


class DaysScroll(HorizontalScroll):
    """The day columns; the latest days matter most, so a grid wider than the screen
    opens scrolled to its right end."""

    def on_resize(self) -> None:
        self.scroll_to(x=self.max_scroll_x, animate=False)


def _avail_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 95 else "yellow" if value >= 80 else "bold red"


class ChecklistHistoryScreen(ModeScreen):
    MODE = "checklist"
    MAIN = "#history-scroll"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("d", "toggle_days", "checklist.key_days"),
        Binding("left", "scroll_days(-7)", show=False, priority=True),
        Binding("right", "scroll_days(7)", show=False, priority=True),
    ]

    def __init__(self, days: int = 30, end: dt.date | None = None) -> None:
        super().__init__()
        self.days = days
        self.end = end

    def compose_body(self) -> ComposeResult:
        yield Static(id="history-head")
        with VerticalScroll(id="history-scroll"), Horizontal(id="history-row"):
            yield Static(id="history-labels")
            with DaysScroll(id="history-cells-scroll"):
                yield Static(id="history-cells")
        yield Static(Text(t("checklist.legend"), style="dim"), id="history-legend")

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#history-scroll").focus()

    def data_key(self) -> tuple | None:
        # The grid holds days, not times: a grid built a few minutes before it is opened
        # (ChecklistScreen keeps one ready) is still the right one.
        return (self.store.data_version(), today(), get_lang())

    def refresh_data(self) -> None:
        from ..store.checklist import ensure_items, history

        ensure_items(self.store)
        data = history(self.store, days=self.days, end=self.end or today())
        head = Text(t("checklist.history_title", days=self.days, start=fmt_date(data.start),
                      end=fmt_date(data.end)), style="bold")
        head.append("\n")
        head.append(data.summary())
        self.query_one("#history-head", Static).update(head)
        labels, cells = render_grid(data)
        self.query_one("#history-labels", Static).update(labels)
        self.query_one("#history-cells", Static).update(cells)


    def action_scroll_days(self, delta: int) -> None:
        scroller = self.query_one("#history-cells-scroll", HorizontalScroll)
        scroller.scroll_to(x=scroller.scroll_x + delta, animate=False)

    def action_toggle_days(self) -> None:
        self.days = 90 if self.days == 30 else 30
        self.refresh_data()
