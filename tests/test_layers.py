"""The layers, checked on the code: the import-linter contracts of pyproject.toml, SQL only
in the store packages, and a start-up that reads without sqlite-utils."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kehoach_tui"
STORES = (PACKAGE / "store", PACKAGE / "province" / "store")
SQL_CALLS = {"execute", "executemany", "executescript"}


def test_import_contracts_hold():
    """`lint-imports` on the contracts in pyproject.toml (in a child process: the linter
    changes sys.path and the logging set-up of the process it runs in)."""
    code = ("from importlinter.cli import lint_imports\n"
            f"raise SystemExit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r},"
            " no_cache=True, no_logo=True))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "BROKEN" not in run.stdout and " 0 broken" in run.stdout


def _outside_the_stores() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not any(p.is_relative_to(s) for s in STORES)]


def sql_calls(source: str) -> list[int]:
    """Lines of the `x.execute(…)`, `x.executemany(…)`, `x.executescript(…)` calls."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS]


def test_no_sql_outside_the_store_packages():
    offenders = [f"{path.relative_to(ROOT)}:{line}" for path in _outside_the_stores()
                 for line in sql_calls(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_sql_finder_sees_what_it_looks_for():
    source = ("def f(store):\n    store.conn.execute('SELECT 1')\n"
              "    db.conn.executemany('x', [])\n    getattr(db, 'conn').executescript('')\n"
              "    execute('a function, not a connection')\n")
    assert sql_calls(source) == [2, 3, 4]


def test_the_start_up_reads_without_sqlite_utils(tmp_path):
    """Opening the app on an initialised database and showing Tổng quan (its cards, the
    report due, the incidents) reads on the plain connection: sqlite-utils, a write tool,
    is not imported until something is written."""
    db = tmp_path / "kehoach.db"
    init = subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(db), "init"],
                          capture_output=True, text=True, encoding="utf-8")
    assert init.returncode == 0, init.stderr
    code = f"""
import asyncio, sys
from kehoach_tui.app import KehoachApp
from kehoach_tui.store import open_store

async def main():
    store = open_store({str(db)!r})
    app = KehoachApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.current_mode == "overview", app.current_mode
    store.close()

asyncio.run(main())
print(sorted(m for m in sys.modules if m.split(".")[0] == "sqlite_utils"))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"
