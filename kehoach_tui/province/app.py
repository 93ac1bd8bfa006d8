"""The province TUI (`kehoach province`): communes in Vietnamese order, filters, search,
and a read-only drill-down into one commune's tasks, morning checks, incidents, bundles."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane

from ..config import today
from ..domain.vntext import matches, sort_key
from ..i18n import known, t
from ..safe import one_line, plain
from ..store.db import Store
from ..widgets.bindings import CatalogueBindings
from ..widgets.safe_input import SafeInput
from . import values
from .present import cells, counts_line, headers
from .registry import province_name
from .status import (
    FILTERS,
    apply_filter,
    commune_rows,
    commune_statuses,
    is_open_incident,
)
from .store.status import commune_bundles

FILTER_LABELS = {"all": "province.filter_all", "late": "province.filter_late",
                 "not_reported": "province.filter_not_reported", "incidents": "province.filter_incidents"}


class CommunesScreen(CatalogueBindings, Screen):
    BINDINGS = [
        Binding("a", "filter('all')", "province.filter_all"),
        Binding("l", "filter('late')", "province.filter_late"),
        Binding("n", "filter('not_reported')", "province.filter_not_reported"),
        Binding("i", "filter('incidents')", "province.filter_incidents"),
        Binding("slash", "search", "key.search", show=False),
        Binding("ctrl+q", "app.quit", "key.quit", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_name = "all"
        self.query_text = ""
        self.statuses = []

    @property
    def store(self) -> Store:
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static(id="province-title")
        yield SafeInput(placeholder=t("province.search"), id="province-search")
        yield Static(id="province-filter")
        yield DataTable(id="province-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#province-table", DataTable)
        for index, header in enumerate(headers()):
            table.add_column(header, width=self._name_width() if index == 0 else None)
        self.reload()
        table.focus()

    def _name_width(self) -> int:
        return max(16, self.app.size.width - 104)

    def reload(self) -> None:
        self.statuses = commune_statuses(self.store, today())
        title = plain(t("province.title", name=province_name(self.store)), "bold")
        title.append("\n")
        title.append_text(plain(counts_line(self.statuses, today()), "dim"))
        self.query_one("#province-title", Static).update(title)
        self.refill()

    def refill(self) -> None:
        day = today()
        shown = apply_filter(self.statuses, self.filter_name, day)
        if self.query_text:
            shown = [s for s in shown if matches(self.query_text, s.name, s.code)]
        table = self.query_one("#province-table", DataTable)
        table.clear()
        width = self._name_width()
        for s in shown:
            row = cells(s, day)
            style = "red" if s.late else ("dim" if not s.reported else "")
            table.add_row(plain(one_line(row[0], width), style), *(plain(c) for c in row[1:]), key=s.code)
        self.query_one("#province-filter", Static).update(plain(t(
            "province.filter_line", name=t(FILTER_LABELS[self.filter_name]), shown=len(shown),
            total=len(self.statuses), query=self.query_text or values.DASH), "dim"))

    def action_filter(self, name: str) -> None:
        if name in FILTERS:
            self.filter_name = name
            self.refill()

    def action_search(self) -> None:
        self.query_one("#province-search", Input).focus()

    @on(Input.Changed, "#province-search")
    def _search(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.refill()

    @on(Input.Submitted, "#province-search")
    def _search_done(self) -> None:
        self.query_one("#province-table", DataTable).focus()

    @on(DataTable.RowSelected, "#province-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        code = event.row_key.value
        status = next((s for s in self.statuses if s.code == code), None)
        if status is not None:
            self.app.push_screen(CommuneScreen(code, status.name))


def _first(row: dict, *names: str) -> str:
    for name in names:
        value = row.get(name)
        if value not in (None, ""):
            return values.text(value)
    return ""


def _day(value: object) -> str:
    return values.show_day(value)


def _status_label(value: object) -> str:
    """The catalogue's label for a status it knows; "?" for one it does not."""
    status = values.key(value)
    if not status:
        return values.DASH
    return t("status." + status) if known("status." + status) else values.UNKNOWN


