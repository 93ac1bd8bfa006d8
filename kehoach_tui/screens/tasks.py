"""Nhiệm vụ: the plan's tasks, grouped, sub-items under their parent."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable

from ..config import fmt_date, today
from ..domain.deadlines import describe, parse_deadline
from ..domain.progress import derived_progress
from ..i18n import t
from ..safe import one_line, plain
from .base import ModeScreen


class TasksScreen(ModeScreen):
    MODE = "tasks"

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="task-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#task-table", DataTable)
        table.add_column(t("col.code"), key="code", width=7)
        table.add_column(t("col.title"), key="title", width=self._title_width())
        table.add_column(t("col.due"), key="due", width=12)
        table.add_column(t("col.status"), key="status", width=14)
        table.add_column(t("col.progress"), key="progress", width=4)
        self.refresh_data()

    def _title_width(self) -> int:
        # the other columns take 7 + 12 + 14 + 4, plus 2 cells of padding each, plus a scrollbar
        return max(20, self.app.size.width - 37 - 10 - 2)

    def refresh_data(self) -> None:
        from ..store.plans import list_tasks

        tasks = list_tasks(self.store)
        progress = derived_progress(tasks)
        table = self.query_one("#task-table", DataTable)
        table.clear()
        now = today()
        width = self._title_width()
        for task in tasks:
            indent = "  " if task.parent_code else ""
            due = fmt_date(task.due_date) if task.due_date else describe(parse_deadline(task.deadline_text))
            overdue = task.due_date and task.due_date < now and task.status not in ("done", "not_applicable")
            table.add_row(
                plain(indent + task.code, "bold" if not task.parent_code else ""),
                plain(one_line(task.title, width)),
                plain(due, "red bold" if overdue else ""),
                plain(t("status." + task.status)),
                plain(f"{progress[task.code]:>3}"),
                key=task.code,
            )
