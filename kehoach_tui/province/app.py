"""The province TUI (`kehoach province`): communes in Vietnamese order, filters, search, and
a read-only drill-down into one commune's tasks, reports, morning checks, incidents and
bundles. Everything shown comes from the columns kept at import and is read through
province/values.py: a value that cannot be shown is "?"."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane

from ..config import now_utc, today
from ..domain.inheritance import inherit_rows
from ..domain.vntext import matches, sort_key
from ..i18n import known, t
from ..safe import one_line, plain
from ..store.db import Store
from ..widgets.bindings import CatalogueBindings
from ..widgets.safe_input import SafeInput
from . import values
from .present import cells, counts_line, gap_text, headers, rates_line
from .registry import province_name
from .status import FILTERS, apply_filter, commune_statuses, is_open_incident, owed_reports
from .store import status as table

FILTER_LABELS = {"all": "province.filter_all", "late": "province.filter_late",
                 "not_reported": "province.filter_not_reported", "incidents": "province.filter_incidents",
                 "missing_reports": "province.filter_missing_reports", "gaps": "province.filter_gaps"}
DETAIL_DAYS = 90  # the reports tab looks this far back
STATE_LABELS = {"on_time": "province.report_on_time", "late": "province.report_late",
                "missing": "province.report_missing"}


class CommunesScreen(CatalogueBindings, Screen):
    BINDINGS = [
        Binding("a", "filter('all')", "province.filter_all"),
        Binding("l", "filter('late')", "province.filter_late"),
        Binding("n", "filter('not_reported')", "province.filter_not_reported"),
        Binding("i", "filter('incidents')", "province.filter_incidents"),
        Binding("b", "filter('missing_reports')", "province.filter_missing_reports"),
        Binding("g", "filter('gaps')", "province.filter_gaps"),
        Binding("slash", "search", "key.search", show=False),
        Binding("ctrl+q", "app.quit", "key.quit", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_name = "all"
        self.query_text = ""
        self.statuses: list = []

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
        table_widget = self.query_one("#province-table", DataTable)
        for index, header in enumerate(headers()):
            table_widget.add_column(header, width=self._name_width() if index == 0 else None)
        self.reload()
        table_widget.focus()

    def _name_width(self) -> int:
        return max(16, self.app.size.width - 104)

    def reload(self) -> None:
        self.statuses = commune_statuses(self.store, today())
        title = plain(t("province.title", name=province_name(self.store)), "bold")
        title.append("\n")
        title.append_text(plain(counts_line(self.statuses, today()), "dim"))
        title.append("\n")
        title.append_text(plain(rates_line(self.statuses), "dim"))
        self.query_one("#province-title", Static).update(title)
        self.refill()

    def refill(self) -> None:
        day = today()
        shown = apply_filter(self.statuses, self.filter_name, day)
        if self.query_text:
            shown = [s for s in shown if matches(self.query_text, s.name, s.code)]
        table_widget = self.query_one("#province-table", DataTable)
        table_widget.clear()
        width = self._name_width()
        for s in shown:
            row = cells(s, day)
            style = "red" if s.late else ("dim" if not s.reported else "")
            table_widget.add_row(plain(one_line(row[0], width), style), *(plain(c) for c in row[1:]), key=s.code)
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


def _status_label(value: object) -> str:
    """The catalogue's label for a task status it knows; "?" for one it does not."""
    status = values.key(value)
    if not status:
        return values.DASH
    return t("status." + status) if known("status." + status) else values.UNKNOWN


