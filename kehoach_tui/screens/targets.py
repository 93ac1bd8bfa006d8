"""Chỉ tiêu: each target's latest value, target, deadline, an on-track mark and a trend;
record a month's value with its source."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from ..config import fmt_date, today
from ..domain.numbers import fmt_number
from ..domain.targets import fmt_period
from ..i18n import t
from ..safe import one_line, plain
from ..widgets.bindings import CatalogueBindings
from ..widgets.fit_table import FitTable
from ..widgets.key_footer import KeyFooter
from ..widgets.safe_input import SafeInput
from .task_dialogs import _Dialog

STATE_STYLE = {"met": "bold green", "on_track": "green", "behind": "bold yellow", "late": "bold red",
               "no_data": "dim"}
COMPARISON = {">=": "≥", "<=": "≤", "=": "="}
STATE_MARK = {"met": "✓", "on_track": "↗", "behind": "!", "late": "✗", "no_data": "·"}


def number(value: float | None) -> str:
    return fmt_number(value, empty="—")


class TargetsScreen(CatalogueBindings, Screen):
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("n", "record", "tasks.key.record"),
    ]

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static(plain(t("targets.title"), "bold"), id="targets-head")
        yield FitTable(id="target-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="target-source")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#target-table", FitTable)
        width = self.app.size.width
        wide = width >= 110
        state = 16 if wide else 9
        table.add_fit_column(t("col.code"), key="code", width=4)
        table.add_fit_column(t("targets.latest"), key="latest", width=12)
        table.add_fit_column(t("targets.target"), key="target", width=10 if wide else 9)
        table.add_fit_column(t("col.due"), key="due", width=10)
        table.add_fit_column(t("targets.state"), key="state", width=state)
        table.add_fit_column(t("targets.trend"), key="trend", width=8 if wide else 6)
        table.add_fit_column(t("col.title"), key="label", min_width=10)  # the rest of the width
        self.refresh_data()
        table.focus()

    def refresh_data(self) -> None:
        from ..store.targets import target_standings

        table = self.query_one("#target-table", DataTable)
        keep = table.cursor_row
        table.clear()
        self._items = target_standings(self.store, today())
        wide = self.app.size.width >= 110
        for s in self._items:
            latest = f"{number(s.latest.value)} ({fmt_period(s.latest.period)})" if s.latest else "—"
            sign = COMPARISON.get(s.comparison, s.comparison)
            goal = f"{sign}{number(s.target_value)} {s.unit}" if s.target_value is not None else "—"
            if s.kind == "qualitative":  # status, note, evidence instead of a value
                latest = t("status." + s.assessment.status) if s.assessment else "—"
                goal = t("target.qualitative")
            label = t(("target.state." if wide else "target.state_short.") + s.state)
            state = f"{STATE_MARK[s.state]} {label}"
            table.add_row(
                plain(s.code, "bold"), plain(latest), plain(one_line(goal, 10 if wide else 9)),
                plain((fmt_date(s.target_date) or "—") + ("*" if s.assumed else "")),
                plain(state, STATE_STYLE[s.state]),
                plain(s.trend[-(8 if wide else 6):], "cyan"), plain(one_line(s.label)), key=s.code,
            )
        if self._items:
            table.move_cursor(row=min(keep, len(self._items) - 1), animate=False)
            self._show_source(min(keep, len(self._items) - 1))

    @on(DataTable.RowHighlighted, "#target-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_source(event.cursor_row)

    def _show_source(self, index: int) -> None:
        if not 0 <= index < len(self._items):
            return
        s = self._items[index]
        text = plain(s.code + ": ", "bold")
        text.append_text(plain(one_line(s.label)))
        if s.latest and s.latest.note:
            text.append("\n")
            text.append_text(plain(t("dialog.source") + ": " + one_line(s.latest.note), "dim"))
        if s.assumed:  # a figure or date the plan's sentence does not give as such
            text.append("\n")
            text.append_text(plain(t("target.assumed", why=one_line(s.assumed)), "italic"))
        self.query_one("#target-source", Static).update(text)

    @on(DataTable.RowSelected, "#target-table")
    def _selected(self) -> None:
        self.action_record()

    def action_record(self) -> None:
        table = self.query_one("#target-table", DataTable)
        if table.row_count:
            code = self._items[table.cursor_row].code
            self.app.push_screen(TargetValueDialog(code), callback=self._after)

    def _after(self, saved: bool | None) -> None:
        if saved:
            self.refresh_data()

    def action_back(self) -> None:
        self.app.pop_screen()


class TargetValueDialog(_Dialog):
    """A month's value of one target, with its source."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        from ..store.setup import officer

        now = today()
        with self.box(t("dialog.target_title", code=self.code), id="target-dialog"):
            yield self.field(t("dialog.period"), SafeInput(f"{now.month:02d}/{now.year}", id="tv-period", compact=True))
            yield self.field(t("dialog.value"), SafeInput(id="tv-value", compact=True))
            yield self.field(t("dialog.source"), SafeInput(id="tv-note", compact=True))
            yield self.field(t("dialog.officer"), SafeInput(officer(self.store), id="tv-officer", compact=True))
            yield Static("", classes="dialog-error")
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one("#tv-value").focus()

    def action_save(self) -> None:
        from ..domain.updates import UpdateError
        from ..store import StoreError
        from ..store.targets import record_target_value

        try:
            record_target_value(
                self.store, self.code, self.query_one("#tv-value", Input).value,
                self.query_one("#tv-period", Input).value, note=self.query_one("#tv-note", Input).value,
                officer=self.query_one("#tv-officer", Input).value,
            )
        except (UpdateError, StoreError) as exc:
            self.show_error(str(exc))
            return
        self.dismiss(True)
