"""Picking a file or a folder by keyboard: the places an officer uses first (the USB stick,
the folder just exported to, Documents), a folder listing filtered by type, and a path field
where a folder path opens that folder and a file path picks the file.

The listing is textual-fspicker's DirectoryNavigation (Textual 8 is within its requirements);
the dialog around it is ours, so every word comes from the catalogue and the places list
comes from sync/drives.py.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual_fspicker.parts import DirectoryNavigation
from textual_fspicker.parts import directory_navigation as _navigation
from textual_fspicker.path_filters import Filter

from ..i18n import t
from ..safe import one_line, plain
from ..widgets.dialog import Dialog
from ..widgets.pickers import ChoiceList
from ..widgets.safe_input import SafeInput

# What each kind of file the app reads is called on disk.
RECEIPTS = (".khreceipt", ".khsync")  # the province's receipts; the commune's own bundles
PLAN_FILES = (".toml",)
KEY_FILES = (".json", ".pub")  # `kehoach province key --out tinh.json` (a JSON file, whatever its name says)


def _entry_time(location: Path) -> str:
    """A listed file's time as the officer reads dates: dd/mm/yyyy HH:MM, local time."""
    import datetime as dt

    from ..config import TZ

    try:
        moment = dt.datetime.fromtimestamp(location.stat().st_mtime, TZ)
    except (OSError, OverflowError, ValueError):
        return ""
    return f"{moment:%d/%m/%Y %H:%M}"


def _entry_size(location: Path) -> str:
    """A listed file's size with Vietnamese thousands (4.096), nothing for a folder."""
    from ..domain.numbers import fmt_number

    try:
        return "" if location.is_dir() else fmt_number(location.stat().st_size)
    except OSError:
        return ""


# textual-fspicker draws each entry's time as ISO (2026-12-01 18:20:30, local, no zone) and
# its size as bare digits; its entry class has no other hook for them.
_navigation.DirectoryEntry._mtime = staticmethod(_entry_time)  # type: ignore[method-assign]
_navigation.DirectoryEntry._size = staticmethod(_entry_size)  # type: ignore[method-assign]


def picker_places(store=None) -> list[tuple[str, Path]]:
    """(label, folder): removable drives, the folder last exported to, Documents, home, the
    app's outbox. Only folders that exist; each once."""
    from ..config import data_dir, documents_dir
    from ..sync.drives import removable_drives

    places: list[tuple[str, Path]] = [(t("picker.usb", path=d), d) for d in removable_drives()]
    if store is not None:
        from ..store.sync_state import list_exports

        last = list_exports(store, 1)
        if last and last[0].get("folder"):
            places.insert(0, (t("picker.last_export", path=last[0]["folder"]), Path(last[0]["folder"])))
    places += [(t("picker.documents", path=documents_dir()), documents_dir()),
               (t("picker.home", path=Path.home()), Path.home()),
               (t("picker.outbox", path=data_dir() / "outbox"), data_dir() / "outbox")]
    seen: set[Path] = set()
    found = []
    for label, path in places:
        if path.is_dir() and path not in seen:
            seen.add(path)
            found.append((label, path))
    return found


class Listing(DirectoryNavigation, ChoiceList):
    """The folder listing (which does not wrap round), its highlight on the first file of the wanted type (the receipt
    on the stick is one Enter away), else on the first entry below ".."."""

    def _settle_highlight(self) -> None:
        entries = [self.get_option_at_index(i) for i in range(self.option_count)]
        if not entries:
            return
        wanted = next((i for i, e in enumerate(entries) if e.location.is_file()), None)
        below = next((i for i, e in enumerate(entries) if e.location.name != ".."), 0)
        self.highlighted = wanted if wanted is not None else below


