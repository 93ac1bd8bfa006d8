"""Starting the TUI: open the store, run the app. No click here (cli.py starts the TUI
without it); a database that cannot be opened raises StoreError with its one-line reason."""

from __future__ import annotations

from pathlib import Path


def run_tui(db_path: Path) -> None:
    from .store import open_store

    store = open_store(db_path)
    from .app import KehoachApp

    try:
        KehoachApp(store, daily_backup=True).run()
    finally:
        store.close()
