"""Nhiệm vụ: every task of the plan, grouped, sub-items under their parent, with filters and
an accent-insensitive search that refreshes the list on each keystroke.

Rows are loaded once per refresh (store.tasks.task_rows) with their cells pre-rendered;
a keystroke only filters those rows in memory and refills the table.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ..config import today
from ..domain.models import STATUSES
from ..domain.recurring import age_text
from ..domain.task_list import (
    ROW_MARKS,
    SORTS,
    TaskFilter,
    filter_rows,
    lead_units,
    order_rows,
    row_mark,
    short_units,
)
from ..i18n import get_lang, t
from ..safe import one_line, plain
from ..widgets.row_list import Column, RowList
from ..widgets.safe_input import SafeInput
from .base import ModeScreen

STATUS_STYLE = {
    "not_started": "", "in_progress": "cyan", "done": "green", "blocked": "bold red",
    "not_applicable": "dim", "no_update": "dim italic",
}
WIDE = 110  # from this width the list also shows the age of the last update


def status_cell(status: str):
    return plain(t("status.short." + status), STATUS_STYLE.get(status, ""))


MARK_STYLE = {"overdue": "bold red", "due_soon": "bold yellow", "needs_note": "yellow"}


def due_cell(row):
    """The due text after the row's mark ("! 31/10/2025"): colour helps, the mark says it;
    a date the commune set, not the plan's words, says so."""
    mark = row_mark(row)
    if mark == " ":
        cell = plain("  " + row.due_text)
    else:
        flag = next(flag for flag, symbol in ROW_MARKS if symbol == mark)
        cell = plain(f"{mark} {row.due_text}", MARK_STYLE[flag])
    if row.due_assumed:
        cell.append_text(plain(f" ({t('due.assumed_short')})", "italic"))
    return cell


