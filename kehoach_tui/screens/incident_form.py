"""Ghi nhận sự cố: the form to log (or correct) an incident.

`IncidentFormScreen(prefill_item="INTERNET", prefill_title="Kết nối Internet",
prefill_note="rớt mạng từ 7 giờ")` is what the morning check opens for a failed item: the
item is recorded, the title is the item's title, the description its note, and the category
is guessed from its words. Dismisses with the incident id, or None when cancelled.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from .. import config
from ..i18n import t
from ..safe import plain
from ..widgets.dialog import Dialog
from ..widgets.key_footer import KeyFooter
from ..widgets.pickers import Picker
from ..widgets.safe_input import SafeInput
from ..widgets.tick_box import TickBox

NONE = "-"


class IncidentFormScreen(Dialog[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "incident.key.save", priority=True),
        Binding("escape", "cancel", "incident.key.cancel"),
    ]

    def __init__(self, prefill_item: str | None = None, incident_id: str | None = None, *,
                 prefill_title: str = "", prefill_note: str = "") -> None:
        super().__init__()
        self.prefill_item = prefill_item
        self.prefill_title = prefill_title  # the failed item's title, not its code
        self.prefill_note = prefill_note    # what the officer noted on the item
        self.incident_id = incident_id
        self.version: int | None = None     # the incident's version as loaded (edit only)

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        from ..store.incidents import catalog

        cat = catalog(self.store)
        with self.box("", id="incident-form", large=True):
            with VerticalScroll(id="incident-form-fields"), Grid(classes="form-grid"):
                yield Label(t("incident.form.title"))
                yield SafeInput(id="f-title", compact=True)
                yield Label(t("incident.form.category"))
                yield Picker([(plain(c.label() + ("" if c.from_plan else f" · {t('origin.assumed_short')}")), c.code)
                              for c in cat.categories],
                             allow_blank=False, compact=True, id="f-category")
                yield Label(t("incident.form.severity"))
                yield Picker([(plain(c.label()), c.code) for c in cat.severities], value="medium",
                             allow_blank=False, compact=True, id="f-severity")
                yield Label(t("incident.form.opened_at"))
                yield SafeInput(id="f-opened", compact=True, placeholder="dd/mm/yyyy HH:MM")
                yield Label(t("incident.form.interrupted"))
                yield TickBox(t("incident.form.interrupted_yes"), off_label=t("incident.form.interrupted_no"),
                              id="f-interrupted", compact=True)
                yield Label(t("incident.form.dossiers"))
                yield SafeInput(id="f-dossiers", compact=True, value="0", restrict=r"[0-9]*")
                yield Label(t("incident.form.systems"))
                yield SafeInput(id="f-systems", compact=True)
                yield Label(t("incident.form.description"))
                yield TextArea(id="f-description", compact=True, soft_wrap=True)
                yield Label(t("incident.form.via"))
                yield Picker([(plain(t("incident.form.not_reported")), NONE)]
                             + [(plain(c.label()), c.code) for c in cat.channels],
                             value=NONE, allow_blank=False, compact=True, id="f-via")
                yield Label(t("incident.form.to"))
                yield SafeInput(id="f-to", compact=True)
                yield Label(t("incident.form.reporter"))
                yield SafeInput(id="f-reporter", compact=True)
                yield Label(t("incident.form.contact"))
                yield SafeInput(id="f-contact", compact=True)
                yield Label(t("incident.form.location"))
                yield SafeInput(id="f-location", compact=True)
                yield Label(t("incident.form.item"))
                yield SafeInput(id="f-item", compact=True)
            yield Static(id="incident-form-error")
            yield Button(t("incident.key.save"), id="incident-save", variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.incident_id:
            self._load_existing()
        else:
            self._load_new()
        self.query_one("#f-title", Input).focus()

    def _set(self, field: str, value: str) -> None:
        self.query_one(f"#{field}", Input).value = value

    def _load_new(self) -> None:
        from ..config import fmt_datetime
        from ..store.incidents import catalog
        from ..store.setup import officer

        self.set_title(t("incident.form.new"))
        self._set("f-opened", fmt_datetime(config.now_utc()))
        self._set("f-reporter", officer(self.store))
        category = "other"
        if self.prefill_item:
            self._set("f-item", self.prefill_item)
            self._set("f-title", self.prefill_title or self.prefill_item)
            guess = f"{self.prefill_item} {self.prefill_title}".strip()
            category = catalog(self.store).guess_category(guess) or "other"
        if self.prefill_note:
            self.query_one("#f-description", TextArea).text = self.prefill_note
        self.query_one("#f-category", Select).value = category

    def _load_existing(self) -> None:
        from ..config import fmt_datetime
        from ..store.incidents import catalog, get_incident

        found = get_incident(self.store, self.incident_id)
        if found is None:
            self.dismiss(None)
            return
        self.set_title(t("incident.form.edit", number=found.number))
        self.version = found.version
        for field, value in (("f-title", found.title), ("f-opened", fmt_datetime(found.opened_at)),
                             ("f-dossiers", str(found.dossiers_delayed)), ("f-systems", found.systems),
                             ("f-to", found.reported_to), ("f-reporter", found.reporter),
                             ("f-contact", found.contact), ("f-location", found.location),
                             ("f-item", found.checklist_item)):
            self._set(field, value)
        if catalog(self.store).category(found.category):
            self.query_one("#f-category", Select).value = found.category
        self.query_one("#f-severity", Select).value = found.severity
        self.query_one("#f-via", Select).value = found.reported_via or NONE
        self.query_one("#f-interrupted", Checkbox).value = found.service_interrupted
        self.query_one("#f-description", TextArea).text = found.description

    @on(Button.Pressed, "#incident-save")
    def action_save(self) -> None:
        from ..domain.incident_models import IncidentDraft
        from ..domain.incidents import IncidentRuleError
        from ..store import StoreError
        from ..store.incidents import edit_incident, open_incident
        from ..store.rows import StaleRecord
        from ..store.setup import officer
        from ..widgets.stale import stale_text

        def text(field: str) -> str:
            return self.query_one(f"#{field}", Input).value

        via = str(self.query_one("#f-via", Select).value)
        draft = IncidentDraft(
            title=text("f-title"), category=str(self.query_one("#f-category", Select).value),
            severity=str(self.query_one("#f-severity", Select).value), opened_at=text("f-opened"),
            reporter=text("f-reporter"), location=text("f-location"), systems=text("f-systems"),
            description=self.query_one("#f-description", TextArea).text,
            service_interrupted=self.query_one("#f-interrupted", Checkbox).value,
            dossiers_delayed=text("f-dossiers") or "0", reported_via="" if via == NONE else via,
            reported_to=text("f-to"), contact=text("f-contact"), checklist_item=text("f-item"),
        )
        actor = officer(self.store)
        try:
            if self.incident_id:
                saved = edit_incident(self.store, self.incident_id, draft, actor=actor, expected_version=self.version)
            else:
                saved = open_incident(self.store, draft, actor=actor)
        except StaleRecord as exc:  # said in words; the next Ctrl+S saves over it
            self.version = exc.current
            self.query_one("#incident-form-error", Static).update(stale_text(self.store, exc))
            return
        except (IncidentRuleError, StoreError) as exc:
            self.query_one("#incident-form-error", Static).update(plain(str(exc), "bold red"))
            return
        self.app.notify(t("incident.saved", number=saved.number))
        self.dismiss(saved.id)
