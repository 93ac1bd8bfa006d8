"""`kehoach`: the command line. With no command it opens the TUI.

The TUI is what an officer starts every morning, so it does not wait for click: argv with
no command (only --db and --lang) goes straight to the app through the small parser below.
Anything else — a command, --help, --version, a value that click would refuse — goes to
click (commands/root.py), which imports each command only when it runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def tui_options(args: list[str]) -> tuple[Path | None, str | None] | None:
    """(--db, --lang) when args hold nothing else, each given at most once with a value
    click would accept; None for anything click should handle (and explain)."""
    found: dict[str, str] = {}
    rest = list(args)
    while rest:
        name, eq, value = rest.pop(0).partition("=")
        if name not in ("--db", "--lang") or name in found:
            return None
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        found[name] = value
    lang = found.get("--lang")
    if lang is not None and lang not in ("vi", "en"):
        return None
    db = found.get("--db")
    if db is not None and os.path.isdir(db):  # click's "is a directory" message
        return None
    return (Path(db) if db is not None else None), lang


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors, never a traceback, for anything a person can cause."""
    args = sys.argv[1:] if argv is None else list(argv)
    options = tui_options(args)
    if options is None:
        _click_main(args)
    else:
        _tui_main(*options)


def _tui_main(db_path: Path | None, lang: str | None) -> None:
    from .config import choose_lang, default_db_path
    from .errors import KehoachError
    from .i18n import set_lang, t
    from .tui import run_tui

    set_lang(choose_lang(lang))
    try:
        run_tui(db_path or default_db_path())
    except (KehoachError, OSError) as exc:
        from .domain.vntext import strip_controls
        from .errors import os_reason

        # The line click's UserError prints, without loading click for it; an OS error in
        # words, by errno.
        reason = str(exc) if isinstance(exc, KehoachError) else os_reason(exc, with_file=True)
        line = strip_controls(t("cli.error", reason=reason)) + "\n"
        try:
            sys.stderr.write(line)
        except UnicodeEncodeError:  # a legacy code page (Windows, redirected): UTF-8 bytes
            sys.stderr.buffer.write(line.encode("utf-8"))
        sys.stderr.flush()
        sys.exit(1)
    except (EOFError, KeyboardInterrupt):  # as click does: a newline, exit 1
        sys.stderr.write("\n")
        sys.exit(1)


def _click_main(args: list[str]) -> None:
    import click

    from .commands.root import main_group, use_language
    from .errors import KehoachError

    use_language(None)  # the language of the environment until --lang says otherwise
    try:
        main_group.main(args=args, prog_name="kehoach", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        sys.exit(1)
    except click.UsageError as exc:
        # one line in the interface language, then where to read the usage (click prints the
        # usage first and the reason last, over three lines, in English)
        from .commands.common import printable
        from .i18n import t

        click.echo(printable(t("cli.error", reason=exc.format_message())), err=True)
        if exc.ctx is not None:
            click.echo(printable(t("cli.usage_hint", command=exc.ctx.command_path)), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KehoachError as exc:
        from .commands.common import UserError

        UserError(str(exc)).show()
        sys.exit(1)
    except OSError as exc:  # in words, by errno: never "[Errno 2] No such file or directory"
        from .commands.common import UserError
        from .errors import os_reason

        UserError(os_reason(exc, with_file=True)).show()
        sys.exit(1)
