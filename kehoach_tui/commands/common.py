"""What every command shares: the database from --db, --officer, JSON output, one-line errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from ..domain.vntext import CONTROL_CHARS, strip_controls
from ..i18n import t


class UserError(click.ClickException):
    """A one-line reason for the person at the keyboard; exit code 1, no traceback."""

    def show(self, file=None) -> None:  # noqa: ARG002 - click's signature
        click.echo(printable(t("cli.error", reason=self.message)), err=True)


@dataclasses.dataclass
class AppContext:
    db_path: Path
    lang: str

    def open(self, *, require_init: bool = True):
        from ..store import StoreError, open_store
        from ..store.setup import is_initialised

        try:
            store = open_store(self.db_path)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        initialised = is_initialised(store)
        if require_init and not initialised:
            store.close()
            raise UserError(t("cli.not_initialised"))
        if initialised:
            daily_backup(store)
        return store


def daily_backup(store) -> None:
    """The day's automatic backup (one stat when it exists). A failure never stops the
    command; it is said on stderr, and `kehoach doctor` reports the backup's age."""
    from ..store import StoreError
    from ..store.backup_names import daily_backup_due

    if not daily_backup_due(store.path):  # one stat on most days: nothing more is loaded
        return
    from ..store.backup import ensure_daily_backup

    try:
        ensure_daily_backup(store.path)
    except StoreError as exc:
        click.echo(printable(t("safety.daily_backup_failed", reason=exc)), err=True)


pass_app = click.make_pass_decorator(AppContext)


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}  # fields in order
    raise TypeError(type(value))


def printable(text: str) -> str:
    """Text fit for a terminal: no escape sequences or control characters (file paths and
    stored text can carry them), newlines and tabs kept."""
    return strip_controls(text)




def emit_json(data: Any) -> None:
    """JSON on stdout, UTF-8 whatever the console's code page."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_default)
    # json.dumps escapes C0 controls in strings but writes C1, bidi and zero-width ones raw:
    # escape whatever the control-character policy names (the indent's newlines it keeps).
    text = CONTROL_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def echo(text: str = "") -> None:
    """Print a line as UTF-8 (Windows consoles default to a legacy code page)."""
    text = printable(text)
    try:
        click.echo(text)
    except UnicodeEncodeError:
        sys.stdout.buffer.write(text.encode("utf-8") + b"\n")


def officer_option(func):
    return click.option("--officer", default=None, help="Tên cán bộ thực hiện (mặc định: cán bộ đặt khi init)")(func)


def resolve_officer(store, given: str | None) -> str:
    from ..domain.vntext import clean_line
    from ..store.setup import officer

    return clean_line(given) if given and clean_line(given) else officer(store)