class TasksScreen(ModeScreen):
    MODE = "tasks"
    MAIN = "#task-table"
    BINDINGS = [
        Binding("slash", "search", "tasks.key.search"),
        Binding("n", "update", "tasks.key.update"),
        Binding("c", "targets", "tasks.key.targets"),
        Binding("l", "history", "tasks.key.history"),
        Binding("s", "cycle_status", "tasks.key.status"),
        Binding("g", "cycle_group", "tasks.key.group"),
        Binding("e", "cycle_lead", "tasks.key.lead"),
        Binding("o", "toggle_overdue", "tasks.key.overdue"),
        Binding("d", "toggle_due_soon", "tasks.key.due_soon"),
        Binding("r", "cycle_sort", "tasks.key.sort"),
        Binding("x", "clear_filters", "tasks.key.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = TaskFilter()
        self.sort = "plan"
        self._rows: list = []    # ordered TaskRows of the plan
        self._cells: dict[str, tuple] = {}
        self._groups: dict[str, str] = {}
        self._leads: list[str] = []
        self._shown: list = []
        self._width = 0

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="task-filterbar"):
            yield SafeInput(placeholder=t("tasks.search_placeholder"), id="task-search", compact=True,
                            classes="search")
            yield Static(id="task-filters")
        yield RowList(id="task-table")
        yield Static(id="task-counts")

    def on_mount(self) -> None:
        self._setup_columns()
        self.refresh_data()
        self.query_one("#task-table", RowList).focus()

    # --- data ---------------------------------------------------------------------------

    def _setup_columns(self) -> None:
        width = self.app.size.width
        self._width = width
        wide = width >= WIDE
        columns = [
            Column(t("col.code"), 6), Column(t("col.title")), Column(t("col.lead"), 16 if wide else 9),
            Column(t("col.due"), 14), Column(t("col.status"), 12), Column(t("col.progress"), 3, "right"),
        ]
        if wide:
            columns.append(Column(t("col.updated"), 9))
        self.query_one("#task-table", RowList).set_columns(columns)

    def refresh_data(self) -> None:
        """Reload from the store, unless nothing was written since the last load."""
        from ..store.tasks import data_stamp, group_titles, task_rows

        stamp = (data_stamp(self.store), today())
        if stamp == getattr(self, "_stamp", None) and self._rows:
            return
        self._stamp = stamp
        self._today = today()
        self._groups = group_titles(self.store)
        self._rows = order_rows(task_rows(self.store, self._today), self.sort, list(self._groups))
        self._leads = lead_units(self._rows)
        self._build_cells()
        self.show_rows()

    def _build_cells(self) -> None:
        wide = self._width >= WIDE
        lang = get_lang()
        cells = {}
        for row in self._rows:
            sub = bool(row.parent_code)
            parts = [
                plain((" " if sub else "") + row.code, "" if sub else "bold"),
                plain(one_line(row.title)),
                plain(one_line(short_units(row.lead_units), 16 if wide else 9)),
                due_cell(row),
                status_cell(row.status),
                plain(str(row.progress)),
            ]
            if wide:
                shows_age = (row.recurring and not row.has_children) or row.last_update
                age = age_text(row.last_update, self._today, lang) if shows_age else ""
                parts.append(plain(age, "yellow" if row.needs_note else "dim"))
            cells[row.code] = tuple(parts)
        self._cells = cells

    def show_rows(self) -> None:
        """Filter the loaded rows and show them, keeping the highlighted task."""
        table = self.query_one("#task-table", RowList)
        current = table.current_key
        self._shown = filter_rows(self._rows, self.filter, self._today)
        if table._cells is not self._cells:
            table.set_cells(self._cells)
        table.show([row.code for row in self._shown], keep=current)
        self._show_counts()

    def _show_counts(self) -> None:
        shown = self._shown
        text = plain(t("tasks.count", shown=len(shown), total=len(self._rows)))
        # each count after its mark: the legend of the marks in the list
        for flag, mark in ROW_MARKS:
            count = sum(row_mark(r) == mark for r in shown)
            if count:
                text.append(f" · {mark} " + t("tasks.count_" + flag, n=count), style=MARK_STYLE[flag])
        # fixed one-line boxes: no layout pass needed when their text changes
        self.query_one("#task-counts", Static).update(text, layout=False)
        self.query_one("#task-filters", Static).update(self._filter_text(), layout=False)

    def _filter_text(self):
        parts = []
        f = self.filter
        if f.status:
            parts.append(t("status.short." + f.status))
        if f.group:
            parts.append(t("tasks.group_n", code=f.group))
        if f.lead:
            parts.append(one_line(short_units([f.lead]), 20))
        if f.overdue:
            parts.append(t("tasks.key.overdue"))
        if f.due_soon:
            parts.append(t("tasks.key.due_soon"))
        if self.sort != "plan":
            parts.append(t("tasks.sort." + self.sort))
        if not parts:
            return plain(t("tasks.no_filter"), "dim")
        return plain(t("tasks.filter_prefix") + " · ".join(parts), "bold")

    def current_code(self) -> str | None:
        return self.query_one("#task-table", RowList).current_key

    def on_resize(self) -> None:
        if self.app.size.width != self._width and self._rows:
            self._setup_columns()
            self._build_cells()
            self.show_rows()

    # --- search and filters ---------------------------------------------------------------

    @on(Input.Changed, "#task-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.filter.query = event.value
        self.show_rows()

    @on(Input.Submitted, "#task-search")
    def _search_done(self) -> None:
        self.query_one("#task-table", RowList).focus()

    def on_key(self, event) -> None:
        # Down from the search box goes to the list (Esc: ModeScreen.action_leave_input)
        if self.focused is self.query_one("#task-search", Input) and event.key == "down":
            self.query_one("#task-table", RowList).focus()
            event.stop()

    def action_search(self) -> None:
        self.query_one("#task-search", Input).focus()

    def action_cycle_status(self) -> None:
        self.filter.status = _next(self.filter.status, [*STATUSES, "no_update"])
        self.show_rows()

    def action_cycle_group(self) -> None:
        self.filter.group = _next(self.filter.group, list(self._groups))
        self.show_rows()

    def action_cycle_lead(self) -> None:
        self.filter.lead = _next(self.filter.lead, self._leads)
        self.show_rows()

    def action_toggle_overdue(self) -> None:
        self.filter.overdue = not self.filter.overdue
        self.show_rows()

    def action_toggle_due_soon(self) -> None:
        self.filter.due_soon = not self.filter.due_soon
        self.show_rows()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._rows = order_rows(self._rows, self.sort, list(self._groups))
        self.show_rows()

    def action_clear_filters(self) -> None:
        self.filter = TaskFilter()
        search = self.query_one("#task-search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self.show_rows()

    # --- other views ----------------------------------------------------------------------

    @on(RowList.Selected, "#task-table")
    def _open(self, event: RowList.Selected) -> None:
        self.open_detail(event.key)

    def open_detail(self, code: str | None) -> None:
        if code:
            from .task_detail import TaskDetailScreen

            self.app.push_screen(TaskDetailScreen(code))

    def action_update(self) -> None:
        code = self.current_code()
        if code:
            from .task_dialogs import UpdateDialog

            self.app.push_screen(UpdateDialog(code), callback=self._after_update)

    def _after_update(self, saved: bool | None) -> None:
        if saved:
            self.refresh_data()

    def action_targets(self) -> None:
        from .targets import TargetsScreen

        self.app.push_screen(TargetsScreen())

    def action_history(self) -> None:
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def palette_commands(self):
        yield t("tasks.key.targets"), t("tasks.palette.targets"), self.action_targets
        yield t("tasks.key.history"), t("tasks.palette.history"), self.action_history
        yield t("tasks.palette.update"), t("tasks.palette.update_help"), self.action_update
        yield t("tasks.palette.overdue"), t("tasks.palette.overdue_help"), self.action_toggle_overdue
        yield t("tasks.palette.due_soon"), t("tasks.palette.due_soon_help"), self.action_toggle_due_soon
        yield t("tasks.key.clear"), t("tasks.palette.clear_help"), self.action_clear_filters


def _next(current, choices: list):
    """None → first → … → last → None."""
    if not choices:
        return None
    if current not in choices:
        return choices[0]
    index = choices.index(current) + 1
    return choices[index] if index < len(choices) else None
