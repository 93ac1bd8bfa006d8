"""Starting the TUI: open the store, run the app. No click here (cli.py starts the TUI
without it); a database that cannot be opened raises StoreError with its one-line reason."""

from __future__ import annotations

import gc
import os
from pathlib import Path


def run_tui(db_path: Path) -> None:
    # No cyclic garbage collection until the first frame is painted (the app turns it on
    # again then, app.py): start-up makes a few hundred thousand objects that all stay, and
    # the collector walked them again and again while Textual and the store were loaded.
    gc.disable()
    from .store import open_store

    store = open_store(db_path)
    from .app import KehoachApp

    try:
        # KEHOACH_PREPARE=0: every screen is built when first shown (to measure that).
        prepare = os.environ.get("KEHOACH_PREPARE", "1") != "0"
        KehoachApp(store, daily_backup=True, prepare_screens=prepare).run()
    finally:
        store.close()
