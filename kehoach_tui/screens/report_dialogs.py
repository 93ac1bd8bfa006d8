"""Dialogs of the Báo cáo screen: the officer's free text, the report settings, and the
channel a report was sent through when the officer marks it sent by hand."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Select, TabbedContent, TabPane, TextArea

from ..domain.report_texts import TEXT_KEYS, TEXT_SECTIONS
from ..i18n import t
from ..safe import plain
from ..widgets.dialog import Dialog
from ..widgets.pickers import Picker
from ..widgets.safe_input import SafeInput

# The separators store/reports.py CSV_SEPARATORS accepts, in the order offered.
CSV_CHOICES = (("reports.csv_sep.comma", ","), ("reports.csv_sep.semicolon", ";"), ("reports.csv_sep.tab", "\t"))


class TextsDialog(Dialog[dict | None]):
    """Edit the four free-text sections; dismisses with the texts, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("ctrl+s", "save", show=False)]

    def __init__(self, period_label: str, texts: dict[str, str]) -> None:
        super().__init__()
        self.period_label = period_label
        self.texts = texts

    def compose(self) -> ComposeResult:
        with self.box(t("reports.edit_title", period=self.period_label), id="texts-dialog", large=True):
            with TabbedContent(id="texts-tabs"):
                for section in TEXT_SECTIONS:
                    key = section.key
                    with TabPane(section.short, id=f"tab-{key}"):
                        yield Label(plain(t(f"reports.section.{key}"), "italic"))
                        yield TextArea(self.texts.get(key, ""), id=f"text-{key}", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("reports.save"), id="texts-save", variant="primary", compact=True)
                yield Button(t("reports.cancel"), id="texts-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text-direction", TextArea).focus()

    @on(Button.Pressed, "#texts-save")
    def action_save(self) -> None:
        self.dismiss({key: self.query_one(f"#text-{key}", TextArea).text for key in TEXT_KEYS})

    @on(Button.Pressed, "#texts-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class SettingsDialog(Dialog[dict | None]):
    """Signer, document number, place, recipients (all shown literally, saved cleaned) and the
    CSV separator (`report settings --csv-sep`)."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("ctrl+s", "save", show=False)]

    def __init__(self, settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        s = self.settings
        with self.box(t("reports.settings_title"), id="settings-dialog", large=True):
            yield Label(t("reports.signer_title"))
            yield TextArea(s.signer_title, id="set-signer-title", classes="short-area")
            yield Label(t("reports.signer_name"))
            yield SafeInput(s.signer_name, id="set-signer-name", compact=True)
            yield Label(t("reports.doc_number"))
            yield SafeInput(s.doc_number, id="set-doc-number", compact=True)
            yield Label(t("reports.place"))
            yield SafeInput(s.place, id="set-place", compact=True)
            yield Label(t("reports.recipients"))
            yield TextArea("\n".join(s.recipients), id="set-recipients", classes="short-area")
            yield Label(t("reports.csv_sep"))
            yield Picker([(t(key), sep) for key, sep in CSV_CHOICES],
                         value=s.csv_sep, allow_blank=False, id="set-csv-sep", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("reports.save"), id="settings-save", variant="primary", compact=True)
                yield Button(t("reports.cancel"), id="settings-cancel", compact=True)

    @on(Button.Pressed, "#settings-save")
    def action_save(self) -> None:
        self.dismiss({
            "signer_title": self.query_one("#set-signer-title", TextArea).text,
            "signer_name": self.query_one("#set-signer-name", Input).value,
            "doc_number": self.query_one("#set-doc-number", Input).value,
            "place": self.query_one("#set-place", Input).value,
            "recipients": self.query_one("#set-recipients", TextArea).text.split("\n"),
            "csv_sep": str(self.query_one("#set-csv-sep", Select).value),
        })

    @on(Button.Pressed, "#settings-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class SentDialog(Dialog[str | None]):
    """Via which channel the period's report went (iOffice unless typed otherwise); Enter
    marks it sent, Esc leaves it as made."""

    BINDINGS = [Binding("escape", "cancel", show=False)]
    DEFAULT_VIA = "iOffice"

    def __init__(self, period_label: str) -> None:
        super().__init__(id="report-sent")
        self.period_label = period_label

    def compose(self) -> ComposeResult:
        with self.box(t("reports.sent_title", period=self.period_label), id="sent-dialog"):
            yield Label(t("reports.sent_via"))
            yield SafeInput(self.DEFAULT_VIA, id="report-sent-via", compact=True)

    def on_mount(self) -> None:
        self.query_one("#report-sent-via", Input).focus()

    @on(Input.Submitted, "#report-sent-via")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or self.DEFAULT_VIA)
