"""Starting the TUI from the CLI: open the store (one-line error if it cannot), run the app."""

from __future__ import annotations

from .commands.common import AppContext, UserError


def run_tui(ctx: AppContext) -> None:
    from .store import StoreError, open_store

    try:
        store = open_store(ctx.db_path)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    from .app import KehoachApp

    try:
        KehoachApp(store, daily_backup=True).run()
    finally:
        store.close()
