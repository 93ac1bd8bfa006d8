"""One task in full: the plan's text, units, deadline as written and as understood, status,
and every update (who, when, status change, progress, note, evidence)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..config import fmt_date, fmt_datetime, today
from ..domain.deadlines import DeadlineKind, describe, parse_deadline
from ..domain.recurring import age_text
from ..domain.task_list import MARK
from ..i18n import get_lang, t
from ..safe import one_line, plain
from ..widgets.bindings import CatalogueBindings
from ..widgets.key_footer import KeyFooter


def updates_text(updates) -> Text:
    """Each update on its own lines: when · who · status change, progress; note; evidence."""
    text = Text()
    if not updates:
        return plain(t("detail.no_updates"), "dim italic")
    for u in updates:
        text.append(fmt_datetime(u.at), style="dim")
        text.append(" · ")
        text.append_text(plain(one_line(u.officer, 40), "bold"))
        text.append(" · ")
        change = f"{t('status.' + u.status_after)}, {u.progress_after}%"
        if u.status_before != u.status_after:
            change = f"{t('status.' + u.status_before)} → {change}"
        elif u.progress_before != u.progress_after:
            change = f"{u.progress_before}% → {u.progress_after}%"
        text.append(change)
        text.append("\n")
        if u.note:
            text.append_text(plain("  " + u.note.replace("\n", "\n  ")))
            text.append("\n")
        if u.evidence:
            text.append_text(plain(f"  {t('task.evidence')}: {u.evidence}", "italic"))
            text.append("\n")
    return text


class TaskDetailScreen(CatalogueBindings, Screen):
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("n", "update", "tasks.key.update"),
        Binding("t", "trigger", "tasks.key.trigger"),
        Binding("l", "history", "tasks.key.history"),
    ]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self._trigger = False

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail-text")
            yield Static(t("detail.updates"), classes="section-title")
            yield Static(id="detail-updates")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#detail-body").focus()

    def refresh_data(self) -> None:
        from ..store.tasks import get_record, list_updates, task_rows

        record = get_record(self.store, self.code)
        if record is None:
            self.query_one("#detail-head", Static).update(plain(t("task.not_found", code=self.code)))
            return
        row = next(r for r in task_rows(self.store) if r.code == record.code)
        self._trigger = parse_deadline(record.deadline_text).kind == DeadlineKind.TRIGGER
        self.refresh_bindings()
        head = plain(f"{record.code}. ", "bold")
        head.append_text(plain(one_line(record.title), "bold"))
        self.query_one("#detail-head", Static).update(head)
        self.query_one("#detail-text", Static).update(self._body(record, row))
        self.query_one("#detail-updates", Static).update(updates_text(list_updates(self.store, record.code)))

    def _body(self, record, row) -> Text:
        lang = get_lang()
        text = Text()
        if record.description:
            text.append_text(plain(record.description))
            text.append("\n\n")

        def line(label: str, value: str, style: str = "") -> None:
            text.append(f"{label}: ", style="bold")
            text.append_text(plain(value or "—", style))
            text.append("\n")

        line(t("col.lead"), "; ".join(row.lead_units))
        line(t("task.partners"), "; ".join(row.partner_units))
        written = row.deadline_text or t("detail.no_deadline")
        if row.deadline_text != record.deadline_text:
            written += " " + t("detail.from_parent", code=record.parent_code)
        line(t("detail.deadline_written"), written)
        understood = row.due_text
        if row.deadline_kind == DeadlineKind.TRIGGER and row.due_date is None:
            understood = describe(parse_deadline(row.deadline_text), lang) + " — " + t("detail.trigger_hint")
        style = "bold red" if row.overdue else ("bold yellow" if row.due_soon else "")
        if row.overdue:
            understood = f"{MARK['overdue']} {understood} — " + t("tasks.key.overdue")
        if row.due_assumed:
            understood += f" ({t('due.assumed')})"
        line(t("detail.deadline_understood"), understood, style)
        from ..domain.milestones import state

        for m in row.milestones:  # each dated step can be overdue on its own
            now = state(m, row.status, today())
            mark = t("milestone.met", date=fmt_date(m.done_on)) if now == "met" and m.done_on else t(
                "status.done") if now == "met" else t("milestone." + now)
            origin = f" ({t('due.assumed')})" if m.assumed else ""
            line(t("detail.milestone", number=m.number), f"{m.due:%d/%m/%Y} — {m.text} — {mark}{origin}",
                 "bold red" if now == "overdue" else "")
        if record.trigger_date:
            line(t("task.trigger_date"), fmt_date(record.trigger_date))
        line(t("col.status"), f"{t('status.' + row.status)}, {row.progress}%")
        if row.has_children:
            text.append_text(plain(t("detail.parent_rule") + "\n", "dim italic"))
        from ..store.plans import describe_schedule, responsibilities, task_schedules

        for schedule, item in task_schedules(self.store, record):
            line(t("detail.schedule"), describe_schedule(schedule, item), "italic" if schedule.assumed else "")
        for unit in row.lead_units:
            for duty in responsibilities(self.store, unit):
                line(t("detail.duties", section=duty["section"]), f"{'; '.join(duty['units'])}: {duty['text']}", "dim")
        if row.recurring:
            age = age_text(row.last_update, today(), lang)
            flag = f" {MARK['needs_note']} " + t("detail.needs_note") if row.needs_note else ""
            line(t("detail.last_update"), age + flag, "yellow" if row.needs_note else "")
        return text

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "trigger":
            return self._trigger
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_update(self) -> None:
        from .task_dialogs import UpdateDialog

        self.app.push_screen(UpdateDialog(self.code), callback=self._after)

    def action_trigger(self) -> None:
        from .task_dialogs import TriggerDialog

        self.app.push_screen(TriggerDialog(self.code), callback=self._after)

    def _after(self, saved: bool | None) -> None:
        if saved:
            self.refresh_data()

    def action_history(self) -> None:
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.code))

    def on_screen_resume(self) -> None:
        self.refresh_data()
