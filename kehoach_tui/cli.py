"""`kehoach`: the command line. With no command it opens the TUI.

Kept light: `kehoach --help` and `--version` import neither Textual nor the store.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .commands.checklist import checklist
from .commands.common import AppContext, UserError
from .commands.incidents import incident, incidents
from .commands.mail import mail, outbox
from .commands.officers import officer
from .commands.plans import plan, plans
from .commands.province import province
from .commands.reports import report
from .commands.safety import backup, doctor, restore
from .commands.serve import serve
from .commands.settings import settings
from .commands.setup import init
from .commands.sync import export, import_, keys
from .commands.tasks import target, targets, task, tasks
from .commands.units import unit, units


def _language(chosen: str | None) -> str:
    lang = chosen or os.environ.get("KEHOACH_LANG") or "vi"
    return lang if lang in ("vi", "en") else "vi"


def _use_language(lang: str) -> None:
    """The interface language for everything after: messages, click's words, every --help."""
    from .commands import click_words, help_words
    from .i18n import set_lang

    set_lang(lang)
    click_words.install()
    help_words.translate(main_group)


def _lang_chosen(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # eager: `kehoach --lang en tasks --help` prints the help in English
    _use_language(_language(value))
    return value


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """--version, in the interface language (click's own is worded at import time)."""
    if value and not ctx.resilient_parsing:
        from .i18n import t

        click.echo(t("click.version_line") % {"prog": "kehoach", "version": __version__})
        ctx.exit()


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng; hoặc biến KEHOACH_DB)")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, is_eager=True, callback=_lang_chosen,
              help="Ngôn ngữ giao diện (vi mặc định, en)")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Hiện phiên bản rồi thoát.")
@click.pass_context
def main_group(ctx: click.Context, db_path: Path | None, lang: str | None) -> None:
    """Kế hoạch chuyển đổi số cấp xã: nhiệm vụ, kiểm tra đầu giờ, sự cố, báo cáo, đồng bộ."""
    from .config import default_db_path

    lang = _language(lang)
    ctx.obj = AppContext(db_path=db_path or default_db_path(), lang=lang)
    if ctx.invoked_subcommand is None:
        from .tui import run_tui

        run_tui(ctx.obj)


for command in (init, officer, tasks, plans, plan, incident, incidents, keys, export, import_, province, backup, restore, doctor, checklist, task, targets, target, mail, outbox, report, serve, settings, units, unit):
    main_group.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors, never a traceback, for anything a person can cause."""
    from .errors import KehoachError

    _use_language(_language(None))  # the language of the environment until --lang says otherwise
    try:
        main_group.main(args=argv, prog_name="kehoach", standalone_mode=False)
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
        UserError(str(exc)).show()
        sys.exit(1)
    except OSError as exc:  # in words, by errno: never "[Errno 2] No such file or directory"
        from .errors import os_reason

        UserError(os_reason(exc, with_file=True)).show()
        sys.exit(1)
