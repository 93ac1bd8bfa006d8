"""Sự cố: the incident log with filters and accent-insensitive search (plan task 4.5.đ)."""

from __future__ import annotations

import dataclasses

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from ..config import fmt_date, to_local, today
from ..domain.incident_models import PERIODS, IncidentFilter, period_bounds
from ..domain.incidents import STATUSES, status_name
from ..i18n import t, tn
from ..safe import one_line, plain
from ..widgets.fit_table import FitTable
from ..widgets.pickers import Picker
from ..widgets.safe_input import SafeInput
from .base import ModeScreen

# Rows drawn per page: a screenful and a bit; the next page is added when the cursor gets near
# the end, so refreshing on each keystroke stays quick with thousands of incidents.
PAGE = 40
ANY = "*"
OPEN = "open"
WIDE = 110  # from this width the category gets its own column

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": ""}


class IncidentsScreen(ModeScreen):
    MODE = "incidents"
    MAIN = "#incident-table"
    _total = 0
    _filter = IncidentFilter()
    BINDINGS = [
        Binding("n", "new_incident", "incident.key.new"),
        Binding("slash", "focus_search", "incident.key.search"),
        Binding("enter", "view", "incident.key.view", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        from ..store.incidents import catalog

        cat = catalog(self.store)
        with Horizontal(id="incident-filters", classes="filter-row"):
            yield SafeInput(placeholder=t("incident.filter.search"), id="incident-search", compact=True,
                            classes="search")
            yield Picker([(plain(t("incident.filter.open")), OPEN), (plain(t("incident.filter.all_status")), ANY)]
                         + [(plain(status_name(s)), s) for s in STATUSES],
                         value=OPEN, allow_blank=False, compact=True, id="incident-status")
            yield Picker([(plain(t("incident.period." + p)), p) for p in PERIODS],
                         value="all", allow_blank=False, compact=True, id="incident-period")
        with Horizontal(classes="filter-row"):
            yield Picker([(plain(t("incident.filter.all_categories")), ANY)]
                         + [(plain(c.label()), c.code) for c in cat.categories],
                         value=ANY, allow_blank=False, compact=True, id="incident-category")
            yield Picker([(plain(t("incident.filter.all_severities")), ANY)]
                         + [(plain(c.label()), c.code) for c in cat.severities],
                         value=ANY, allow_blank=False, compact=True, id="incident-severity")
        yield FitTable(id="incident-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="incident-count")

    def on_mount(self) -> None:
        self._add_columns()
        self.refresh_data()
        self.query_one("#incident-table", FitTable).focus()

    def _add_columns(self) -> None:
        table = self.query_one("#incident-table", FitTable)
        self._columns_wide = self._wide()
        table.add_fit_column(t("incident.col.number"), key="number", width=4)
        table.add_fit_column(t("incident.col.date"), key="date", width=10)
        table.add_fit_column(t("incident.col.severity"), key="severity", width=10)
        table.add_fit_column(t("incident.col.status"), key="status", width=12)
        if self._columns_wide:
            table.add_fit_column(t("incident.col.category"), key="category", width=24)
        table.add_fit_column(t("incident.col.title"), key="title", min_width=16)  # the rest of the width

    def _wide(self) -> bool:
        return self.app.size.width >= WIDE

    def on_resize(self) -> None:
        """The title column follows the width (FitTable); the category column comes or goes."""
        if self.is_mounted and self._wide() != getattr(self, "_columns_wide", None):
            self.query_one("#incident-table", FitTable).clear(columns=True)
            self._add_columns()
            self.refresh_data()

    def current_filter(self) -> IncidentFilter:
        def value(selector: str) -> str:
            return str(self.query_one(selector, Select).value)

        status = value("#incident-status")
        since, until = period_bounds(value("#incident-period"), today())
        return IncidentFilter(
            status=None if status == ANY else status,
            category=None if value("#incident-category") == ANY else value("#incident-category"),
            severity=None if value("#incident-severity") == ANY else value("#incident-severity"),
            since=since, until=until,
            search=self.query_one("#incident-search", Input).value,
            limit=PAGE,
        )

    def refresh_data(self) -> None:
        """Re-run the query with the current filters and redraw the table (every keystroke).

        Only the first page of rows is drawn; more are added as the cursor nears the end, so
        a keystroke costs the same with ten incidents or ten thousand."""
        from ..store.incidents import list_incidents

        if not self.is_mounted:
            return
        self._filter = self.current_filter()
        rows, total = list_incidents(self.store, self._filter)
        table = self.query_one("#incident-table", DataTable)
        selected = self._selected_id()
        table.clear()
        self._add_rows(rows)
        self._total = total
        if selected and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        self._show_count(total)

    def _add_rows(self, rows) -> None:
        from ..store.incidents import catalog

        cat = catalog(self.store)
        categories = {c.code: c.label() for c in cat.categories}
        severities = {c.code: c.label() for c in cat.severities}
        table = self.query_one("#incident-table", DataTable)
        wide = self._columns_wide
        for row in rows:
            cells = [
                plain(str(row.number)),
                plain(fmt_date(to_local(row.opened_at).date())),
                plain(severities.get(row.severity, row.severity), SEVERITY_STYLE.get(row.severity, "")),
                plain(status_name(row.status), "" if row.is_open else "dim"),
            ]
            if wide:
                cells.append(plain(one_line(categories.get(row.category, row.category_name), 24)))
            cells.append(plain(one_line(row.title)))
            table.add_row(*cells, key=row.id)

    @on(DataTable.RowHighlighted, "#incident-table")
    def _maybe_load_more(self, event: DataTable.RowHighlighted) -> None:
        from ..store.incidents import list_incidents

        table = self.query_one("#incident-table", DataTable)
        if event.cursor_row < table.row_count - 5 or table.row_count >= self._total:
            return
        more, _ = list_incidents(self.store, dataclasses.replace(self._filter, offset=table.row_count))
        self._add_rows(more)

    def _show_count(self, total: int) -> None:
        if total == 0 and not self._any_incident():
            text = plain(t("incident.list.empty"), "dim italic")
        else:
            text = plain(tn("incident.list.count", total), "dim")
        self.query_one("#incident-count", Static).update(text)

    def _any_incident(self) -> bool:
        from ..store.incidents import any_incident

        return any_incident(self.store)

    def _selected_id(self) -> str | None:
        table = self.query_one("#incident-table", DataTable)
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # cursor outside the rows after a clear
            return None

    @on(Input.Changed, "#incident-search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        # Each Select announces its first value as it mounts: the list just drawn, four
        # times over, on the first visit.
        if self._shown_key == self.data_key() and self.current_filter() == getattr(self, "_filter", None):
            return
        self.refresh_data()

    @on(Input.Submitted, "#incident-search")
    def _search_done(self) -> None:
        self.query_one("#incident-table", DataTable).focus()

    @on(DataTable.RowSelected, "#incident-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.open_detail(event.row_key.value)

    def action_view(self) -> None:
        incident_id = self._selected_id()
        if incident_id:
            self.open_detail(incident_id)

    def action_focus_search(self) -> None:
        self.query_one("#incident-search", Input).focus()

    def action_new_incident(self) -> None:
        from .incident_form import IncidentFormScreen

        def created(incident_id: str | None) -> None:
            self.refresh_data()
            if incident_id:
                self.open_detail(incident_id)

        self.app.push_screen(IncidentFormScreen(), callback=created)

    def open_detail(self, incident_id: str) -> None:
        from .incident_detail import IncidentDetailScreen

        self.app.push_screen(IncidentDetailScreen(incident_id), callback=lambda _: self.refresh_data())

    def palette_commands(self):
        yield t("incident.palette.new"), t("incident.palette.new_help"), self.action_new_incident
