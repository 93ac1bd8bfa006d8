"""Shared fixtures: a pinned "today", a private data folder, seeded stores, the command line."""

from __future__ import annotations

import inspect
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from kehoach_tui.i18n import set_lang, set_strict

TODAY = "2025-11-05"

# Bytecode for the whole run, its workers and every program a test starts, kept outside the
# repository: where PYTHONDONTWRITEBYTECODE is set (this machine does), each worker and each
# `kehoach` child would otherwise compile the package from source again (≈ 0.8 s of CPU each).
# Set here, at the first conftest import, so the workers the controller starts inherit it.
PYCACHE = Path(os.environ.get("PYTHONPYCACHEPREFIX") or Path(tempfile.gettempdir()) / f"kehoach-tests-pycache-{getattr(os, 'getuid', int)()}")
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
sys.dont_write_bytecode = False
sys.pycache_prefix = str(PYCACHE)

set_strict(True)  # a key missing from the catalogue fails the test instead of showing the key
# Whole files marked `slow`: other processes killed or racing, the wheel build, the type check.
# Long fuzz tests carry the mark themselves.
SLOW_FILES = {"test_crash.py", "test_two_instances.py", "test_packaging.py", "test_types.py"}
# Up to this many test files named on the command line run in this process, not on workers:
# starting the workers costs more than such a run gains (and the machine is shared).
IN_PROCESS_FILES = 2


@pytest.hookimpl(tryfirst=True)  # before -m selects on the markers
def pytest_collection_modifyitems(config, items):
    """Mark `tui` every Pilot test (async: all of them drive an App) and snapshot test; run
    the longest kinds first (`slow`, then `tui`), so that no long test starts last on a worker
    and runs alone while the others wait."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()) or inspect.iscoroutinefunction(
                getattr(item, "obj", None)):
            item.add_marker(pytest.mark.tui)
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("tui") else 2)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (in addopts): two workers per core for the suite, none for a run of one or two
    files. Two per core because a Pilot test spends about half its time asleep in Textual's
    waits for the app to be idle (20 ms a key): with one worker per core the suite kept the
    two cores of this machine half busy (4:07 wall for 4:18 of CPU; 2:53 with four workers)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    named = [Path(arg.split("::")[0]) for arg in config.args]
    if named and len(named) <= IN_PROCESS_FILES and all(p.suffix == ".py" for p in named):
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 2 * cores


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test: today pinned, data dir and default DB inside tmp_path, Vietnamese UI."""
    monkeypatch.setenv("KEHOACH_TODAY", TODAY)
    monkeypatch.setenv("KEHOACH_EVENING_CLOCK", "1")  # config.now_utc: no midnight inside a run
    monkeypatch.setenv("KEHOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KEHOACH_DB", raising=False)
    monkeypatch.delenv("KEHOACH_LANG", raising=False)
    set_lang("vi")
    yield
    set_lang("vi")


async def until_first_screen(pilot) -> None:
    """Tổng quan is built just after Textual's start-up (app.py, on_mount): a test acts
    once it is there, as an officer does (or on the first-run form, which comes at once)."""
    app = pilot.app
    for _ in range(400):
        if app.setup_done or type(app.screen).__name__ == "FirstRunScreen":
            break
        await pilot.pause(0.01)
    await pilot.pause()


@pytest.fixture(autouse=True)
def _first_screen_before_acting(monkeypatch):
    """Every TUI test (Pilot or snapshot) starts from the first screen, whatever the load."""
    from contextlib import asynccontextmanager

    from kehoach_tui.app import KehoachApp

    real_run_test, real_run = KehoachApp.run_test, KehoachApp.run

    @asynccontextmanager
    async def run_test(self, *args, **kwargs):
        async with real_run_test(self, *args, **kwargs) as pilot:
            await until_first_screen(pilot)
            yield pilot

    def run(self, *args, auto_pilot=None, **kwargs):
        if auto_pilot is not None:
            inner = auto_pilot

            async def auto_pilot(pilot):
                await until_first_screen(pilot)
                await inner(pilot)

        return real_run(self, *args, auto_pilot=auto_pilot, **kwargs)

    monkeypatch.setattr(KehoachApp, "run_test", run_test)
    monkeypatch.setattr(KehoachApp, "run", run)


@pytest.fixture
def cli(capsys):
    """`kehoach` run in this process: cli("--db", path, "tasks") -> (exit code, stdout, stderr)."""
    from kehoach_tui.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code or 0
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "kehoach.db"


@pytest.fixture
def store(request, db_path):
    from kehoach_tui.store import open_store

    if "seeded" in request.fixturenames:  # start from a copy of the seeded database
        shutil.copyfile(request.getfixturevalue("_seeded_template"), db_path)
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory):
    """The default Nghĩa Thọ plan installed once per test process, as `seeded` would install
    it (same "today", same officer); each test gets its own copy of the file."""
    from kehoach_tui.communes import commune_by_code
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store import open_store
    from kehoach_tui.store.setup import initialise

    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "kehoach.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KEHOACH_TODAY", TODAY)
        patch.setenv("KEHOACH_EVENING_CLOCK", "1")
        patch.setenv("KEHOACH_DATA_DIR", str(folder / "data"))
        set_lang("vi")
        template = open_store(path)
        try:
            assert initialise(template, plan=resolve_plan("nghia-tho"), commune=commune_by_code("16969"),
                              officer="Nguyễn Văn A")
        finally:
            template.close()  # the last connection closed: everything is in the main file
    assert not (folder / "kehoach.db-wal").exists()
    return path


@pytest.fixture
def seeded(store):
    """A store initialised with the default Nghĩa Thọ plan (a copy of _seeded_template)."""
    from kehoach_tui.store.settings import is_initialised

    assert is_initialised(store)
    return store
