"""Dialogs of the Nhiệm vụ mode: add an update to a task, record an event (trigger) date.

Each dialog writes through the store functions itself and dismisses with True once saved;
a bad value leaves the dialog open with the one-line reason.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ..domain.models import STATUSES
from ..i18n import t
from ..safe import one_line, plain
from ..widgets.dialog import Dialog
from ..widgets.pickers import Picker
from ..widgets.safe_input import SafeInput


class _Dialog(Dialog[bool]):
    CANCEL_RESULT = False
    BINDINGS = [
        Binding("escape", "cancel", "dialog.cancel"),
        Binding("ctrl+s", "save", "dialog.save"),
    ]

    @property
    def store(self):
        return self.app.store

    def field(self, label: str, widget) -> Vertical:
        box = Vertical(Label(label), widget, classes="dialog-field")
        return box

    def buttons(self) -> Horizontal:
        return Horizontal(
            Button(t("dialog.save"), id="dialog-save", variant="primary", compact=True),
            Button(t("dialog.cancel"), id="dialog-cancel", compact=True),
            classes="dialog-buttons",
        )

    def show_error(self, message) -> None:
        self.query_one(".dialog-error", Static).update(message if isinstance(message, Text) else plain(message, "bold red"))

    def stale(self, exc) -> None:
        """Say what changed since the dialog read the record; the next save goes over it."""
        from ..widgets.stale import stale_text

        self.version = exc.current
        self.show_error(stale_text(self.store, exc))

    @on(Button.Pressed, "#dialog-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#dialog-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:  # pragma: no cover - subclasses
        raise NotImplementedError


class UpdateDialog(_Dialog):
    """Status, progress 0–100, note, evidence, officer."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self._confirm: tuple | None = None   # values the person was asked to confirm
        self.version: int | None = None      # the task's version as shown (None: not checked)

    def compose(self) -> ComposeResult:
        from ..store.setup import officer
        from ..store.tasks import children_of, get_record

        record = get_record(self.store, self.code)
        self._is_parent = bool(children_of(self.store, self.code))
        # a parent's status follows its sub-items: its note cannot undo anyone's change
        self.version = record.version if record and not self._is_parent else None
        status = record.status if record else "not_started"
        progress = record.progress if record else 0
        title = plain(t("dialog.update_title", code=self.code), "bold")
        title.append_text(plain(" " + one_line(record.title if record else "", 60)))
        with self.box(title, id="update-dialog"):
            if self._is_parent:
                yield Static(plain(t("task.parent_derived"), "dim italic"), classes="dialog-hint")
            yield self.field(t("col.status"), Picker(
                [(t("status." + s), s) for s in STATUSES], value=status, allow_blank=False,
                id="upd-status", compact=True, disabled=self._is_parent))
            yield self.field(t("dialog.progress"), SafeInput(
                str(progress), id="upd-progress", compact=True, disabled=self._is_parent, max_length=4))
            yield self.field(t("col.note"), SafeInput(id="upd-note", compact=True))
            yield self.field(t("dialog.evidence"), SafeInput(
                placeholder=t("dialog.evidence_placeholder"), id="upd-evidence", compact=True))
            yield self.field(t("dialog.officer"), SafeInput(officer(self.store), id="upd-officer", compact=True))
            yield Static("", classes="dialog-error")
            yield self.buttons()

    def on_mount(self) -> None:
        target = "#upd-note" if self._is_parent else "#upd-status"
        self.query_one(target).focus()

    @on(Select.Changed, "#upd-status")
    def _status_changed(self, event: Select.Changed) -> None:
        progress = self.query_one("#upd-progress", Input)
        if event.value == "done" and progress.value.strip() != "100":
            progress.value = "100"

    def action_save(self) -> None:
        from ..domain.updates import NeedsConfirmation, UpdateError
        from ..store import StoreError
        from ..store.rows import StaleRecord
        from ..store.tasks import record_update

        status = None if self._is_parent else self.query_one("#upd-status", Select).value
        progress = None if self._is_parent else self.query_one("#upd-progress", Input).value
        values = (status, progress)
        try:
            record_update(
                self.store, self.code, status=status, progress=progress,  # type: ignore[arg-type]  # no blank
                note=self.query_one("#upd-note", Input).value,
                evidence=self.query_one("#upd-evidence", Input).value,
                officer=self.query_one("#upd-officer", Input).value,
                confirmed=self._confirm == values, expected_version=self.version,
            )
        except StaleRecord as exc:
            self.stale(exc)
            return
        except NeedsConfirmation as exc:
            self._confirm = values
            self.show_error(f"{exc} — {t('dialog.confirm_again')}")
            return
        except (UpdateError, StoreError) as exc:
            self._confirm = None
            self.show_error(str(exc))
            return
        self.dismiss(True)


class TriggerDialog(_Dialog):
    """The day the awaited event happened ("Trung ương ban hành ngày 10/9/2025")."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.version: int | None = None

    def compose(self) -> ComposeResult:
        from ..domain.deadlines import parse_deadline
        from ..store.setup import officer
        from ..store.tasks import get_record

        record = get_record(self.store, self.code)
        self.version = record.version if record else None
        event = parse_deadline(record.deadline_text).event if record else ""
        with self.box(t("dialog.trigger_title", code=self.code), id="trigger-dialog"):
            yield Static(plain(one_line(record.deadline_text if record else "")), classes="dialog-hint")
            yield self.field(t("dialog.trigger_date", event=event or "?"), SafeInput(
                placeholder="dd/mm/yyyy", id="trg-date", compact=True))
            yield self.field(t("col.note"), SafeInput(id="trg-note", compact=True))
            yield self.field(t("dialog.officer"), SafeInput(officer(self.store), id="trg-officer", compact=True))
            yield Static("", classes="dialog-error")
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one("#trg-date").focus()

    def action_save(self) -> None:
        from ..config import parse_user_date
        from ..domain.updates import UpdateError
        from ..store import StoreError
        from ..store.rows import StaleRecord
        from ..store.tasks import set_trigger_date

        raw = self.query_one("#trg-date", Input).value
        try:
            day = parse_user_date(raw)
        except ValueError:
            self.show_error(t("task.bad_date", value=one_line(raw, 20)))
            return
        try:
            set_trigger_date(self.store, self.code, day, note=self.query_one("#trg-note", Input).value,
                             officer=self.query_one("#trg-officer", Input).value, expected_version=self.version)
        except StaleRecord as exc:
            self.stale(exc)
            return
        except (UpdateError, StoreError) as exc:
            self.show_error(str(exc))
            return
        self.dismiss(True)