class CommuneScreen(CatalogueBindings, Screen):
    """One commune, read-only: what the province holds of its records."""

    BINDINGS = [Binding("escape", "app.pop_screen", "key.back"),
                Binding("ctrl+q", "app.quit", "key.quit", priority=True)]

    def __init__(self, code: str, name: str) -> None:
        super().__init__()
        self.code = code
        self.commune_name = name

    @property
    def store(self) -> Store:
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static(plain(t("province.detail_title", name=self.commune_name, code=self.code), "bold"),
                     id="commune-title")
        with TabbedContent():
            with TabPane(t("province.tab_tasks")):
                yield DataTable(id="commune-tasks", cursor_type="row", zebra_stripes=True)
            with TabPane(t("province.tab_checks")):
                yield DataTable(id="commune-checks", cursor_type="row", zebra_stripes=True)
            with TabPane(t("province.tab_incidents")):
                yield DataTable(id="commune-incidents", cursor_type="row", zebra_stripes=True)
            with TabPane(t("province.tab_bundles")):
                yield DataTable(id="commune-bundles", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._tasks()
        self._checks()
        self._incidents()
        self._bundles()

    def _tasks(self) -> None:
        from ..domain.deadlines import describe, parse_deadline

        table = self.query_one("#commune-tasks", DataTable)
        width = max(20, self.app.size.width - 55)
        for key, size in (("col.code", 7), ("col.title", width), ("col.due", 14), ("col.status", 14),
                          ("col.progress", 4)):
            table.add_column(t(key), width=size)
        rows = commune_rows(self.store, self.code, "tasks")
        rows.sort(key=lambda r: (values.integer(r.get("position")) or 0))
        for r in rows:
            due = _day(r["due_date"]) if r.get("due_date") else describe(parse_deadline(values.text(r.get("deadline_text"))))
            progress = values.integer(r.get("progress"))
            table.add_row(plain(values.text(r.get("code"))), plain(one_line(values.text(r.get("title")), width)),
                          plain(one_line(due, 14)), plain(_status_label(r.get("status"))),
                          plain(values.UNKNOWN if progress is None and "progress" in r else (progress if progress is not None else "")))

    def _checks(self) -> None:
        from .status import DAY_FIELDS

        table = self.query_one("#commune-checks", DataTable)
        table.add_column(t("sync.col_time"))
        table.add_column(t("col.status"))
        entity = "checklist_days"
        rows = commune_rows(self.store, self.code, entity)
        if not rows:
            rows = commune_rows(self.store, self.code, "checklist_marks")
        days: dict[str, int] = {}
        for r in rows:
            day = values.day(_first(r, *DAY_FIELDS))
            if day:
                days[day.isoformat()] = days.get(day.isoformat(), 0) + 1
        if not days:
            table.add_row(plain(values.DASH), plain(t("no_data"), "dim italic"))
        for day in sorted(days, reverse=True)[:60]:
            table.add_row(plain(_day(day)), plain(str(days[day])))

    def _incidents(self) -> None:
        table = self.query_one("#commune-incidents", DataTable)
        for key in ("col.title", "col.status", "sync.col_time"):
            table.add_column(t(key))
        rows = commune_rows(self.store, self.code, "incidents")
        rows.sort(key=lambda r: (not is_open_incident(r), sort_key(str(r.get("title") or ""))))
        if not rows:
            table.add_row(plain(t("no_data"), "dim italic"), plain(values.DASH), plain(values.DASH))
        width = max(20, self.app.size.width - 40)
        for r in rows:
            table.add_row(plain(one_line(_first(r, "title", "summary", "description"), width),
                                "bold" if is_open_incident(r) else ""),
                          plain(_first(r, "status") or values.DASH), plain(values.show_moment(_first(r, "opened_at", "created_at"))))

    def _bundles(self) -> None:
        table = self.query_one("#commune-bundles", DataTable)
        for key in ("sync.col_time", "sync.col_range", "sync.col_records", "sync.col_result"):
            table.add_column(t(key))
        for b in commune_bundles(self.store, self.code):
            table.add_row(plain(values.show_moment(b["created_at"])), plain(f"#{b['seq_from']}–#{b['seq_to']}"),
                          plain(str(b["records"])), plain(f"{b['new']}+{b['updated']}/{b['unchanged']}"))


class ProvinceApp(App):
    CSS_PATH = "province.tcss"
    TITLE = "kehoach · tỉnh"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(CommunesScreen())


def run_province_tui(store: Store) -> None:
    ProvinceApp(store).run()
