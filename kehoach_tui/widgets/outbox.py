"""Hộp thư đi: the outbox list and the mail connection state, for the Đồng bộ mode."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ..config import fmt_datetime
from ..i18n import t
from ..safe import one_line, plain
from .bindings import CatalogueBindings

STATE_STYLES = {"queued": "bold yellow", "sent": "green", "failed": "bold red"}


class OutboxPanel(CatalogueBindings, Vertical):
    """Reads the store and the app's mail watch (mail.controller); `g` sends now, whatever
    the watch says: an explicit try shows the reason when the line is down. The screen
    that holds it re-reads it on `OutboxChanged`."""

    BINDINGS = [Binding("g", "app.send_outbox_now", "mail.key_send_panel")]

    def compose(self) -> ComposeResult:
        yield Static(t("mail.panel_title"), classes="section-title")
        yield Static(id="outbox-status")
        yield DataTable(id="outbox-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        from ..mail import outbox
        from ..mail import settings as mail_settings

        store = self.app.store
        settings = mail_settings.load(store)
        tally = outbox.counts(store)
        self.query_one("#outbox-status", Static).update(self._status(settings, tally))
        table = self.query_one("#outbox-table", DataTable)
        if not table.columns:  # the screen may refresh before this widget's own mount
            for key in ("mail.col_state", "mail.col_label", "mail.col_attempts", "mail.col_note"):
                table.add_column(t(key))
        table.clear()
        items = outbox.list_items(store, limit=50)
        # the note gets what the other columns leave: no sideways scrolling at 80 columns
        note_width = max(20, (self.size.width or 80) - 2 - 10 - 36 - 8 - 6)
        for item in items:
            table.add_row(*self._cells(item, note_width), key=str(item.id))
        table.display = bool(items)

    def _status(self, settings, tally: dict[str, int]) -> Text:
        text = plain(t("mail.outbox_counts", **tally))
        text.append("\n")
        if settings is None:
            text.append_text(plain(t("mail.conn_not_configured_app"), "dim italic"))
            return text
        watch = getattr(self.app, "mail_watch", None)
        if watch is None or watch.online is None:
            text.append_text(plain(t("mail.conn_unknown", server=settings.server), "dim"))
        elif watch.online:
            text.append_text(plain(t("mail.conn_online", server=settings.server,
                                     at=fmt_datetime(watch.checked_at)), "green"))
        else:
            text.append_text(plain(t("mail.conn_offline", reason=one_line(watch.reason, 160)), "yellow"))
        if getattr(self.app, "_mail_sending", False):
            text.append("\n")
            text.append_text(plain(t("mail.sending"), "bold"))
        elif tally["queued"]:
            text.append("\n")
            key = "mail.hint_auto" if settings.auto_send else "mail.hint_manual"
            text.append_text(plain(t(key), "dim"))
        return text

    @staticmethod
    def _cells(item, note_width: int = 60) -> list[Text]:
        note = item.note()
        return [
            plain(item.state_label(), STATE_STYLES.get(item.state, "")),
            plain(one_line(f"{t('mail.kind.' + item.kind)}: {item.label}", 36)),
            plain(str(item.attempts)),
            plain(one_line(note, note_width)),
        ]
