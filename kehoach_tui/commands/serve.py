"""kehoach serve: the app in a browser window (see kehoach_tui/serve.py)."""

from __future__ import annotations

import click

from ..i18n import t
from .common import AppContext, UserError, echo, pass_app


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Cổng (0: chọn ngẫu nhiên một cổng trống)")
@click.option("--lan", is_flag=True, help="Cho máy khác trong mạng nội bộ mở (cần mã truy cập trong đường dẫn)")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt")
@pass_app
def serve(app: AppContext, port: int, lan: bool, no_browser: bool) -> None:
    """Mở ứng dụng trong trình duyệt (cho máy có cửa sổ dòng lệnh hiển thị kém)."""
    from ..serve import AlreadyServing
    from ..serve import serve as run_server

    app.open(require_init=False).close()  # migrate (backup first) and report errors here, once
    try:
        run_server(app.db_path, port=port, lan=lan, browser=not no_browser, echo=echo)
    except AlreadyServing as busy:
        info = busy.info
        raise UserError(t("serve.already", db=app.db_path, pid=info.get("pid", "?"),
                          url=info.get("url", "?"))) from None
    except OSError as exc:
        raise UserError(str(exc)) from None
