"""Danh mục kiểm tra: add, rename, reorder, deactivate items (each change logged)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from ..i18n import t
from ..safe import one_line, plain
from ..widgets.fit_table import FitTable
from .base import ModeScreen


class ChecklistItemsScreen(ModeScreen):
    MODE = "checklist"
    MAIN = "#items-table"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("a", "add", "checklist.key_add"),
        Binding("e", "edit", "checklist.key_edit"),
        Binding("left_square_bracket", "move(-1)", "checklist.key_up"),
        Binding("right_square_bracket", "move(1)", "checklist.key_down"),
        Binding("space", "toggle_active", "checklist.key_active"),
    ]

    def compose_body(self) -> ComposeResult:
        yield FitTable(id="items-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#items-table", DataTable)
        table.add_fit_column(t("checklist.col_code"), key="code", width=11)
        table.add_fit_column(t("checklist.col_item"), key="title", min_width=16)  # the rest of the width
        table.add_fit_column(t("checklist.col_category"), key="category", width=12)
        table.add_fit_column(t("checklist.col_probe"), key="probe", width=8)
        table.add_fit_column(t("checklist.col_required"), key="required", width=8)
        table.add_fit_column(t("checklist.col_active"), key="active", width=9)
        self.refresh_data()
        table.focus()

    def refresh_data(self) -> None:
        from ..store.checklist import ensure_items, list_items

        ensure_items(self.store)
        self.items = list_items(self.store, include_inactive=True)
        table = self.query_one("#items-table", DataTable)
        row = table.cursor_row
        table.clear()
        yes, no = t("checklist.yes_short"), t("checklist.no_short")
        for item in self.items:
            dim = "" if item.active else "dim strike"
            title = plain(one_line(item.title), dim)  # the table ends it in … at the column edge
            if not item.source_ref:  # not named by the plan (task 3.4.c): the commune's own item
                title.append_text(plain(f" · {t('origin.assumed_item')}", "dim italic"))
            table.add_row(
                plain(item.code, dim), title,
                plain(one_line(item.category, 12), dim), plain(item.probe, dim),
                plain(yes if item.required else no, dim), plain(yes if item.active else no, dim),
                key=item.code,
            )
        if self.items:
            table.move_cursor(row=min(max(row, 0), len(self.items) - 1), animate=False)

    def _current(self):
        table = self.query_one("#items-table", DataTable)
        if not self.items:
            return None
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    def _write(self, fn, *args, **kwargs) -> bool:
        from ..errors import KehoachError

        try:
            fn(*args, **kwargs)
        except KehoachError as exc:
            self.notify(str(exc), severity="error")
            return False
        self.refresh_data()
        return True

    def action_add(self) -> None:
        from ..store.checklist import add_item
        from .checklist_dialogs import ItemFormScreen

        def save(values: dict | None) -> None:
            if values and self._write(add_item, self.store, values["title"], category=values["category"],
                                      required=values["required"], probe=values["probe"]):
                self.query_one("#items-table", DataTable).move_cursor(row=len(self.items) - 1)

        self.app.push_screen(ItemFormScreen(t("checklist.item_form_add")), save)

    def action_edit(self) -> None:
        from ..store.checklist import edit_item
        from .checklist_dialogs import ItemFormScreen

        item = self._current()
        if item is None:
            return

        def save(values: dict | None) -> None:
            if values:
                self._write(edit_item, self.store, item.code, **values)

        self.app.push_screen(ItemFormScreen(
            t("checklist.item_form_edit", code=item.code), title=item.title, category=item.category,
            probe=item.probe, required=item.required,
        ), save)

    def on_data_table_row_selected(self) -> None:
        self.action_edit()

    def action_move(self, delta: int) -> None:
        from ..store.checklist import move_item

        item = self._current()
        if item is None:
            return
        table = self.query_one("#items-table", DataTable)
        target = max(0, min(len(self.items) - 1, table.cursor_row + delta))
        if self._write(move_item, self.store, item.code, delta):
            table.move_cursor(row=target, animate=False)

    def action_toggle_active(self) -> None:
        from ..store.checklist import edit_item

        item = self._current()
        if item is not None:
            self._write(edit_item, self.store, item.code, active=not item.active)
