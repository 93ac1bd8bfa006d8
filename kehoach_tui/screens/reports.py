"""Báo cáo: choose a period and a format, preview the sections, write the officer's text,
export in a worker with progress, show where the file went, and the reports made for the
period: made (đã tạo) until sent (đã gửi), which the officer may mark by hand (iOffice)."""

from __future__ import annotations

import threading
from dataclasses import asdict

from rich import box
from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, ProgressBar, Select, Static

from ..config import fmt_datetime, to_local, today
from ..i18n import t
from ..safe import one_line, plain
from ..widgets.pickers import Picker
from ..widgets.rendered_view import RenderedView, render_lines
from ..widgets.safe_input import SafeInput
from .base import ModeScreen

KINDS = ("week", "month", "month15", "day", "custom")
FORMATS = ("docx", "xlsx", "csv", "md", "txt")


def preview_renderable(model, sections_shown: int | None = None):
    """The report's sections as terminal text: user text always through plain().
    sections_shown: only the title and that many sections (the top of the page, at once)."""
    from ..reports.layout import Para, SubHeading, Table, cell_text, sections

    parts: list = []
    head = plain("BÁO CÁO\n", "bold")
    head.append_text(plain(model.subject, "bold"))
    head.append_text(plain(f"\n{model.settings.place}, {model.generated_on:%d/%m/%Y}", "italic dim"))
    parts.append(head)
    for section in sections(model)[:sections_shown]:
        parts.append(plain(f"\n{section.heading}", "bold underline"))
        for block in section.blocks:
            if isinstance(block, SubHeading):
                parts.append(plain(block.text, "bold"))
            elif isinstance(block, Para):
                parts.append(plain(block.text, "italic dim" if block.italic else ""))
            elif isinstance(block, Table):
                table = RichTable(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1), show_edge=False)
                for index, header in enumerate(block.headers):
                    table.add_column(plain(header, "bold"), ratio=max(1, round(block.widths[index] * 2)),
                                     min_width=max(len(word) for word in header.split()),
                                     justify="right" if index in block.numeric else "left", overflow="ellipsis")
                for row in block.rows:
                    table.add_row(*[plain(one_line(cell_text(v))) for v in row])
                parts.append(table)
    return Group(*parts)


