"""What `kehoach` imports before the officer sees Tổng quan with its data.

The child process starts the TUI exactly as the `kehoach` script does (cli.main with only
--db), headless, and lists sys.modules when the app starts preparing the other screens: right
after the first frame, which must show the overview's group table with its rows. Every
module named here costs start-up time or memory on the commune's slow PC and belongs to a
command or a later screen, not to the first frame.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# Not before the first frame: the command line (click), validation of what is written
# (pydantic), the write helper (sqlite-utils), the report writers (docx, openpyxl), sync
# signatures (nacl), the mail password store (keyring), the TUI of the province.
FORBIDDEN = ("click", "pydantic", "pydantic_core", "sqlite_utils", "docx", "openpyxl", "lxml", "nacl",
             "keyring", "kehoach_tui.commands", "kehoach_tui.province", "kehoach_tui.reports",
             "kehoach_tui.sync")
# dateutil is the one heavy-ish import left: the "next report due" card reads the plan's
# recurrence rules (RFC 5545) with it.

CHILD = """
import sys

import kehoach_tui.app as app_module

run = app_module.KehoachApp.run
prepare = app_module.KehoachApp._prepare_screens
seen = []


def first_prepare(self):
    # The other screens are prepared once the first frame is painted: what is loaded then is
    # what the first frame needed.
    if not seen:
        # Tổng quan, under the start-up officer question when there is one (it is asked
        # when no officer, or more than one, is on the list)
        screen = next(s for s in self.screen_stack if type(s).__name__ == "OverviewScreen")
        tables = screen.query("#group-table")
        assert tables and tables.first().row_count
        print("TOP", type(self.screen).__name__)
        import gc
        print("GC", gc.isenabled(), gc.get_freeze_count() > 0)
        seen.append(sorted(sys.modules))
    prepare(self)


async def pilot(pilot):
    for _ in range(200):
        await pilot.pause(0.02)
        if seen:
            break
    else:
        raise SystemExit("the overview never showed its groups")
    print("MODULES", " ".join(seen[0]))
    pilot.app.exit()


app_module.KehoachApp._prepare_screens = first_prepare
app_module.KehoachApp.run = lambda self, **_: run(self, headless=True, size=(80, 24), auto_pilot=pilot)
from kehoach_tui.cli import main

main(["--db", sys.argv[1]])
"""


def loaded_before_first_frame(db) -> tuple[list[str], str]:
    """The modules loaded, and the screen on top (Tổng quan, or the officer question)."""
    run = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    # The collector, held through start-up (tui.py), is on again, what start-up made frozen.
    assert "GC True True" in lines, lines
    line = next(line for line in lines if line.startswith("MODULES "))
    return line.split()[1:], next(line for line in lines if line.startswith("TOP ")).split()[1]


def offenders(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))


@pytest.mark.parametrize("officer", [[], ["--officer", "Nguyễn Văn An"]], ids=["asks-the-officer", "one-officer"])
def test_the_first_frame_imports_nothing_it_does_not_show(db_path, officer):
    init = subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(db_path), "init", *officer],
                          capture_output=True, text=True, encoding="utf-8")
    assert init.returncode == 0, init.stderr
    modules, top = loaded_before_first_frame(db_path)
    assert top == ("OverviewScreen" if officer else "OfficerForm")  # the question is part of the first frame
    assert "kehoach_tui.screens.overview" in modules  # it did reach the first frame
    assert offenders(modules) == []
    # One officer: nothing is asked, so the dialogs' code (and its text fields) is not loaded.
    assert ("kehoach_tui.screens.officers" in modules) == (not officer)


def test_the_check_sees_a_forbidden_module():
    assert offenders(["textual", "click", "pydantic.main", "kehoach_tui.commands.root", "clickhouse"]) == [
        "click", "kehoach_tui.commands.root", "pydantic.main"]
