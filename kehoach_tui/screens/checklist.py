"""Kiểm tra đầu giờ: today's morning check, one key per state, probes in a worker."""

from __future__ import annotations

import importlib

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, ProgressBar, Static

from ..config import fmt_date, to_local, today
from ..i18n import t, tn
from ..safe import one_line, plain
from ..widgets.fit_table import FitTable, with_tail
from .base import ModeScreen

STATE_STYLE = {"ok": ("●", "green"), "fail": ("✗", "bold red"), "na": ("–", "dim"), "unchecked": ("·", "yellow")}
PROBE_STYLE = {"ok": ("✓", "green"), "fail": ("✗", "bold red"), "warn": ("!", "yellow"), "skip": ("–", "dim")}
INCIDENT_FORM = "kehoach_tui.screens.incident_form"


def state_cell(state: str, source: str = "") -> Text:
    symbol, style = STATE_STYLE.get(state, ("?", ""))
    text = Text(f"{symbol} {t('cstate.' + state)}", style=style)
    if source == "probe" and state != "unchecked":
        text.append(" ⚙", style="dim")  # filled by an automatic check
    return text


class ChecklistScreen(ModeScreen):
    MODE = "checklist"
    MAIN = "#check-table"
    BINDINGS = [
        # in the order the footer keeps them when 80 columns cannot hold all: a clean morning
        # is a · f, a failed item x · g · b
        Binding("o", "mark('ok')", "checklist.key_ok"),
        Binding("x", "mark('fail')", "checklist.key_fail"),
        Binding("a", "mark_rest", "checklist.key_rest_ok"),
        Binding("f", "finish", "checklist.key_finish"),
        Binding("n", "mark('na')", "checklist.key_na"),
        Binding("g", "note", "checklist.key_note"),
        Binding("b", "incident", "checklist.key_incident"),
        Binding("p", "probe", "checklist.key_probe"),
        Binding("u", "mark('unchecked')", "checklist.key_unchecked"),
        Binding("space", "mark('unchecked')", "checklist.key_unchecked", show=False),
        Binding("h", "history", "checklist.key_history", show=False),  # named in #check-hint
        Binding("s", "items", "checklist.key_items", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static(id="check-head")
        with Horizontal(id="check-status"):
            yield Static(id="check-progress")
            yield ProgressBar(id="probe-bar", show_eta=False, show_percentage=False)
            yield Static(plain(t("checklist.hint"), "dim"), id="check-hint")
        yield FitTable(id="check-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="probe-panel")

    def can_prepare(self) -> bool:
        """The first visit installs the default items, a write: the officer's doing."""
        from ..store.checklist import has_items

        return has_items(self.store)

    def on_mount(self) -> None:
        from ..store.checklist import ensure_items

        ensure_items(self.store)
        table = self.query_one("#check-table", FitTable)
        # the item and the note share the width, whatever it becomes; at 80 columns the item
        # still holds a short title and its "· xã tự thêm" mark
        table.add_fit_column(t("checklist.col_state"), key="state", width=15)
        table.add_fit_column(t("checklist.col_item"), key="item", weight=2, min_width=26, max_width=48)
        table.add_fit_column(t("checklist.col_note"), key="note", weight=3, min_width=10)
        self.query_one("#probe-bar", ProgressBar).display = False
        self.refresh_data()
        table.focus()

    # --- reading ---------------------------------------------------------------------------

    @property
    def day(self):
        return today()

    def refresh_data(self) -> None:
        from ..store.checklist import get_day

        check = get_day(self.store, self.day)
        self.check = check
        self.query_one("#check-head", Static).update(self._head(check))
        self._show_progress(check)
        table = self.query_one("#check-table", DataTable)
        row = table.cursor_row
        table.clear()
        for mark in check.marks:
            own = "" if mark.from_plan else f" · {t('origin.assumed_short')}"  # not named by the plan
            title = plain(one_line(mark.title), "bold" if mark.required else "")
            if own:  # kept in sight when the column cuts a long title
                title = with_tail(title, plain(own, "dim italic"))
            note = " · ".join(part for part in (mark.note, mark.evidence) if part)
            table.add_row(state_cell(mark.state, mark.source), title,
                          plain(one_line(note), "" if mark.note else "dim"), key=mark.item_code)
        if check.marks:
            table.move_cursor(row=min(max(row, 0), len(check.marks) - 1), animate=False)
        self._show_probes(check)

    def _head(self, check) -> Text:
        head = plain(t("checklist.title", date=fmt_date(check.check_date)), "bold")
        parts = []
        if check.exists:
            parts.append(t("checklist.officer", name=one_line(check.officer, 30)))
            parts.append(t("checklist.started", time=to_local(check.started_at).strftime("%H:%M")))
        else:
            parts.append(t("checklist.not_started"))
        for part in parts:
            head.append(" · ")
            head.append_text(plain(part))
        if check.finished_at:
            head.append(" · ")
            head.append(t("checklist.finished", time=to_local(check.finished_at).strftime("%H:%M")), "green")
            if check.late:
                head.append(" · ")
                head.append(t("checklist.late", time=check.late_after), "bold red")
        return head

    def _show_progress(self, check, extra: str = "") -> None:
        text = plain(t("checklist.progress", done=check.answered, total=len(check.marks), failed=check.failed))
        if extra:
            text.append(" · " + extra, style="italic")
        self.query_one("#check-progress", Static).update(text)

    def _show_probes(self, check) -> None:
        """Results of the probes no item uses (clock, database, backup…); the others show
        their evidence in the item's row."""
        panel = self.query_one("#probe-panel", Static)
        used = {mark.probe for mark in check.marks if mark.probe}
        results = [r for r in check.probes if r.get("name") not in used]
        if not results:
            panel.display = False
            return
        panel.border_title = t("checklist.probes_title", time=to_local(check.probed_at).strftime("%H:%M"))
        lines = Text()
        width = max(20, self.app.size.width - 16)
        for number, result in enumerate(results):
            symbol, style = PROBE_STYLE.get(result.get("state", ""), ("?", ""))
            lines.append(("\n" if number else "") + f"{symbol} ", style=style)
            lines.append(f"{t('probe.name.' + str(result.get('name'))):<9} ")
            lines.append_text(plain(one_line(result.get("summary", ""), width)))
        panel.update(lines)
        panel.display = True

    def _current(self):
        table = self.query_one("#check-table", DataTable)
        marks = getattr(self, "check", None)
        if not marks or not marks.marks or table.row_count == 0:
            return None
        return marks.marks[min(table.cursor_row, len(marks.marks) - 1)]

    # --- marking ---------------------------------------------------------------------------

    def _write(self, fn, *args, **kwargs) -> bool:
        from ..errors import KehoachError

        try:
            fn(*args, **kwargs)
        except KehoachError as exc:
            self.notify(str(exc), severity="error")
            return False
        return True

    def action_mark(self, state: str) -> None:
        from ..store.checklist import mark_item

        mark = self._current()
        if mark is None:
            return
        if self._write(mark_item, self.store, self.day, mark.item_code, state):
            self.refresh_data()
            self.query_one("#check-table", DataTable).action_cursor_down()

    def action_mark_rest(self) -> None:
        """Every item not yet checked: OK (a clean morning is 3 · a · f)."""
        from ..store.checklist import mark_rest

        left = len(self.check.unchecked)
        if not left:
            self.notify(t("checklist.rest_none"))
            return
        if self._write(mark_rest, self.store, self.day, "ok"):
            self.refresh_data()
            self.notify(t("checklist.rest_done", items=tn("count.items", left)))

    def action_note(self) -> None:
        mark = self._current()
        if mark is None:
            return
        from .checklist_dialogs import NoteScreen

        def save(note: str | None) -> None:
            from ..store.checklist import set_note

            if note is not None and self._write(set_note, self.store, self.day, mark.item_code, note):
                self.refresh_data()

        self.app.push_screen(NoteScreen(mark.title, mark.note), save)

    def action_finish(self) -> None:
        from .checklist_dialogs import ConfirmScreen

        check = self.check
        left = check.unchecked
        if not left:
            self._finish()
            return
        names = ", ".join(one_line(m.title, 24) for m in left[:4]) + ("…" if len(left) > 4 else "")
        question = tn("checklist.confirm_finish", len(left), required=sum(1 for m in left if m.required),
                     names=names)
        self.app.push_screen(ConfirmScreen(question), lambda yes: self._finish() if yes else None)

    def _finish(self) -> None:
        from ..store.checklist import finish_day

        if not self._write(finish_day, self.store, self.day):
            return
        self.refresh_data()
        check = self.check
        at = to_local(check.finished_at).strftime("%H:%M")
        if check.late:
            self.notify(t("checklist.finished_late_msg", time=at, late_after=check.late_after), severity="warning")
        else:
            self.notify(t("checklist.finished_msg", time=at))

    def action_incident(self) -> None:
        mark = self._current()
        if mark is None:
            return
        if mark.state != "fail":
            self.notify(t("checklist.incident_only_fail"), severity="warning")
            return
        form = incident_form_class()
        if form is not None:
            extra = {"prefill_title": mark.title, "prefill_note": mark.note}
            accepted = _parameters(form)
            self.app.push_screen(form(prefill_item=mark.item_code,
                                      **{k: v for k, v in extra.items() if k in accepted}))
            return
        self.notify(t("checklist.incident_pending", item=one_line(mark.title, 40)))
        if not mark.note:
            self.action_note()

    # The history grid is looked at most mornings right after the check, so one is kept
    # built while this screen is shown: h then only paints it (reloaded first if a mark
    # changed since). A grid that was shown is gone when it closes; the next is built when
    # this screen is back.
    _spare_history = None

    def on_screen_resume(self) -> None:
        if self._spare_history is None and self.app.prepares_screens:
            self.call_after_refresh(self._prepare_history)

    def _prepare_history(self) -> None:
        if self._spare_history is None and self.is_current:
            from .checklist_history import ChecklistHistoryScreen

            self._spare_history = ChecklistHistoryScreen()
            self.run_worker(self.app.prepare_screen(self._spare_history), group="spare", exit_on_error=False)

    def action_history(self) -> None:
        from .checklist_history import ChecklistHistoryScreen

        screen, self._spare_history = self._spare_history, None
        if screen is None or not screen.is_attached:
            screen = ChecklistHistoryScreen()
        elif screen.prepared:
            screen.reload_if_changed()
        self.app.push_screen(screen)
        self.app.show_prepared(screen)

    def action_items(self) -> None:
        from .checklist_items import ChecklistItemsScreen

        self.app.push_screen(ChecklistItemsScreen())

    # --- probes ----------------------------------------------------------------------------

    def action_probe(self) -> None:
        from ..probes import registry

        bar = self.query_one("#probe-bar", ProgressBar)
        bar.update(total=len(registry()), progress=0)
        bar.display = True
        self.query_one("#check-hint").display = False
        self._show_progress(self.check, t("checklist.probe_running", done=0, total=len(registry())))
        self.run_probes()

    @work(thread=True, exclusive=True, group="probes", exit_on_error=False)
    def run_probes(self) -> None:
        from ..errors import KehoachError
        from ..store.checklist import run_probes_and_record

        def progress(result, done: int, total: int) -> None:
            self.app.call_from_thread(self._probe_progress, done, total)

        try:
            with self.store.for_thread() as store:
                results, filled = run_probes_and_record(store, self.day, on_result=progress)
        except KehoachError as exc:
            self.app.call_from_thread(self._probes_failed, str(exc))
            return
        self.app.call_from_thread(self._probes_done, len(filled))

    def _probe_progress(self, done: int, total: int) -> None:
        self.query_one("#probe-bar", ProgressBar).update(progress=done, total=total)
        self._show_progress(self.check, t("checklist.probe_running", done=done, total=total))

    def _probes_done(self, filled: int) -> None:
        self.query_one("#probe-bar", ProgressBar).display = False
        self.query_one("#check-hint").display = True
        self.refresh_data()
        self._show_progress(self.check, t("checklist.probe_done", filled=filled))

    def _probes_failed(self, reason: str) -> None:
        self.notify(reason, severity="error")
        self.worker_failed()

    def worker_failed(self, worker=None) -> None:
        """After the probes stopped on an error (told by the app's worker error handler)."""
        self.query_one("#probe-bar", ProgressBar).display = False
        self.query_one("#check-hint").display = True
        self.refresh_data()

    @on(DataTable.RowSelected, "#check-table")
    def _selected(self) -> None:
        self.action_note()

    def palette_commands(self):
        yield t("checklist.key_probe"), t("mode.checklist") + ": " + t("checklist.key_probe"), self.action_probe
        yield t("checklist.key_finish"), t("mode.checklist") + ": " + t("checklist.key_finish"), self.action_finish
        yield t("checklist.key_history"), t("mode.checklist") + ": " + t("checklist.key_history"), self.action_history
        yield t("checklist.key_items"), t("mode.checklist") + ": " + t("checklist.key_items"), self.action_items


def incident_form_class():
    """The incident form, when that module exists and takes prefill_item; else None."""
    try:
        module = importlib.import_module(INCIDENT_FORM)
    except ImportError:
        return None
    form = getattr(module, "IncidentFormScreen", None)
    if form is None:
        return None
    return form if "prefill_item" in _parameters(form) else None


def _parameters(form) -> set[str]:
    import inspect

    try:
        return set(inspect.signature(form).parameters)
    except (TypeError, ValueError):
        return set()