class ReportsScreen(ModeScreen):
    MODE = "reports"
    MAIN = "#report-scroll"
    BINDINGS = [
        Binding("f3", "export", "reports.export"),
        Binding("f2", "edit_texts", "reports.edit"),
        Binding("f4", "settings", "reports.settings"),
        Binding("f6", "open_folder", "reports.key_open_folder"),  # shown once a file is saved
        Binding("f7", "mark_sent", "reports.key.sent", show=False),
    ]
    saved_path = None  # the file last saved, shown in full under the controls

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="report-controls"):
            yield Picker([(t(f"reports.kind.{k}"), k) for k in KINDS], value="month", allow_blank=False,
                         id="report-kind", compact=True)
            # a hint, not a sample period (a sample reads as the period to be exported); the
            # period itself is said in words on the line below
            yield SafeInput(placeholder=t("reports.period_hint.month"), id="report-period", compact=True)
            yield Picker([(f, f) for f in FORMATS], value="docx", allow_blank=False, id="report-format",
                         compact=True)
            yield Button(t("reports.edit"), id="report-edit", compact=True)
            yield Button(t("reports.settings"), id="report-settings", compact=True)
            yield Button(t("reports.export"), id="report-export", variant="primary", compact=True)
        with Horizontal(id="report-status"):
            yield Static(id="report-info")
            yield ProgressBar(total=4, show_eta=False, id="report-progress")
        with Horizontal(id="report-saved"):
            yield Static(id="report-saved-path")
            yield Button(t("reports.open_folder"), id="report-open-folder", compact=True)
        yield Static(id="report-runs")
        yield RenderedView(id="report-scroll")

    def on_mount(self) -> None:
        self.query_one("#report-progress").display = False
        self.query_one("#report-saved").display = False
        self.query_one("#report-runs").display = False
        self.model = None
        self.refresh_data()
        self.query_one("#report-scroll").focus()  # not the period box: digits switch screens

    # --- period and preview ----------------------------------------------------------------

    def _period(self):
        from ..domain.periods import parse_period

        kind = self.query_one("#report-kind", Select).value
        return parse_period(kind, self.query_one("#report-period", Input).value, today())

    def refresh_data(self) -> None:
        from ..domain.periods import PeriodError

        try:
            period = self._period()
        except PeriodError as exc:
            self.model = None
            self._preview_of = None
            self._info(plain(str(exc), "red"))
            self._show_runs(None)
            return
        # The kind Select announces its first value as it mounts: the same preview again.
        wanted = (period, self.data_key())
        if wanted == getattr(self, "_preview_of", None):
            return
        self._preview_of = wanted
        self._show_runs(period)
        self._build_preview(period)

    @work(thread=True, exclusive=True, group="report-preview", exit_on_error=False)
    def _build_preview(self, period) -> None:
        from ..reports.model import build_report

        with self.store.for_thread() as store:
            model = build_report(store, period, today())
        # The width once the model is built: on a first visit the view is laid out by then
        # (read at the start, it was not yet, and every first preview was rendered twice).
        width = self.query_one("#report-scroll", RenderedView).width_wanted
        # The preview's lines are rendered here too, off the UI thread (hundreds of cells):
        # first the title and the first section, which fill the window; the whole once those
        # are painted, so the two do not share the interpreter meanwhile (a second or so at
        # most: a busy UI does not hold the whole back for long).
        top = render_lines(preview_renderable(model, sections_shown=1), width)
        painted = threading.Event()
        self.app.call_from_thread(self._show_preview, model, top, width, painted=painted)
        painted.wait(1.0)
        if self._whole_later:
            return
        self.app.call_from_thread(self._show_preview, model, render_lines(preview_renderable(model), width), width)

    def _render_again(self, model, width: int) -> None:
        self._whole_later = False  # it is the whole
        self._render_whole_at(model, width)

    @work(thread=True, exclusive=True, group="report-preview", exit_on_error=False)
    def _render_whole_at(self, model, width: int) -> None:
        self.app.call_from_thread(self._show_preview, model, render_lines(preview_renderable(model), width), width)

    # The screen was built before it was shown (app.py: PREPARED): its top is ready, and the
    # whole preview is rendered once it is shown, not while the officer works elsewhere.
    _whole_later = False

    def _show_preview(self, model, lines, width: int, painted: threading.Event | None = None) -> None:
        """painted: the top of the preview, to be set once it is on screen."""
        self.model = model
        view = self.query_one("#report-scroll", RenderedView)
        view.show(lines, width)
        self._info(self._summary_line(model))
        if painted is not None:
            self._whole_later = not self.is_current
            if self._whole_later:
                painted.set()
            else:
                self.call_after_refresh(painted.set)
        # The window changed while the lines were made, or a prepared screen was laid out
        # only then (not laid out yet, its first Resize says so: RenderedView.on_resize).
        if view.size.width and view.width_wanted != width:
            self._render_again(model, view.width_wanted)

    def on_screen_resume(self) -> None:
        if self._whole_later:  # once the top is painted: the two would share the interpreter
            self.call_after_refresh(self._render_whole)

    def _render_whole(self) -> None:
        if self._whole_later and self.model is not None and self.is_current:
            self._render_again(self.model, self.query_one("#report-scroll", RenderedView).width_wanted)

    @on(RenderedView.WidthChanged, "#report-scroll")
    def _preview_resized(self) -> None:
        if self.model is not None:
            self._render_again(self.model, self.query_one("#report-scroll", RenderedView).width_wanted)

    def _summary_line(self, model) -> Text:
        line = plain(t("reports.summary", period=model.period.words(), done=model.totals.done,
                       total=model.totals.total, overdue=model.totals.overdue), "bold")
        from ..domain.report_texts import TEXT_SECTIONS

        missing = [s.number for s in TEXT_SECTIONS if s.required and not getattr(model.texts, s.key).strip()]
        if missing:
            line.append_text(plain("  " + t("reports.missing_text", sections=", ".join(missing)), "yellow"))
        return line

    RUNS_SHOWN = 3

    def _show_runs(self, period) -> None:
        """The reports made for the period, the last first: when, đã tạo / đã gửi (date, via),
        which file. Hidden while none is made."""
        runs = self._runs(period) if period is not None else []
        box = self.query_one("#report-runs", Static)
        box.display = bool(runs)
        if not runs:
            return
        width = max(20, self.app.size.width - 4)
        lines = Text()
        for index, run in enumerate(runs[: self.RUNS_SHOWN]):
            state = (t("reports.run_sent", date=f"{to_local(run.sent_at):%d/%m/%Y}", via=run.sent_via)
                     if run.sent_at else t("reports.run_made"))
            line = t("reports.run_line", made=fmt_datetime(run.created_at), state=state,
                     file=run.file_path.replace("\\", "/").rsplit("/", 1)[-1])
            lines.append("\n" if index else "")
            lines.append_text(plain(one_line(line, width), "green" if run.sent_at else "yellow"))
        if len(runs) > self.RUNS_SHOWN:
            lines.append_text(plain("\n" + t("reports.runs_more", n=len(runs) - self.RUNS_SHOWN), "dim"))
        if any(not run.sent_at for run in runs):
            lines.append_text(plain("  " + t("reports.sent_hint"), "dim"))
        box.update(lines)

    def _info(self, text) -> None:
        self.query_one("#report-info", Static).update(text)

    @on(Select.Changed, "#report-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        field = self.query_one("#report-period", Input)
        field.placeholder = t(f"reports.period_hint.{event.value}")
        field.value = ""
        self.refresh_data()

    @on(Input.Submitted, "#report-period")
    def _period_submitted(self) -> None:
        self.refresh_data()

    @on(Input.Changed, "#report-period")
    def _period_changed(self) -> None:
        self.refresh_data()

    # --- actions ---------------------------------------------------------------------------

    @on(Button.Pressed, "#report-edit")
    def action_edit_texts(self) -> None:
        from .report_dialogs import TextsDialog

        if self.model is None:
            return
        period = self.model.period
        self.app.push_screen(TextsDialog(period.words(), asdict(self.model.texts)),
                             callback=lambda texts: self._save_texts(period, texts))

    def _save_texts(self, period, texts: dict | None) -> None:
        from ..store.reports import save_texts
        from ..store.setup import officer

        if texts is None:
            return
        save_texts(self.store, period, texts, actor=officer(self.store))
        self.refresh_data()

    @on(Button.Pressed, "#report-settings")
    def action_settings(self) -> None:
        from ..store.reports import report_settings
        from .report_dialogs import SettingsDialog

        self.app.push_screen(SettingsDialog(report_settings(self.store)), callback=self._save_settings)

    def _save_settings(self, values: dict | None) -> None:
        from ..store.reports import save_report_settings
        from ..store.setup import officer

        if values is None:
            return
        save_report_settings(self.store, values, actor=officer(self.store))
        self.refresh_data()

    @on(Button.Pressed, "#report-export")
    def action_export(self) -> None:
        if self.model is None:
            return
        bar = self.query_one("#report-progress", ProgressBar)
        bar.update(progress=0)
        bar.display = True
        self.query_one("#report-export", Button).disabled = True
        self._info(plain(t("reports.exporting"), "italic"))
        self._export(self.model.period, str(self.query_one("#report-format", Select).value))

    @work(thread=True, exclusive=True, group="report-export", exit_on_error=False)
    def _export(self, period, fmt: str) -> None:
        from ..reports.export import export_report
        from ..store.setup import officer

        def progress(step: int, total: int, _label: str) -> None:
            self.app.call_from_thread(self.query_one("#report-progress", ProgressBar).update,
                                      progress=step, total=total)

        try:
            with self.store.for_thread() as store:
                result = export_report(store, period, fmt, today=today(), actor=officer(store),
                                       progress=progress)
        except Exception as exc:  # shown on the screen; the worker must not die silently
            self.app.call_from_thread(self._export_done, None, str(exc))
            return
        self.app.call_from_thread(self._export_done, result, "")

    def _export_done(self, result, error: str) -> None:
        self.query_one("#report-progress").display = False
        self.query_one("#report-export", Button).disabled = False
        if result is None:
            self._info(plain(t("reports.failed", reason=error), "red"))
            self.notify(t("reports.failed", reason=error), severity="error", markup=False)
            return
        self._info(plain(t("reports.saved"), "green"))
        # The whole path, wrapped: at 80 columns one line cut it to "Đã lưu:".
        self.saved_path = result.path
        self.query_one("#report-saved-path", Static).update(plain(t("reports.saved_to", path=result.path), "green"))
        self.query_one("#report-saved").display = True
        self.refresh_bindings()
        self._show_runs(result.period)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_folder" and self.saved_path is None:
            return False
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#report-open-folder")
    def action_open_folder(self) -> None:
        from .. import open_folder as opener

        if self.saved_path is None:
            return
        try:
            opener.open_folder(self.saved_path.parent)
        except OSError as exc:
            self.notify(t("reports.open_failed", path=self.saved_path.parent, reason=exc.strerror or exc),
                        severity="warning", markup=False)

    def action_mark_sent(self) -> None:
        """Ask via which channel, then mark the shown period's made reports sent."""
        from .report_dialogs import SentDialog

        if self.model is None:
            return
        period = self.model.period
        if all(run.sent_at for run in self._runs(period)):
            self._info(plain(t("report.sent_none", period=period.label()), "yellow"))
            return
        self.app.push_screen(SentDialog(period.label()), callback=lambda via: self._mark_sent(period, via))

    def _runs(self, period):
        from ..store.reports import period_runs

        return period_runs(self.store, period)

    def _mark_sent(self, period, via: str | None) -> None:
        from ..store.reports import mark_sent
        from ..store.setup import officer

        if via is None:
            return
        changed = mark_sent(self.store, actor=officer(self.store), via=via, period=period)
        # A toast: the info line is rewritten when the screen resumes after the dialog.
        self.notify(t("report.sent_done", period=period.label(), via=via, n=changed), markup=False)
        self._show_runs(period)

    def palette_commands(self):
        yield t("palette.report_export"), t("reports.export"), self.action_export
        yield t("palette.report_edit"), t("reports.edit"), self.action_edit_texts
        yield t("palette.report_settings"), t("reports.settings"), self.action_settings
        if self.saved_path is not None:
            yield t("reports.open_folder"), t("reports.open_folder_help"), self.action_open_folder
        yield t("palette.report_sent"), t("reports.key.sent"), self.action_mark_sent
