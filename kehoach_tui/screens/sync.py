"""Đồng bộ: export to a USB stick (folder picker, progress, "safe to remove"), receipts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from ..config import data_dir, fmt_datetime
from ..domain.history_words import entity_counts
from ..domain.numbers import fmt_size
from ..errors import os_reason
from ..i18n import t, tn
from ..mail.controller import OutboxChanged
from ..safe import one_line, plain
from ..widgets.dialog import Dialog
from ..widgets.outbox import OutboxPanel
from ..widgets.pickers import ChoiceList
from ..widgets.safe_input import SafeInput
from .base import ModeScreen


class PathPicker(Dialog[Path | None]):
    """Pick a place from a short list (USB drives first) or type a path; Esc cancels.

    `scan` lists the places; it looks at the drives, so it runs in a worker (on opening,
    and again on F5) while the dialog is already shown."""

    BINDINGS = [Binding("escape", "cancel", "sync.cancel"), Binding("f5", "reload", "sync.key_reload")]

    def __init__(self, title: str, empty_text: str, scan: Callable[[], list[tuple[str, Path]]]) -> None:
        super().__init__()
        self.title_text = title
        self.empty_text = empty_text
        self.scan = scan
        self.choices: list[tuple[str, Path]] = []

    def compose(self) -> ComposeResult:
        with self.box(self.title_text, id="picker"):
            yield ChoiceList(id="picker-list")
            yield Label(t("sync.other_path"))
            yield SafeInput(id="picker-path")

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        options.add_option(Option(plain(t("sync.scanning"), "dim italic"), disabled=True))
        self._scan()

    @work(thread=True, exclusive=True, group="path-scan", exit_on_error=False)
    def _scan(self) -> None:
        choices = self.scan()
        self.app.call_from_thread(self._fill, choices)

    def _fill(self, choices: list[tuple[str, Path]]) -> None:
        self.choices = choices
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        if not choices:
            options.add_option(Option(plain(self.empty_text, "dim italic"), disabled=True))
        for index, (label, _) in enumerate(choices):
            options.add_option(Option(plain(label), id=str(index)))
        typed = self.query_one("#picker-path", Input)
        if choices:
            options.highlighted = 0
        if typed.value:
            return  # the officer is typing a path: leave the focus there
        (options if choices else typed).focus()

    @on(OptionList.OptionSelected, "#picker-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.choices[int(event.option.id)][1])

    def action_save(self) -> None:
        """Enter in the path box (or Ctrl+S): the typed path."""
        text = self.query_one("#picker-path", Input).value.strip().strip('"')
        if text:
            self.dismiss(Path(text).expanduser())


def folder_choices() -> list[tuple[str, Path]]:
    from ..sync.drives import removable_drives

    return [(f"{t('sync.removable')}  {drive}", drive) for drive in removable_drives()] + [
        (t("sync.outbox"), data_dir() / "outbox")]


def _commune_code(store) -> str:
    from ..store.sync_state import identity

    return identity(store).commune_code


def pending_text(progress) -> str:
    """What is not at the province yet: exported and awaiting the receipt, not exported."""
    parts = []
    if progress.awaiting:
        parts.append(tn("sync.awaiting", progress.awaiting))
    if progress.not_exported:
        parts.append(tn("sync.not_exported", progress.not_exported))
    return " · ".join(parts) or t("sync.nothing_pending")


class SyncScreen(ModeScreen):
    MODE = "sync"
    RELOAD_ALWAYS = True  # the signing key is a file; the outbox panel reads the mail state
    MAIN = "#sync-exports"
    BINDINGS = [
        Binding("x", "export(False)", "sync.key_export"),
        Binding("f", "export(True)", "sync.key_export_full"),
        Binding("i", "import_receipt", "sync.key_import"),
        Binding("g", "app.send_outbox_now", "mail.key_send_panel"),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="sync-body"):
            yield Static(id="sync-status")
            yield ProgressBar(id="sync-progress", total=1.0, show_eta=False)
            yield Static(id="sync-message")
            yield Static(t("sync.exports"), classes="section-title")
            yield DataTable(id="sync-exports", cursor_type="row", zebra_stripes=True)
            yield Static(t("sync.receipts"), classes="section-title")
            yield DataTable(id="sync-receipts", cursor_type="row", zebra_stripes=True)
            yield OutboxPanel()  # e-mail hand-off: the outbox and the mail connection

    def on_mount(self) -> None:
        self._fingerprints: dict[str, str] = {}  # commune code → its key's fingerprint
        exports = self.query_one("#sync-exports", DataTable)
        for key in ("sync.col_time", "sync.col_range", "sync.col_records", "sync.col_file"):
            exports.add_column(t(key))
        receipts = self.query_one("#sync-receipts", DataTable)
        for key in ("sync.col_time", "sync.col_province", "sync.col_range", "sync.col_result"):
            receipts.add_column(t(key))
        self.query_one("#sync-progress").display = False
        self.refresh_data()

    def refresh_data(self) -> None:
        from ..store.sync_state import (
            acknowledged_seq,
            identity,
            list_exports,
            list_receipts,
            sync_progress,
            trusted_keys,
        )

        code = identity(self.store).commune_code
        self._status = (code, acknowledged_seq(self.store), sync_progress(self.store),
                        trusted_keys(self.store, "province"))
        if code and code not in self._fingerprints:
            self._fingerprints[code] = "…"  # shown until the worker has read (or made) the key
            self._load_key(code)
        self._show_status()
        self.post_message(OutboxChanged())  # an export may have queued mail: the panel and F9 follow
        exports = self.query_one("#sync-exports", DataTable)
        exports.clear()
        for row in list_exports(self.store, 8):
            exports.add_row(plain(fmt_datetime(row["created_at"])), plain(f"#{row['seq_from']}–#{row['seq_to']}"),
                            plain(str(row["records"])), plain(one_line(row["file_name"], 60)))
        receipts = self.query_one("#sync-receipts", DataTable)
        receipts.clear()
        for row in list_receipts(self.store, 8):
            receipts.add_row(plain(fmt_datetime(row["received_at"])), plain(row["province_code"]),
                             plain(f"#{row['seq_from']}–#{row['seq_to']}"),
                             plain(f"{row['new']}+{row['updated']}/{row['unchanged']}"))

    def on_outbox_changed(self, _: OutboxChanged) -> None:
        self.query_one(OutboxPanel).refresh_data()  # and the message goes on to the App (F9)
    def _show_status(self) -> None:
        from ..sync.keys import fingerprint

        code, acked, progress, provinces = self._status
        status = plain(t("sync.screen_title"), "bold")
        if code:
            status.append("\n")
            status.append_text(plain(t("sync.status_line", fingerprint=self._fingerprints[code],
                                       acked=acked, pending=pending_text(progress))))
        status.append("\n")
        if provinces:
            status.append_text(plain(t("sync.province_key_ok", code=provinces[0]["code"],
                                       fingerprint=fingerprint(provinces[0]["public_key"])), "dim"))
        else:
            status.append_text(plain(t("sync.province_key_none"), "dim italic"))
        self.query_one("#sync-status", Static).update(status)

    @work(thread=True, exclusive=True, group="sync-key", exit_on_error=False)
    def _load_key(self, code: str) -> None:
        """The commune's key: read from its file, or made and written on the first visit."""
        from ..errors import KehoachError
        from ..sync.keys import ensure_key

        try:
            found = ensure_key("commune", code).fingerprint
        except KehoachError as exc:  # an unreadable key file: said on the screen
            self.app.call_from_thread(self._key_loaded, code, "?")
            self.app.call_from_thread(self._message, str(exc), "bold red")
            return
        self.app.call_from_thread(self._key_loaded, code, found)

    def _key_loaded(self, code: str, found: str) -> None:
        self._fingerprints[code] = found
        self._show_status()

    def worker_failed(self, worker) -> None:
        """After an export, import or key read stopped on an unexpected error (the app has
        told the officer and logged it): the screen is usable again."""
        if worker.group == "sync-key":
            self._key_loaded(self._status[0], "?")  # not tried again until the next start
            return
        self.query_one("#sync-progress").display = False
        self._message("", "")
        self.refresh_data()

    def palette_commands(self):
        yield t("sync.key_export"), t("sync.palette_export"), lambda: self.action_export(False)
        yield t("sync.key_export_full"), t("sync.palette_export_full"), lambda: self.action_export(True)
        yield t("sync.key_import"), t("sync.palette_import"), self.action_import_receipt

    # --- export ------------------------------------------------------------------------------
    def action_export(self, full: bool) -> None:
        picker = PathPicker(t("sync.pick_folder"), t("sync.no_drives"), folder_choices)

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self._message(t("sync.step.collect"), "")
                self.query_one("#sync-progress", ProgressBar).update(progress=0)
                self.query_one("#sync-progress").display = True
                self.run_export(folder, full)

        self.app.push_screen(picker, chosen)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def run_export(self, folder: Path, full: bool) -> None:
        from ..errors import KehoachError
        from ..store.sync_state import acknowledged_seq
        from ..sync.export import export_bundle

        def progress(step: str, fraction: float) -> None:
            self.app.call_from_thread(self._progress, step, fraction)

        try:
            with self.store.for_thread() as store:
                result = export_bundle(store, folder, full=full, progress=progress)
                acked = acknowledged_seq(store) if result is None else None
        except KehoachError as exc:
            self.app.call_from_thread(self._finished, str(exc), "bold red")
            return
        if result is None:
            text, style = t("sync.export_nothing", seq=acked), ""
        else:
            m = result.manifest
            counts = entity_counts(m.counts)
            text = t("sync.export_done", path=result.path, records=m.records, counts=counts,
                     size=fmt_size(result.size), seq_from=m.seq_from, seq_to=m.seq_to)
            text += "\n" + t("sync.export_safe")
            style = "bold green"
        self.app.call_from_thread(self._finished, text, style)

    def _progress(self, step: str, fraction: float) -> None:
        self.query_one("#sync-progress", ProgressBar).update(progress=fraction)
        self._message(t(f"sync.step.{step}"), "")

    def _finished(self, text: str, style: str) -> None:
        self.query_one("#sync-progress").display = False
        self._message(text, style)
        self.refresh_data()

    def _message(self, text: str, style: str) -> None:
        self.query_one("#sync-message", Static).update(plain(text, style))

    # --- receipts ----------------------------------------------------------------------------
    def action_import_receipt(self) -> None:
        """A receipt of the province (or a copy of the commune's own bundle), picked from
        the USB stick or the folder just exported to first."""
        from .file_picker import RECEIPTS, FilePicker

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.run_import(path)

        self.app.push_screen(FilePicker(t("sync.pick_receipt"), RECEIPTS, store=self.store), chosen)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def run_import(self, path: Path) -> None:
        from ..errors import KehoachError
        from ..store.setup import officer
        from ..sync.commune_import import import_own_bundle, import_receipt, is_receipt
        from ..sync.files import read_file

        try:
            data = read_file(path)  # only a regular file, its size capped (a FIFO is refused)
            with self.store.for_thread() as store:
                actor = officer(store)
                if not is_receipt(data):  # a .khsync: a copy of this commune's own bundle
                    copy = import_own_bundle(store, data, str(path), actor=actor)
                    self.app.call_from_thread(self._finished, t(
                        "sync.copy_done", file=path.name, code=_commune_code(store),
                        new=copy.new, updated=copy.updated, unchanged=copy.unchanged), "bold green")
                    return
                outcome = import_receipt(store, data, actor=actor)
        except (KehoachError, OSError) as exc:
            reason = str(exc) if isinstance(exc, KehoachError) else os_reason(exc)
            self.app.call_from_thread(self._finished, t("sync.file_refused", file=path.name, reason=reason),
                                      "bold red")
            return
        r = outcome.receipt
        key = "sync.receipt_done" if outcome.applied else "sync.receipt_already"
        self.app.call_from_thread(self._finished, t(key, file=path.name, province=r.province_code,
                                                    seq_to=r.seq_to), "bold green")
