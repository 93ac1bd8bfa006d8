"""One incident: facts, downtime, timeline, the security checklist; and its two dialogs
(change status, text to paste)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from .. import config
from ..config import fmt_datetime
from ..domain.incidents import allowed_next, fmt_duration, status_name
from ..i18n import t, tn
from ..safe import plain, strip_controls
from ..widgets.bindings import CatalogueBindings
from ..widgets.dialog import Dialog
from ..widgets.fit_table import FitTable
from ..widgets.key_footer import KeyFooter
from ..widgets.modebar import ModeBar
from ..widgets.pickers import ChoiceList
from ..widgets.safe_input import SafeInput


class IncidentDetailScreen(CatalogueBindings, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("s", "move", "incident.key.status"),
        Binding("t", "paste_text", "incident.key.text"),
        Binding("e", "edit", "incident.key.edit"),
    ]

    CANCEL_RESULT = False

    def __init__(self, incident_id: str) -> None:
        super().__init__()
        self.incident_id = incident_id

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield ModeBar("incidents")
        with VerticalScroll(id="incident-detail"):
            yield Static(id="incident-facts")
            # before the timeline: on a small screen the first steps must be in view
            yield Static(id="incident-security")
            yield Static(t("incident.detail.timeline"), classes="section-title")
            yield FitTable(id="incident-timeline", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#incident-timeline", FitTable)
        table.add_fit_column(t("incident.col.date"), key="at", width=16)
        table.add_fit_column(t("incident.col.status"), key="status", width=12)
        table.add_fit_column(t("incident.col.officer"), key="officer", width=16)
        table.add_fit_column(t("incident.col.note"), key="note", min_width=20)  # the rest of the width
        self.refresh_data()

    def refresh_data(self) -> None:
        from ..store.incidents import get_incident, list_events

        incident = get_incident(self.store, self.incident_id)
        if incident is None:
            self.dismiss(None)
            return
        events = list_events(self.store, incident.id)
        self.query_one("#incident-facts", Static).update(self._facts(incident, events))
        table = self.query_one("#incident-timeline", DataTable)
        table.clear()
        for event in events:
            table.add_row(plain(fmt_datetime(event.at)), plain(status_name(event.to_status)),
                          plain(event.officer), plain(" ".join(event.note.split())), key=event.id)
        self._security(incident)

    def _facts(self, incident, events) -> Text:
        from ..store.incidents import (
            catalog,
            category_label,
            channel_label,
            incident_downtime,
            severity_label,
        )

        cat = catalog(self.store)
        text = Text()
        text.append(f"#{incident.number} ", style="bold")
        text.append(strip_controls(incident.title), style="bold")
        rows = [
            (t("incident.form.category"), f"{category_label(cat, incident)} · "
                                          f"{t('incident.form.severity')}: {severity_label(cat, incident.severity)}"),
            (t("incident.detail.opened"), f"{fmt_datetime(incident.opened_at)} · {incident.reporter}"),
            (t("incident.detail.status"), f"{status_name(incident.status)} ({fmt_datetime(incident.status_at)})"),
            (t("incident.detail.downtime"), fmt_duration(incident_downtime(incident, events, config.now_utc()))),
            (t("incident.form.location"), incident.location),
            (t("incident.form.systems"), incident.systems),
            (t("incident.form.item"), incident.checklist_item),
            (t("incident.detail.impact"), self._impact(incident)),
            (t("incident.detail.reported"), " – ".join(x for x in (
                channel_label(cat, incident.reported_via) if incident.reported_via else "",
                incident.reported_to) if x)),
            (t("incident.form.contact"), incident.contact),
            (t("incident.form.description"), incident.description),
            (t("incident.detail.resolution"), incident.resolution),
        ]
        for label, value in rows:
            if value:
                text.append(f"\n{label}: ", style="dim")
                text.append_text(plain(value))
        return text

    @staticmethod
    def _impact(incident) -> str:
        impact = t("incident.paste.interrupted") if incident.service_interrupted else t("incident.paste.not_interrupted")
        if incident.dossiers_delayed:
            impact += tn("incident.paste.dossiers", incident.dossiers_delayed)
        return impact

    def _security(self, incident) -> None:
        from ..store.incidents import catalog

        box = self.query_one("#incident-security", Static)
        cat = catalog(self.store)
        if not cat.is_security(incident.category):
            box.display = False
            return
        title, steps = cat.security_checklist.localized()
        text = Text()
        text.append(strip_controls(title), style="bold red")
        for number, step in enumerate(steps, start=1):
            text.append(f"\n{number}. ")
            text.append_text(plain(step))
        box.update(text)
        box.display = True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_move(self) -> None:
        self.app.push_screen(MoveStatusScreen(self.incident_id), callback=lambda _: self.refresh_data())

    def action_paste_text(self) -> None:
        from ..store.incidents import get_incident, summary_text

        incident = get_incident(self.store, self.incident_id)
        if incident is not None:
            self.app.push_screen(PasteTextScreen(summary_text(self.store, incident, config.now_utc())))

    def action_edit(self) -> None:
        from .incident_form import IncidentFormScreen

        self.app.push_screen(IncidentFormScreen(incident_id=self.incident_id), callback=lambda _: self.refresh_data())


class MoveStatusScreen(Dialog[bool]):
    """Pick the next status (only the allowed ones), add a note, Enter saves."""

    BINDINGS = [Binding("escape", "cancel", "incident.key.cancel")]

    CANCEL_RESULT = False

    def __init__(self, incident_id: str) -> None:
        super().__init__()
        self.incident_id = incident_id
        self.version: int | None = None

    def compose(self) -> ComposeResult:
        from ..store.incidents import get_incident

        incident = get_incident(self.app.store, self.incident_id)
        self.version = incident.version if incident else None
        current = incident.status if incident else ""
        with self.box(t("incident.move.title", number=incident.number if incident else "?",
                        status=status_name(current) if current else "?"), id="incident-move"):
            yield ChoiceList(*[Option(plain(status_name(s)), id=s) for s in allowed_next(current)],
                             id="move-status", compact=True)
            yield Static(t("incident.move.note"), classes="dim-label")
            yield SafeInput(id="move-note", compact=True)
            yield Static(t("incident.move.at"), classes="dim-label")
            yield SafeInput(id="move-at", compact=True, placeholder="dd/mm/yyyy HH:MM")
            yield Static(id="move-error")
            yield Static(plain(t("incident.move.hint"), "dim"))

    def on_mount(self) -> None:
        from ..config import fmt_datetime, now_utc

        self.query_one("#move-at", Input).value = fmt_datetime(now_utc())
        options = self.query_one("#move-status", OptionList)
        options.highlighted = 0 if options.option_count else None
        options.focus()

    @on(OptionList.OptionSelected, "#move-status")
    def _status_chosen(self) -> None:
        self.query_one("#move-note", Input).focus()

    @on(Input.Submitted, "#move-note")
    def _note_submitted(self, event: Input.Submitted) -> None:
        """Enter after the note saves: the time below it is filled in already (now), and is
        changed only for an event recorded late. Enter in the time saves too (the base)."""
        event.prevent_default()  # not the base's "next field"
        self.action_save()

    def action_save(self) -> None:
        from ..domain.incidents import IncidentRuleError
        from ..store import StoreError
        from ..store.incidents import change_status
        from ..store.rows import StaleRecord
        from ..store.setup import officer
        from ..widgets.stale import stale_text

        options = self.query_one("#move-status", OptionList)
        if options.highlighted is None:
            options.focus()
            return
        target = options.get_option_at_index(options.highlighted).id
        note = self.query_one("#move-note", Input).value
        moment = self.query_one("#move-at", Input).value
        try:
            change_status(self.app.store, self.incident_id, target, note=note, actor=officer(self.app.store),
                          at=moment or None, expected_version=self.version)
        except StaleRecord as exc:  # said in words; Enter again saves over it
            self.version = exc.current
            self.query_one("#move-error", Static).update(stale_text(self.app.store, exc))
            return
        except (IncidentRuleError, StoreError) as exc:
            self.query_one("#move-error", Static).update(plain(str(exc), "bold red"))
            return
        self.app.notify(t("incident.move.done", status=status_name(target)))
        self.dismiss(True)


class PasteTextScreen(Dialog[None]):
    """The summary, sent to the clipboard (OSC 52) and always shown for copying by hand."""

    BINDINGS = [
        Binding("escape", "close", "incident.key.close"),
        Binding("c", "copy", "incident.key.copy"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = strip_controls_keep_lines(text)

    def compose(self) -> ComposeResult:
        with self.box(t("incident.text.title"), id="incident-paste"):
            yield Static(plain(t("incident.text.copied"), "dim"), id="paste-hint")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="paste-text", show_cursor=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.action_copy()
        self.query_one("#paste-text", TextArea).focus()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)

    def action_close(self) -> None:
        self.dismiss(None)


def strip_controls_keep_lines(text: str) -> str:
    return "\n".join(strip_controls(line) for line in text.split("\n"))