class FilePicker(Dialog[Path | None]):
    """Dismisses with the file (or, folder=True, the folder) chosen, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "key.close", show=False),
        Binding("f4", "all_types", "picker.key_all_types"),
        Binding("ctrl+s", "take_folder", "picker.key_take_folder", show=False),
    ]

    def __init__(self, title: str, suffixes: tuple[str, ...] = (), *, folder: bool = False,
                 store=None, start: Path | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.folder = folder
        self.places = picker_places(store)
        self.start = start if start is not None and start.is_dir() else (
            self.places[0][1] if self.places else Path.home())
        self.all_types = False

    def compose(self) -> ComposeResult:
        with self.box(self.title_text, id="file-picker", large=True):
            yield ChoiceList(*[Option(plain(label), id=str(i)) for i, (label, _) in enumerate(self.places)],
                             id="picker-places", compact=True)
            yield Static(id="picker-where")
            navigation = Listing(self.start)
            navigation.id = "picker-tree"
            navigation.show_files = not self.folder
            yield navigation
            yield SafeInput(placeholder=t("picker.path_placeholder"), id="picker-path", compact=True)
            yield Static("", id="picker-error", classes="dialog-error")
            with Horizontal(id="picker-bottom"):
                if self.folder:
                    yield Button(t("picker.take_folder"), id="picker-take", variant="primary", compact=True)
                yield Static(plain(t("picker.hint_folder" if self.folder else "picker.hint"), "dim"),
                             id="picker-hint")

    def on_mount(self) -> None:
        self._error("")
        self._apply_filter()
        self._show_where()
        self.query_one("#picker-tree", DirectoryNavigation).focus()

    # --- where we are, what is listed -----------------------------------------------------

    @property
    def navigation(self) -> DirectoryNavigation:
        return self.query_one("#picker-tree", DirectoryNavigation)

    def _wanted(self, path: Path) -> bool:
        return self.all_types or not self.suffixes or path.name.lower().endswith(self.suffixes)

    def _apply_filter(self) -> None:
        self.navigation.file_filter = None if self.all_types or not self.suffixes else Filter("", self._wanted)

    def _show_where(self) -> None:
        shown = t("picker.where", path=one_line(self.navigation.location))
        if self.suffixes and not self.folder:
            shown += "  " + (t("picker.all_types") if self.all_types else t("picker.only", types=" ".join(self.suffixes)))
        self.query_one("#picker-where", Static).update(plain(shown, "dim"))

    @on(DirectoryNavigation.Changed)
    def _moved(self) -> None:
        self._error("")
        self._show_where()

    @on(DirectoryNavigation.PermissionError)
    def _no_permission(self, event) -> None:
        self._error(t("picker.no_permission", path=one_line(event.path)))

    def action_all_types(self) -> None:
        self.all_types = not self.all_types
        self._apply_filter()
        self._show_where()

    # --- choosing ---------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#picker-places")
    def _place(self, event: OptionList.OptionSelected) -> None:
        self.navigation.location = self.places[int(event.option.id or 0)][1]
        self.navigation.focus()

    @on(DirectoryNavigation.Selected)
    def _file(self, event: DirectoryNavigation.Selected) -> None:
        self._pick(event.path)

    @on(Input.Submitted, "#picker-path")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip().strip('"')
        if not text:
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.navigation.location / path
        if path.is_dir():  # a folder path opens the folder and lists its files
            self.navigation.location = path
            self.query_one("#picker-path", Input).value = ""
            self.navigation.focus()
        elif path.is_file():
            self._pick(path)
        else:
            self._error(t("picker.not_found", path=one_line(path)))

    def _pick(self, path: Path) -> None:
        if self.folder:
            return
        if not self._wanted(path):
            self._error(t("picker.wrong_type", name=one_line(path.name), types=" ".join(self.suffixes)))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#picker-take")
    def action_take_folder(self) -> None:
        if self.folder:
            self.dismiss(self.navigation.location)

    def _error(self, text: str) -> None:
        error = self.query_one("#picker-error", Static)
        error.update(plain(text, "bold red"))
        error.display = bool(text)
