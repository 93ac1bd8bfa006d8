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


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng; hoặc biến KEHOACH_DB)")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Ngôn ngữ giao diện (vi mặc định, en)")
@click.version_option(__version__, "--version", prog_name="kehoach")
@click.pass_context
def main_group(ctx: click.Context, db_path: Path | None, lang: str | None) -> None:
    """Kế hoạch chuyển đổi số cấp xã: nhiệm vụ, kiểm tra đầu giờ, sự cố, báo cáo, đồng bộ."""
    from .config import default_db_path
    from .i18n import set_lang

    lang = lang or os.environ.get("KEHOACH_LANG") or "vi"
    if lang not in ("vi", "en"):
        lang = "vi"
    set_lang(lang)
    ctx.obj = AppContext(db_path=db_path or default_db_path(), lang=lang)
    if ctx.invoked_subcommand is None:
        from .tui import run_tui

        run_tui(ctx.obj)


for command in (init, officer, tasks, plans, plan, incident, incidents, keys, export, import_, province, backup, restore, doctor, checklist, task, targets, target, mail, outbox, report, serve, settings, units, unit):
    main_group.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors, never a traceback, for anything a person can cause."""
    from .errors import KehoachError

    try:
        main_group.main(args=argv, prog_name="kehoach", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (KehoachError, OSError) as exc:
        UserError(str(exc)).show()
        sys.exit(1)