def _number(value: object) -> str:
    found = values.integer(value)
    return values.UNKNOWN if found is None and value not in (None, "") else ("" if found is None else str(found))


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
            with TabPane(t("province.tab_reports")):
                yield DataTable(id="commune-reports", cursor_type="row", zebra_stripes=True)
            with TabPane(t("province.tab_checks")):
                yield DataTable(id="commune-checks", cursor_type="row", zebra_stripes=True)
            with TabPane(t("province.tab_incidents")):
                yield DataTable(id="commune-incidents", cursor_type="row", zebra_stripes=True)
            with TabPane(t("province.tab_bundles")):
                yield DataTable(id="commune-bundles", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._tasks()
        self._reports()
        self._checks()
        self._incidents()
        self._bundles()

    def _tasks(self) -> None:
        from ..domain.deadlines import describe, parse_deadline

        grid = self.query_one("#commune-tasks", DataTable)
        width = max(20, self.app.size.width - 55)
        for key, size in (("col.code", 7), ("col.title", width), ("col.due", 14), ("col.status", 14),
                          ("col.progress", 4)):
            grid.add_column(t(key), width=size)
        # as the commune's report reads them (domain/figures.py): sub-items take their parent's deadline
        for r in inherit_rows(table.commune_tasks(self.store, self.code)):
            due = values.show_day(r["due_date"]) if r["due_date"] else describe(
                parse_deadline(values.text(r["deadline_text"])))
            grid.add_row(plain(values.text(r["code"])), plain(one_line(values.text(r["title"]), width)),
                         plain(one_line(due, 14)), plain(_status_label(r["status"])), plain(_number(r["progress"])))

    def _reports(self) -> None:
        grid = self.query_one("#commune-reports", DataTable)
        for key in ("province.col_report", "province.col_period", "province.col_due", "province.col_sent",
                    "col.status"):
            grid.add_column(t(key))
        end = today()
        start = end - dt.timedelta(days=DETAIL_DAYS - 1)
        schedules = table.schedules(self.store, self.code).get(self.code, [])
        runs = table.report_runs(self.store, (start - dt.timedelta(days=31)).isoformat(), self.code).get(self.code, [])
        items = owed_reports(schedules, runs, start, end, now_utc())
        if not items:
            grid.add_row(plain(t("no_data"), "dim italic"), *(plain(values.DASH) for _ in range(4)))
        for item in reversed(items):
            style = "red" if item.state == "missing" else ("yellow" if item.state == "late" else "")
            grid.add_row(plain(one_line(item.label, 30)), plain(item.period.label()),
                         plain(item.due.strftime("%d/%m/%Y %H:%M")),
                         plain(item.sent.strftime("%d/%m/%Y %H:%M") if item.sent else values.DASH),
                         plain(t(STATE_LABELS[item.state]), style))

    def _checks(self) -> None:
        grid = self.query_one("#commune-checks", DataTable)
        for key in ("sync.col_time", "province.col_answered", "province.col_failed", "province.col_finished"):
            grid.add_column(t(key))
        rows = table.recent_check_days(self.store, self.code)
        if not rows:
            grid.add_row(plain(values.DASH), plain(t("no_data"), "dim italic"), plain(""), plain(""))
        for check_date, finished_at, late, answered, failed in rows:
            finished = values.show_moment(finished_at)
            if late:
                finished += " · " + t("province.check_late")
            grid.add_row(plain(values.show_day(check_date)), plain(_bits(answered)), plain(_bits(failed)),
                         plain(finished))

    def _incidents(self) -> None:
        grid = self.query_one("#commune-incidents", DataTable)
        for key in ("col.title", "col.status", "sync.col_time"):
            grid.add_column(t(key))
        rows = table.commune_incidents(self.store, self.code)
        rows.sort(key=lambda r: (not is_open_incident(r), sort_key(values.text(r["title"]))))
        if not rows:
            grid.add_row(plain(t("no_data"), "dim italic"), plain(values.DASH), plain(values.DASH))
        width = max(20, self.app.size.width - 40)
        for r in rows:
            grid.add_row(plain(one_line(values.text(r["title"]), width), "bold" if is_open_incident(r) else ""),
                         plain(values.text(r["status"]) or values.DASH), plain(values.show_moment(r["opened_at"])))

    def _bundles(self) -> None:
        from .status import gaps_of
        from .store.bundles import held_ranges

        grid = self.query_one("#commune-bundles", DataTable)
        for key in ("sync.col_time", "sync.col_range", "sync.col_records", "sync.col_result"):
            grid.add_column(t(key))
        gaps = gaps_of(held_ranges(self.store, self.code, _epoch(self.store, self.code)))
        if gaps:
            grid.add_row(plain(values.DASH), plain(gap_text(self.commune_name, gaps), "red"), plain(""), plain(""))
        for b in table.commune_bundles(self.store, self.code):
            grid.add_row(plain(values.show_moment(b["created_at"])), plain(f"#{b['seq_from']}–#{b['seq_to']}"),
                         plain(str(b["records"])), plain(f"{b['new']}+{b['updated']}/{b['unchanged']}"))


def _epoch(store: Store, code: str) -> int:
    from .registry import get_commune

    entry = get_commune(store, code)
    return entry.epoch if entry else 0


def _bits(value: object) -> str:
    """How many items a bit set counts."""
    found = values.integer(value)
    return values.UNKNOWN if found is None else str(bin(found & ((1 << 63) - 1)).count("1"))


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
