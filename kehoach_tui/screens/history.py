"""Lịch sử: the change log — who changed what and when — for one task or everything."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from ..config import fmt_datetime
from ..domain.vntext import fold
from ..i18n import t
from ..safe import one_line, plain
from ..widgets.bindings import CatalogueBindings
from ..widgets.fit_table import FitTable
from ..widgets.key_footer import KeyFooter
from ..widgets.safe_input import SafeInput


class HistoryScreen(CatalogueBindings, Screen):
    """Type a task code for that task's history, or any words to narrow the lines."""

    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("slash", "search", "tasks.key.search"),
    ]

    def __init__(self, task_code: str = "") -> None:
        super().__init__()
        self.task_code = task_code
        self._entries: list = []
        self._by_seq: dict = {}

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static(plain(t("history.title"), "bold"), id="history-head")
        yield SafeInput(self.task_code, placeholder=t("history.placeholder"), id="history-filter", compact=True,
                        classes="search")
        yield FitTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-full")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", FitTable)
        width = self.app.size.width
        who = 14 if width < 110 else 20
        table.add_fit_column(t("col.when"), key="when", width=16)
        table.add_fit_column(t("col.who"), key="who", width=who)
        table.add_fit_column(t("col.subject"), key="subject", width=12 if width < 110 else 20)
        table.add_fit_column(t("col.change"), key="change", min_width=16)  # the rest of the width
        self.load(self.task_code)
        table.focus()

    def load(self, text: str) -> None:
        """A task code loads that task's history; other text filters all recent changes."""
        from ..store.history import history
        from ..store.tasks import get_record

        code = text.strip()
        record = get_record(self.store, code) if code else None
        if record is not None:
            self._entries = history(self.store, task_code=record.code)
            words = []
        else:
            self._entries = history(self.store)
            words = fold(text).split()
        self._by_seq = {str(e.seq): e for e in self._entries}
        table = self.query_one("#history-table", DataTable)
        table.clear()
        self.query_one("#history-full", Static).update("")
        for e in self._entries:
            if words:
                key = fold(f"{e.what} {e.actor} {e.summary}")
                if not all(w in key for w in words):
                    continue
            table.add_row(plain(fmt_datetime(e.at)), plain(one_line(e.actor, 20)), plain(one_line(e.subject, 20), "bold"),
                          plain(one_line(e.summary)), key=str(e.seq))

    @on(DataTable.RowHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        entry = self._by_seq.get(event.row_key.value)
        if entry is not None:  # the whole entry in words, where the table cuts it
            self.query_one("#history-full", Static).update(plain(one_line(entry.line())))

    @on(Input.Changed, "#history-filter")
    def _changed(self, event: Input.Changed) -> None:
        self.load(event.value)

    @on(Input.Submitted, "#history-filter")
    def _submitted(self) -> None:
        self.query_one("#history-table", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#history-filter", Input).focus()

    def action_back(self) -> None:
        """Esc: out of the filter box first (clearing it), then back."""
        from .base import leave_input

        if not leave_input(self, "#history-table"):
            self.app.pop_screen()
